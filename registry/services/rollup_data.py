"""The rollup report as data: what the page, the API, the CLI and the Excel/CSV exports render.

A ``Rollup`` is built from live cells, from history (``as_of``), or from a closed year's frozen
snapshot. Its snapshot form is canonical JSON (sorted keys, exact decimal strings, no whitespace),
so the same report always has the same bytes and the same sha256.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable

from registry.domain.numbers import plain
from registry.domain.rollup_subsidies import Subsidies, SubsidyCell, subsidies_by, subsidy_total
from registry.domain.rollup_progress import Progress, measured_value, progress
from registry.domain.rollups import SHANGHAI, Adjustment, Cell, Figures, group_by, total
from registry.domain.targets import METRICS
from registry.domain.vocabulary import PROJECT_KINDS
from registry.repositories.rollups import ProjectLine

# 2 (2026-12): each project line carries its subsidies; a line of version 1 has none, its report
# shows no money per project (its workbook stays as it was)
SNAPSHOT_VERSION = 2
_LINE_SUBSIDIES = ("subsidy_requested_wan_yuan", "subsidy_approved_wan_yuan")


@dataclass(frozen=True)
class TargetLine:
    scope: str
    district_code: str | None
    metric: str
    kind: str  # plan | actual
    value: Decimal
    value_max: Decimal | None
    unit: str
    source: str | None


@dataclass(frozen=True)
class Frozen:
    """The closing of a year: when, as of when, and the checksum of the frozen snapshot."""

    closed_at: datetime
    as_of: datetime
    sha256: str


@dataclass(frozen=True)
class Rollup:
    year: int
    rule: str
    as_of: datetime | None  # the moment the figures describe; None = now
    district_code: str | None
    districts: dict[str, tuple[str, str]]  # code → (name_zh, name_en)
    cells: tuple[Cell, ...]
    targets: tuple[TargetLine, ...]
    projects: tuple[ProjectLine, ...] | None = None
    frozen: Frozen | None = None  # set when the year is closed
    is_frozen_report: bool = False  # True: these are the frozen figures themselves
    adjustments: tuple[Adjustment, ...] = ()
    # the counted projects' subsidies; None in a frozen report closed before they were frozen with it
    subsidies: tuple[SubsidyCell, ...] | None = None
    # False in a frozen report whose project lines were frozen without their subsidies (version 1)
    line_subsidies: bool = True

    @property
    def totals(self) -> Figures:
        return total(self.cells)

    @property
    def subsidy_totals(self) -> Subsidies | None:
        return None if self.subsidies is None else subsidy_total(self.subsidies)

    def subsidies_by_district(self) -> dict[str, Subsidies] | None:
        """The subsidies of ``by_district``'s rows (every district of the report, at 0 when nothing)."""
        codes = [self.district_code] if self.district_code else list(self.districts)
        return None if self.subsidies is None else subsidies_by(self.subsidies, "district_code", every=codes)

    def subsidies_by_kind(self) -> dict[str, Subsidies] | None:
        return None if self.subsidies is None else subsidies_by(self.subsidies, "kind", every=PROJECT_KINDS)

    def cell_subsidies(self) -> dict[tuple[str, str, str], Subsidies] | None:
        """Each cell's subsidies by its key (a cell's projects, hence its money, are the same)."""
        return None if self.subsidies is None else {c.key: c.subsidies for c in self.subsidies}

    def by_district(self) -> dict[str, Figures]:
        """Figures per district in code order: every district of the report (all, or its one), a
        district with nothing counted at 0, as the chart and the map show it — a leader looks for
        the district that has done nothing too (docs/rollups.md, "Decisions")."""
        codes = [self.district_code] if self.district_code else list(self.districts)
        return group_by(self.cells, "district_code", every=codes)

    def district_targets(self, today: date) -> dict[str, tuple[int, int]]:
        """District → (its plan targets of the year, how many of them are behind pace), for the
        districts that have targets of their own: what the city-wide table says beside each figure."""
        if self.district_code is not None:
            return {}
        planned = {t.district_code for t in self.targets if t.scope == "district" and t.kind == "plan"}
        summary = {}
        for code in sorted(c for c in planned if c):
            rows = [p for p, _ in self.for_district(code).progress(today) if p.target is not None]
            summary[code] = (len(rows), sum(p.behind_pace for p in rows))
        return summary

    def by_kind(self) -> dict[str, Figures]:
        """Figures per project kind in the programme's order: every kind, one with nothing counted
        at 0, as every district is in ``by_district`` (docs/rollups.md, "Decisions")."""
        return group_by(self.cells, "kind", every=PROJECT_KINDS)

    def equal_value_missing(self, metric_code: str) -> int:
        """Counted projects of the metric's kinds whose 等价值 figure is unknown (summed as 0)."""
        measure = METRICS[metric_code].measure
        return total(self.cells, measure.kinds).equal_value_missing if measure else 0

    def pace_date(self, today: date) -> date:
        return self.as_of.astimezone(SHANGHAI).date() if self.as_of else today

    def scoped_targets(self) -> list[TargetLine]:
        """City targets, or the district's own when the report is for one district."""
        if self.district_code is None:
            return [t for t in self.targets if t.scope == "city"]
        return [t for t in self.targets if t.district_code == self.district_code]

    def target_sources(self) -> list[str]:
        """Where the report's targets come from (the plans' documents first, then the reported
        actuals'), each once, as the targets page recorded them."""
        lines = sorted(self.scoped_targets(), key=lambda t: t.kind != "plan")
        return list(dict.fromkeys(t.source.strip() for t in lines if t.source and t.source.strip()))

    def progress(self, today: date) -> list[tuple[Progress, Decimal | None]]:
        """(progress, reported actual) per metric: every measured metric, and the others with a target."""
        on = self.pace_date(today)
        plans = {t.metric: t for t in self.scoped_targets() if t.kind == "plan"}
        reported = {t.metric: t.value for t in self.scoped_targets() if t.kind == "actual"}
        rows = []
        for metric in METRICS.values():
            if not metric.measured and metric.code not in plans and metric.code not in reported:
                continue
            plan = plans.get(metric.code)
            actual = measured_value(metric, self.cells)
            source = "registry" if metric.measured else ("reported" if metric.code in reported else "none")
            rows.append((progress(metric, plan.value if plan else None, plan.value_max if plan else None,
                                  actual if metric.measured else reported.get(metric.code), source, self.year, on),
                         reported.get(metric.code)))
        return rows

    def for_district(self, district_code: str | None) -> "Rollup":
        """The same report narrowed to one district (used on frozen snapshots)."""
        if district_code is None:
            return self
        return replace(
            self, district_code=district_code,
            cells=tuple(c for c in self.cells if c.district_code == district_code),
            projects=None if self.projects is None else tuple(p for p in self.projects if p.district_code == district_code),
            adjustments=tuple(a for a in self.adjustments if a.district_code == district_code),
            subsidies=None if self.subsidies is None else tuple(
                c for c in self.subsidies if c.district_code == district_code),
        )


# --- canonical snapshot --------------------------------------------------------------------------
def _value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _line_json(line: ProjectLine) -> dict[str, Any]:
    return {f.name: _value(getattr(line, f.name)) for f in fields(ProjectLine)}


def _line_from(data: dict[str, Any]) -> ProjectLine:
    parse: dict[str, Callable[[Any], Any]] = {
        "completed_on": date.fromisoformat, "verified_on": date.fromisoformat,
        **{name: Decimal for name in ("savings_tce", "savings_tce_equal_value", "installed_kw", "remanufactured_kw",
                                      "investment_wan_yuan", "freed_land_m2", *_LINE_SUBSIDIES)},
    }
    data = dict.fromkeys(_LINE_SUBSIDIES) | data  # a line frozen before it carried them: unknown
    return ProjectLine(**{k: (parse[k](v) if k in parse and v is not None else v) for k, v in data.items()})


def snapshot_of(rollup: Rollup) -> str:
    """The canonical JSON text of a city-wide report (with its project list)."""
    document = {
        "version": SNAPSHOT_VERSION, "year": rollup.year, "rule": rollup.rule,
        "as_of": _value(rollup.as_of), "districts": {k: list(v) for k, v in rollup.districts.items()},
        "cells": [{"district_code": c.district_code, "kind": c.kind, "status": c.status, **c.figures.to_json()}
                  for c in rollup.cells],
        "targets": [{f.name: _value(getattr(t, f.name)) for f in fields(TargetLine)} for t in rollup.targets],
        "projects": [_line_json(p) for p in rollup.projects or ()],
        # since 2026-12; a snapshot frozen before has no such key and its report no money
        "subsidies": [{"district_code": c.district_code, "kind": c.kind, "status": c.status, **c.subsidies.to_json()}
                      for c in rollup.subsidies or ()],
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sha256_of(snapshot: str) -> str:
    return hashlib.sha256(snapshot.encode("utf-8")).hexdigest()


def rollup_from_snapshot(snapshot: str, frozen: Frozen) -> Rollup:
    data = json.loads(snapshot)
    cells = tuple(Cell(c["district_code"], c["kind"], c["status"], Figures.from_json(c)) for c in data["cells"])
    targets = tuple(TargetLine(
        t["scope"], t["district_code"], t["metric"], t["kind"], Decimal(t["value"]),
        Decimal(t["value_max"]) if t["value_max"] is not None else None, t["unit"], t["source"],
    ) for t in data["targets"])
    return Rollup(
        year=data["year"], rule=data["rule"], as_of=datetime.fromisoformat(data["as_of"]), district_code=None,
        districts={k: (v[0], v[1]) for k, v in data["districts"].items()}, cells=cells, targets=targets,
        projects=tuple(_line_from(p) for p in data["projects"]), frozen=frozen, is_frozen_report=True,
        subsidies=None if "subsidies" not in data else tuple(
            SubsidyCell(c["district_code"], c["kind"], c["status"], Subsidies.from_json(c)) for c in data["subsidies"]),
        line_subsidies=data["version"] >= 2,
    )
