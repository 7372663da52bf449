"""Rollups as JSON (the API and ``registry rollup --format json``) and CSV.

Numbers are JSON numbers (floats of the exact sums); labels are rendered with the caller's
``translate``. The same ``Rollup`` feeds the XLSX (``rollup_xlsx``), so every format agrees.
"""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable, Sequence

from registry import clock
from registry.domain.errors import N_
from registry.domain.rollup_notes import ReportNote
from registry.domain.rollup_subsidies import SUBSIDY_FIELDS, Subsidies
from registry.domain.rollups import COUNT_FIELDS, FIGURE_FIELDS, RULES, Figures
from registry.domain.targets import METRICS, UNITS
from registry.domain.trace import json_number
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES
from registry.services.rollup_data import Rollup
from registry.services.spreadsheet_cells import csv_rows

Translate = Callable[[str], str]


def _figures(figures: Figures) -> dict[str, Any]:
    return {name: getattr(figures, name) if name in COUNT_FIELDS else json_number(figures.value(name))
            for name in FIGURE_FIELDS}


def _subsidies(subsidies: Subsidies | None) -> dict[str, Any]:
    """The approved and requested totals (万元); null in a frozen report closed before they were frozen."""
    return {name: None if subsidies is None else json_number(getattr(subsidies, name)) for name in SUBSIDY_FIELDS}


def _group(subsidies: dict[str, Subsidies] | None, key: str) -> dict[str, Any]:
    return _subsidies(None if subsidies is None else subsidies[key])


def _of_cell(subsidies: dict[tuple[str, str, str], Subsidies] | None, key: tuple[str, str, str]) -> Subsidies | None:
    return None if subsidies is None else subsidies.get(key, Subsidies())


def _moment(value: datetime | None, timespec: str = "auto") -> str | None:
    """ISO 8601 in Shanghai time with its offset (2026-12-05T06:13:07+08:00), whatever zone the
    value came in: the day in it is the registry's day."""
    return clock.local(value).isoformat(timespec=timespec) if value is not None else None


def district_name(rollup: Rollup, code: str, english: bool) -> str:
    names = rollup.districts.get(code)
    return (names[1] if english else names[0]) if names else code


def rollup_json(rollup: Rollup, translate: Translate, today: date, english: bool = False,
                notes: Sequence[ReportNote] = ()) -> dict[str, Any]:
    """The report as a JSON-ready dict: totals, progress against targets, by district, by kind, cells,
    and its ``notes`` (``services/rollups.report_notes``) in the reader's language."""
    progress = []
    for row, reported in rollup.progress(today):
        metric = row.metric
        progress.append({
            "metric": metric.code, "label": translate(metric.label), "unit": metric.unit,
            "unit_label": translate(UNITS[metric.unit]), "basis": metric.basis,
            "target": json_number(row.target), "target_max": json_number(row.target_max),
            "actual": json_number(row.actual), "actual_source": row.actual_source,
            "reported_actual": json_number(reported), "percent": json_number(row.percent),
            "expected_percent": json_number(row.expected_percent), "expected_value": json_number(row.expected_value),
            "behind_pace": row.behind_pace,
        })
    frozen = rollup.frozen
    by_district, by_kind, by_cell = rollup.subsidies_by_district(), rollup.subsidies_by_kind(), rollup.cell_subsidies()
    return {
        "year": rollup.year, "rule": rollup.rule, "rule_label": translate(RULES[rollup.rule]),
        "as_of": _moment(rollup.as_of), "district_code": rollup.district_code,
        "pace_date": rollup.pace_date(today).isoformat(),
        "frozen": None if frozen is None else {
            "closed_at": _moment(frozen.closed_at), "as_of": _moment(frozen.as_of), "sha256": frozen.sha256},
        "is_frozen_report": rollup.is_frozen_report,
        "totals": {**_figures(rollup.totals), **_subsidies(rollup.subsidy_totals)},
        "progress": progress,
        "by_district": [{"district_code": code, "name": district_name(rollup, code, english), **_figures(f),
                         **_group(by_district, code)} for code, f in rollup.by_district().items()],
        "by_kind": [{"kind": kind, "label": translate(PROJECT_KINDS.get(kind, kind)), **_figures(f),
                     **_group(by_kind, kind)} for kind, f in rollup.by_kind().items()],
        "cells": [{"district_code": c.district_code, "kind": c.kind, "status": c.status, **_figures(c.figures),
                   **_subsidies(_of_cell(by_cell, c.key))} for c in rollup.cells],
        "adjustments": [{"district_code": a.district_code, "kind": a.kind, "status": a.status,
                         "frozen": _figures(a.frozen), "live": _figures(a.live), "delta": _figures(a.delta)}
                        for a in rollup.adjustments],
        "notes": [{"code": note.code, "metric": note.metric, "text": note.message.render(translate)} for note in notes],
    }


# ``notes``: the report's notes where they apply, one a line — a kind's on its rows (the boilers
# counted as projects), every note on the total row (docs/rollups.md, "Notes in the downloads")
CSV_COLUMNS = ("year", "rule", "as_of", "district_code", "district", "kind", "kind_label", "status",
               "status_label", *FIGURE_FIELDS, *SUBSIDY_FIELDS, "notes")


def _csv_number(value: Decimal | int) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _csv_subsidies(subsidies: Subsidies | None) -> list[str]:
    """Empty cells where the report has no money (a frozen report closed before it was frozen)."""
    return ["" if subsidies is None else _csv_number(getattr(subsidies, name)) for name in SUBSIDY_FIELDS]


def _notes_of_kind(notes: Sequence[ReportNote], kind: str | None, translate: Translate) -> str:
    """The notes about a metric that counts ``kind``; None: every note (the total row's)."""
    return "\n".join(note.message.render(translate) for note in notes
                     if kind is None or (note.metric and kind in _kinds_of(note.metric)))


def _kinds_of(metric: str) -> tuple[str, ...]:
    measure = METRICS[metric].measure
    return (measure.kinds or tuple(PROJECT_KINDS)) if measure else ()


def rollup_csv(rollup: Rollup, translate: Translate, english: bool = False, notes: Sequence[ReportNote] = ()) -> bytes:
    """One row per cell (district × kind × status) and a total row; UTF-8 with BOM for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    by_cell = rollup.cell_subsidies()
    head = [rollup.year, rollup.rule, _moment(rollup.as_of, "seconds") or ""]
    rows = [[*head, cell.district_code, district_name(rollup, cell.district_code, english), cell.kind,
             translate(PROJECT_KINDS.get(cell.kind, cell.kind)), cell.status,
             translate(PROJECT_STATUSES.get(cell.status, cell.status)),
             *(_csv_number(getattr(cell.figures, name)) for name in FIGURE_FIELDS),
             *_csv_subsidies(_of_cell(by_cell, cell.key)), _notes_of_kind(notes, cell.kind, translate)]
            for cell in rollup.cells]
    totals = rollup.totals
    rows.append([*head, "", translate(N_("Total")), "", "", "", "",
                 *(_csv_number(getattr(totals, name)) for name in FIGURE_FIELDS), *_csv_subsidies(rollup.subsidy_totals),
                 _notes_of_kind(notes, None, translate)])
    writer.writerows(csv_rows(rows))  # district names come from imported boundaries
    return ("\ufeff" + out.getvalue()).encode("utf-8")
