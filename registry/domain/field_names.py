"""The names a reader knows a project's fields by, for the messages that name a field.

Problems are raised on field paths (``inputs.energy_after[0].quantity``), which the JSON API
answers as they are; a page names the field as its form labels it — 能源数据 · 改造后（报告期） ·
第 1 行 · 数量 —, so a district officer finds the field without knowing the document's keys.
Pure lookups returning msgids; the edges translate and join the parts.
"""
from __future__ import annotations

import re
from typing import Mapping

from registry.domain.errors import N_, Message

# The project form's fields (the wizard's labels) and the workflow's.
FORM_FIELDS: Mapping[str, str] = {
    "kind": N_("Kind of project"), "year": N_("Year"), "title": N_("Project name"), "district_code": N_("District"),
    "structural_mode": N_("Mode of exit"), "credit_code": N_("Unified social credit code"),
    "enterprise_name": N_("Enterprise name"), "industry_code": N_("Industry code (GB/T 4754-2017)"),
    "parcel_ids": N_("Parcels"), "new_parcels": N_("Parcels"), "inputs": N_("Energy data"),
    "investment_wan_yuan": N_("Investment (10,000 yuan)"), "subsidy_requested_wan_yuan": N_("Subsidy requested (10,000 yuan)"),
    "output_value_wan_yuan": N_("Output value (10,000 yuan)"), "planned_completion": N_("Planned completion"),
    "reason": N_("Reason for the correction (recorded in the history)"), "comment": N_("Comment"),
    "completed_on": N_("Completed on"), "subsidy_approved_wan_yuan": N_("Subsidy approved (10,000 yuan)"),
    # a batch of workflow steps (the project list's)
    "projects": N_("Selected projects"), "action": N_("Workflow step"),
}
# The bulk import's form (and a document's upload: its file): a refused upload named 'file' on a Chinese page.
UPLOAD_FIELDS: Mapping[str, str] = {
    "file": N_("File"), "target": N_("What the file holds"), "crs": N_("Coordinate system of the file"),
    "encoding": N_("Text encoding of a Shapefile without .cpg"), "layer": N_("Layer (GeoPackage, KML)"),
    "mapping": N_("Saved field mapping"), "on_error": N_("When a row is refused"),
}
# The savings input document's fields (docs/accounting.md), as the wizard's energy step labels them.
LEDGERS: Mapping[str, str] = {
    "energy_before": N_("Before the project (baseline)"), "energy_after": N_("After the project (reporting)"),
    "energy_use": N_("Energy use in the last full year before the exit"),
}
INPUT_FIELDS: Mapping[str, str] = {
    "kind": N_("Kind of project"), "year": N_("Year"), "baseline_year": N_("Baseline year"), "method": N_("Method"),
    "mv_method": N_("M&V method"), "emc_model": N_("EMC model"), "new_energy": N_("New energy"),
    "efficiency_before": N_("Efficiency before (0–1)"), "efficiency_after": N_("Efficiency after (0–1)"),
    "intensity_before": N_("Intensity before"), "intensity_after": N_("Intensity after"),
    "intensity_unit": N_("Intensity unit"), "output_reporting": N_("Output in the reporting period"),
    "motors": N_("Motor groups"), **LEDGERS,
    # a ledger line's
    "energy": N_("Energy"), "quantity": N_("Quantity"), "unit": N_("Unit"), "factor_kgce_per_unit": N_("Measured factor"),
    # a motor group's
    "count": N_("Count"), "rated_kw": N_("Rated power (kW)"), "load_factor": N_("Load factor (0–1)"),
    "hours_per_year": N_("Hours per year"), "remanufactured": N_("Remanufactured"),
}
# A new parcel's: its geometry is the parcel itself.
NEW_PARCEL_FIELDS: Mapping[str, str | None] = {
    "geometry": None, "properties": None, "land_use_class": N_("Land use"),
    "overlap_reason": N_("Reason for the overlap (required)"),
}

_STEP = re.compile(r"(?P<name>[a-z_0-9]+)(?:\[(?P<index>\d+)\])?")


def _steps(path: str) -> list[tuple[str, int | None]] | None:
    steps = []
    for part in path.split("."):
        step = _STEP.fullmatch(part)
        if step is None:
            return None
        steps.append((step["name"], int(step["index"]) + 1 if step["index"] is not None else None))
    return steps


def _numbered(name: str, number: int | None) -> list[Message]:
    """A list of the document and the item ``number`` of it (1-based, as the form counts)."""
    if name == "motors" and number is not None:
        return [Message(N_("Motor group %(number)s"), {"number": number})]
    return [Message(INPUT_FIELDS[name])] + ([Message(N_("Line %(number)s"), {"number": number})] if number else [])


def input_field_name(path: str) -> tuple[Message, ...] | None:
    """The parts naming a field of the savings input document (``motors[0].count`` → 第 1 组电机 ·
    台数), or ``None`` for a path the form has no field for."""
    steps = _steps(path)
    if not steps or any(name not in INPUT_FIELDS for name, _ in steps):
        return None
    return tuple(part for name, number in steps for part in _numbered(name, number))


def project_field_name(path: str) -> tuple[Message, ...] | None:
    """The parts naming a field of the project form (``inputs.energy_after[0].quantity`` → 能源数据 ·
    改造后（报告期） · 第 1 行 · 数量), or ``None`` for a path the form has no field for."""
    head, _, rest = path.partition(".")
    if path in FORM_FIELDS or path in UPLOAD_FIELDS:
        return (Message(FORM_FIELDS.get(path) or UPLOAD_FIELDS[path]),)
    if head == "inputs":
        inner = input_field_name(rest)
        return None if inner is None else (Message(FORM_FIELDS["inputs"]), *inner)
    steps = _steps(path)
    if steps and steps[0][0] == "new_parcels" and steps[0][1] is not None:
        leaves = [NEW_PARCEL_FIELDS.get(name, "") for name, _ in steps[1:]]
        if "" in leaves:
            return None
        return (Message(N_("New parcel %(number)s"), {"number": steps[0][1]}),
                *(Message(leaf) for leaf in leaves if leaf))
    return None
