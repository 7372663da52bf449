"""SQL of the project exports: every project the list's filters select, or every project behind a
rollup figure, one row each with what the export writes, streamed from one statement (a
server-side cursor read in chunks), so an export of 100,000 projects never holds them all."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Iterator

from sqlalchemy import ColumnElement, Select, column, func, select, table, text, true
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from registry.models import Enterprise, Parcel, Project, project_parcels
from registry.repositories.projects import ListCriteria, list_conditions, list_order
from registry.repositories.rollups import CountedSelection
from registry.repositories.streaming import streamed_rows

# The rollup-relevant columns ``project_history`` keeps of each state (migrations 0006 and 0036).
_HISTORY = table("project_history", *(column(name) for name in (
    "project_id", "reference", "title", "kind", "year", "status", "district_code", "savings_tce",
    "savings_tce_equal_value", "installed_kw", "remanufactured_kw", "investment_wan_yuan",
    "subsidy_requested_wan_yuan", "subsidy_approved_wan_yuan", "freed_land_m2", "completed_on", "verified_on", "savings_method", "is_illustrative", "valid_from", "valid_to")))


@dataclass(frozen=True)
class ExportRow:
    """One project as the export writes it. Figures, status and dates are the state counted (as of
    a rollup's moment, for an as-of drill-down); the enterprise, the plan, the mode, the parcels and
    the last update are the project's now."""

    reference: str
    title: str
    enterprise_name: str | None
    credit_code: str | None
    district_code: str
    kind: str
    structural_mode: str | None
    status: str
    year: int
    planned_completion: date | None
    completed_on: date | None
    verified_on: date | None
    savings_tce: Decimal | None
    savings_tce_equal_value: Decimal | None
    savings_method: str | None  # how the savings were found
    installed_kw: Decimal | None
    remanufactured_kw: Decimal | None
    investment_wan_yuan: Decimal | None
    subsidy_requested_wan_yuan: Decimal | None
    subsidy_approved_wan_yuan: Decimal | None
    freed_land_m2: Decimal | None
    parcel_codes: list[str] | None
    parcels_area_m2: Decimal | None
    updated_at: datetime | None
    is_illustrative: bool
    project_id: int | None  # the project now (``None``: an as-of row of a project deleted since)


def _columns(figures, current) -> tuple[list[ColumnElement], Select]:
    """``ExportRow``'s columns: ``figures`` holds the counted state, ``current`` the project now."""
    f, cur = figures.c, current.c
    parcels = (select(func.array_agg(aggregate_order_by(Parcel.code, Parcel.code)).label("codes"),
                      func.sum(Parcel.area_m2).label("area_m2"))
               .select_from(project_parcels.join(Parcel, Parcel.id == project_parcels.c.parcel_id))
               .where(project_parcels.c.project_id == cur.id).lateral("pa"))
    return [f.reference, f.title, Enterprise.name, Enterprise.credit_code, f.district_code, f.kind,
            cur.structural_mode, f.status, f.year, cur.planned_completion, f.completed_on, f.verified_on,
            f.savings_tce, f.savings_tce_equal_value, f.savings_method, f.installed_kw, f.remanufactured_kw,
            f.investment_wan_yuan, f.subsidy_requested_wan_yuan, f.subsidy_approved_wan_yuan, f.freed_land_m2, parcels.c.codes, parcels.c.area_m2, cur.updated_at,
            f.is_illustrative, cur.id], parcels


def _select(figures, current, join_current=None) -> Select:
    columns, parcels = _columns(figures, current)
    source = figures if join_current is None else figures.outerjoin(current, join_current)
    return (select(*columns).select_from(source)
            .outerjoin(Enterprise, Enterprise.id == current.c.enterprise_id)
            .outerjoin(parcels, true()))


def listed_query(criteria: ListCriteria, sort: str, descending: bool) -> Select:
    """The project list's projects (``projects.list_conditions``) in the list's order, all pages."""
    projects = Project.__table__
    return _select(projects, projects).where(*list_conditions(criteria)).order_by(*list_order(sort, descending))


def counted_query(selection: CountedSelection) -> Select:
    """The projects behind a rollup figure (``rollups.counted_selection``), by reference, as the
    drill-down lists them."""
    current = Project.__table__.alias("cur")
    figures = (_HISTORY if selection.history else Project.__table__).alias("p")
    key = figures.c.project_id if selection.history else figures.c.id
    return (_select(figures, current, current.c.id == key)
            .where(text(selection.where).bindparams(**_named(selection)))
            .order_by(figures.c.reference))


def _named(selection: CountedSelection) -> dict:
    """The parameters the condition names (``bindparams`` refuses others)."""
    names = set(re.findall(r"(?<![:\w]):(\w+)", selection.where))
    return {name: value for name, value in selection.params.items() if name in names}


def count_rows(session: Session, query: Select) -> int:
    return session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()


def stream_rows(session: Session, query: Select) -> Iterator[ExportRow]:
    """The rows of ``query`` one by one, read from a server-side cursor (``streaming``)."""
    return (ExportRow(*row) for row in streamed_rows(session, query))
