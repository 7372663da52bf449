"""SQL of the rollups: the trend by year, drill-down lists, and the frozen reports of closed years
(the cells themselves, live and as of a moment, are ``rollup_cells``). Read-only report queries
return DTOs directly."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry.domain.rollups import COUNT_FIELDS, FIGURE_FIELDS, RULE_DATES, Cell, Figures
from registry.domain.json_text import dump_json
from registry.domain.savings.calculators import HEADLINE_STEP_LABELS
from registry.domain.trace_storage import stored_forms

_MEASURES = [f for f in FIGURE_FIELDS if f not in COUNT_FIELDS]


def _figures(row: Any, offset: int) -> Figures:
    values = row[offset:offset + len(FIGURE_FIELDS)]
    return Figures(int(values[0]), int(values[1]), *(Decimal(v or 0) for v in values[2:]))


def _rule(rule: str) -> tuple[str, tuple[str, ...]]:
    return RULE_DATES[rule]


def _counted_where(alias: str, date_column: str) -> str:
    return (f"{alias}.status = ANY(:statuses) AND {alias}.{date_column} BETWEEN :first AND :last "
            f"AND (CAST(:district AS text) IS NULL OR {alias}.district_code = :district)")


def _as_of_params(year: int, rule: str, as_of: datetime | None, district_code: str | None) -> dict:
    _, statuses = _rule(rule)
    return {"statuses": list(statuses), "first": date(year, 1, 1), "last": date(year, 12, 31),
            "district": district_code, "as_of": as_of}


def trend(session: Session, rule: str, district_code: str | None = None) -> dict[int, Figures]:
    """Figures per year, now, from ``rollup_cells``."""
    date_kind, statuses = _rule(rule)
    sums = ", ".join(f"sum({m})" for m in _MEASURES)
    rows = session.execute(text(f"""
        SELECT year, sum(project_count), sum(equal_value_missing), {sums} FROM rollup_cells
        WHERE date_kind = :date_kind AND status = ANY(:statuses)
          AND (CAST(:district AS text) IS NULL OR district_code = :district)
        GROUP BY year HAVING sum(project_count) <> 0 ORDER BY year
    """), {"date_kind": date_kind, "statuses": list(statuses), "district": district_code})
    return {int(r[0]): _figures(r, 1) for r in rows}


def _by_rule(rows: Sequence[tuple[str, str, int]]) -> dict[str, int]:
    """The projects each counting rule counts among ``rows`` of (date kind, status, projects)."""
    return {rule: sum(int(n) for kind, status, n in rows if kind == date_kind and status in statuses)
            for rule, (date_kind, statuses) in RULE_DATES.items()}


def year_counts(session: Session, year: int, district_code: str | None = None) -> dict[str, int]:
    """The projects each counting rule counts in ``year`` now, from ``rollup_cells`` (one statement)."""
    rows = session.execute(text("""
        SELECT date_kind, status, sum(project_count) FROM rollup_cells
        WHERE year = :year AND (CAST(:district AS text) IS NULL OR district_code = :district)
        GROUP BY date_kind, status
    """), {"year": year, "district": district_code}).all()
    return _by_rule(rows)


def counted_years(session: Session) -> list[int]:
    """The years some counting rule counts a project in, now (one reading of ``rollup_cells``, a few
    hundred rows: each year's sums by date kind and status, judged by the rules as ``year_counts`` is)."""
    rows = session.execute(text("""
        SELECT year, date_kind, status, sum(project_count) FROM rollup_cells
        GROUP BY year, date_kind, status HAVING sum(project_count) <> 0
    """)).all()
    years: dict[int, list[tuple[str, str, int]]] = {}
    for year, kind, status, n in rows:
        years.setdefault(int(year), []).append((kind, status, n))
    return sorted(year for year, cells in years.items() if any(_by_rule(cells).values()))


@dataclass(frozen=True)
class ProjectLine:
    """One counted project, as a drill-down list and the report's project sheet show it."""

    id: int
    reference: str
    title: str
    kind: str
    status: str
    district_code: str
    completed_on: date | None
    verified_on: date | None
    savings_tce: Decimal | None
    savings_tce_equal_value: Decimal | None
    installed_kw: Decimal | None
    remanufactured_kw: Decimal | None
    investment_wan_yuan: Decimal | None
    freed_land_m2: Decimal | None
    # 万元 as recorded then (history keeps them since 0036); None: none recorded, not 0
    subsidy_requested_wan_yuan: Decimal | None
    subsidy_approved_wan_yuan: Decimal | None
    savings_method: str | None
    trace_summary: str | None  # "formula = value unit" (frozen before 2026-12: "formula = value")
    is_illustrative: bool

    def trace_worked(self) -> tuple[str, Decimal, str | None] | None:
        """The summary's formula, its result and the result's unit, to show as the project page does
        (None when the summary is not "formula = value").

        A summary frozen before 2026-12 has no unit: it is in tce when its result is the project's
        savings on either basis (the savings step; before 2026-12-05 the trace's last step, which
        was the 等价值 of a motor upgrade), else its unit is unknown (a kWh saved) and stays unsaid."""
        formula, equals, result = (self.trace_summary or "").rpartition(" = ")
        value, _, unit = result.partition(" ")
        try:
            number = Decimal(value)
        except ArithmeticError:
            return None
        if not equals:
            return None
        if not unit and number in _floats_of(self.savings_tce, self.savings_tce_equal_value):
            unit = "tce"
        return formula, number, unit or None

    def trace_summary_text(self) -> str:
        """The summary as the workbook writes it, "formula = value unit" (a unit known but not frozen added)."""
        worked = self.trace_worked()
        if worked is None or worked[2] is None or self.trace_summary.endswith(f" {worked[2]}"):
            return self.trace_summary or ""
        return f"{self.trace_summary} {worked[2]}"


def _floats_of(*figures: Decimal | None) -> set[Decimal]:
    """The figures as a trace holds them (a float's digits, docs/development.md "Exact numbers")."""
    return {Decimal(repr(float(figure))) for figure in figures if figure is not None}


_LINE_COLUMNS = """p.{id}, p.reference, p.title, p.kind, p.status, p.district_code, p.completed_on, p.verified_on,
    p.savings_tce, p.savings_tce_equal_value, p.installed_kw, p.remanufactured_kw, p.investment_wan_yuan,
    p.freed_land_m2, p.subsidy_requested_wan_yuan, p.subsidy_approved_wan_yuan, p.savings_method,
    (SELECT concat_ws(' = ', step ->> 'formula', concat_ws(' ', step ->> 'value', step ->> 'unit'))
       FROM jsonb_array_elements(cur.savings_trace -> 'steps') WITH ORDINALITY AS s (step, n)
      WHERE step -> 'label' = ANY(CAST(:headline_labels AS jsonb[])) ORDER BY n DESC LIMIT 1),
    p.is_illustrative"""


# A stored trace's labels are messages (domain/trace_storage.py): jsonb compares them as values,
# today's and those of traces stored before their msgid was renamed.
_HEADLINE_LABELS = [dump_json(form) for label in HEADLINE_STEP_LABELS for form in stored_forms(label)]


@dataclass(frozen=True)
class CountedSelection:
    """Which rows are the counted projects behind a rollup figure: ``p`` is ``projects`` (live) or
    ``project_history`` (``history``: as of a moment, the states then held), ``where`` its
    condition with ``params``. The drill-down list and its export (``project_exports``) read these."""

    history: bool
    where: str
    params: dict[str, Any]


def counted_selection(year: int, rule: str, as_of: datetime | None, district_code: str | None,
                      kinds: Sequence[str] = (), status: str | None = None) -> CountedSelection:
    date_kind, _ = _rule(rule)
    valid = "TRUE" if as_of is None else "p.valid_from <= :as_of AND (p.valid_to IS NULL OR p.valid_to > :as_of)"
    where = (f"{valid} AND {_counted_where('p', date_kind + '_on')} "
             "AND (cardinality(CAST(:kinds AS text[])) = 0 OR p.kind = ANY(:kinds)) "
             "AND (CAST(:status AS text) IS NULL OR p.status = :status)")
    params = _as_of_params(year, rule, as_of, district_code) | {"kinds": list(kinds), "status": status}
    return CountedSelection(as_of is not None, where, params)


def counted_total(session: Session, selection: CountedSelection) -> int:
    source = "project_history p" if selection.history else "projects p"
    return session.execute(text(f"SELECT count(*) FROM {source} WHERE {selection.where}"),
                           selection.params).scalar_one()


def project_lines(session: Session, year: int, rule: str, as_of: datetime | None, district_code: str | None,
                  kinds: Sequence[str] = (), status: str | None = None, limit: int | None = None,
                  offset: int = 0) -> tuple[list[ProjectLine], int]:
    """The counted projects behind a rollup figure, by reference, and how many there are in all.

    The trace summary is the current record's step that gives its savings (当量值, tce), not the
    trace's last step, which is often the electricity saved in kWh (history keeps figures, not traces).
    """
    selection = counted_selection(year, rule, as_of, district_code, kinds, status)
    if selection.history:
        source, columns = "project_history p", _LINE_COLUMNS.format(id="project_id")
        join = "LEFT JOIN projects cur ON cur.id = p.project_id"
    else:
        source, columns, join = "projects p", _LINE_COLUMNS.format(id="id"), "JOIN projects cur ON cur.id = p.id"
    total = counted_total(session, selection)
    if offset >= total:  # a page beyond the last (the drill-down redirects to its last page): nothing to read
        return [], total
    params = selection.params | {"limit": limit, "offset": offset, "headline_labels": _HEADLINE_LABELS}
    rows = session.execute(text(
        f"SELECT {columns} FROM {source} {join} WHERE {selection.where} ORDER BY p.reference LIMIT :limit OFFSET :offset"
    ), params)
    return [ProjectLine(*row) for row in rows], total


def district_names(session: Session) -> dict[str, tuple[str, str]]:
    rows = session.execute(text("SELECT code, name_zh, name_en FROM districts ORDER BY code"))
    return {r[0]: (r[1], r[2]) for r in rows}


def database_now(session: Session) -> datetime:
    """The database's clock (history intervals are stamped with it)."""
    return session.execute(text("SELECT clock_timestamp()")).scalar_one()


@dataclass(frozen=True)
class Closure:
    id: int
    year: int
    rule: str
    as_of: datetime
    snapshot: str
    sha256: str
    closed_by: int | None
    closed_at: datetime
    note: str | None


def find_closure(session: Session, year: int, rule: str, with_snapshot: bool = True) -> Closure | None:
    """The year's closing; its ``snapshot`` text (tens of MB at a million projects) only when asked."""
    snapshot = "snapshot" if with_snapshot else "NULL"
    row = session.execute(text(
        f"SELECT id, year, rule, as_of, {snapshot}, sha256, closed_by, closed_at, note FROM rollup_closures "
        "WHERE year = :year AND rule = :rule"), {"year": year, "rule": rule}).one_or_none()
    return Closure(*row) if row else None


def frozen_cells(session: Session, closure_id: int) -> list[Cell]:
    """The closed year's cells as frozen, stored beside its snapshot (migration 0039)."""
    rows = session.execute(text(
        f"SELECT district_code, kind, status, {', '.join(FIGURE_FIELDS)} FROM rollup_closure_cells "
        "WHERE closure_id = :id ORDER BY district_code, kind, status"), {"id": closure_id})
    return [Cell(r[0], r[1], r[2], _figures(r, 3)) for r in rows]


def insert_frozen_cells(session: Session, closure_id: int, cells: Sequence[Cell]) -> None:
    if cells:
        session.execute(text(
            f"INSERT INTO rollup_closure_cells (closure_id, district_code, kind, status, {', '.join(FIGURE_FIELDS)}) "
            f"VALUES (:id, :district_code, :kind, :status, {', '.join(':' + f for f in FIGURE_FIELDS)})"),
            [{"id": closure_id, "district_code": c.district_code, "kind": c.kind, "status": c.status,
              **{f: getattr(c.figures, f) for f in FIGURE_FIELDS}} for c in cells])


def closed_years(session: Session, rule: str) -> list[int]:
    return list(session.scalars(text("SELECT year FROM rollup_closures WHERE rule = :rule ORDER BY year"),
                                {"rule": rule}))


def insert_closure(session: Session, year: int, rule: str, as_of: datetime, snapshot: str, sha256: str,
                   user_id: int | None, note: str | None) -> int | None:
    """Store a closure, its id; None when the year is closed already (the existing one is kept)."""
    inserted = session.execute(text(
        "INSERT INTO rollup_closures (year, rule, as_of, snapshot, sha256, closed_by, note) "
        "VALUES (:year, :rule, :as_of, :snapshot, :sha256, :user_id, :note) ON CONFLICT DO NOTHING RETURNING id"),
        {"year": year, "rule": rule, "as_of": as_of, "snapshot": snapshot, "sha256": sha256,
         "user_id": user_id, "note": note}).scalar_one_or_none()
    return inserted


def has_illustrative_projects(session: Session) -> bool:
    return session.execute(text("SELECT EXISTS (SELECT 1 FROM projects WHERE is_illustrative)")).scalar_one()
