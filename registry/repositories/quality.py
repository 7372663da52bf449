"""SQL of the data-quality page (数据质量检查): how many records fail each check of ``domain.quality``,
for one reader, in one statement.

A check's count is its list's own filter: the project list's conditions (``projects.list_conditions``
with the district) and the check's (``project_checks.PROJECT_CHECKS``), the enterprise directory's
(``enterprise_directory.conditions``, ``ENTERPRISE_CHECKS``), the parcel list's parameters read by its
own parser (``parse_parcel_query``, ``freed_land.land_conditions``) — so the figure is what the linked
list says it found. The projects are read once for all their checks (``count(*) FILTER (WHERE …)``),
the enterprises once; each parcel check is a count of its own.
"""
from __future__ import annotations

from typing import Sequence

from sqlalchemy import ColumnElement, Select, Subquery, func, select, true
from sqlalchemy.orm import Session

from registry.domain.parcel_list import parse_parcel_query
from registry.domain.quality import ENTERPRISES, PARCELS, PROJECTS, Check
from registry.models import Enterprise, Parcel, Project
from registry.repositories.enterprise_directory import ENTERPRISE_CHECKS, DirectoryFilter
from registry.repositories.enterprise_directory import conditions as directory_conditions
from registry.repositories.freed_land import land_conditions
from registry.repositories.project_checks import PROJECT_CHECKS
from registry.repositories.projects import ListCriteria, list_conditions


def _projects(checks: list[Check], district_code: str | None, visible_district: str | None) -> Subquery:
    listed = list_conditions(ListCriteria(district_code=district_code, visible_district=visible_district))
    return (select(*(func.count().filter(PROJECT_CHECKS[c.id](visible_district)).label(c.id) for c in checks))
            .select_from(Project).where(*listed).subquery("project_checks"))


def _enterprises(checks: list[Check], district_code: str | None, visible_district: str | None) -> Subquery:
    listed = directory_conditions(DirectoryFilter(None, district_code, None, None, visible_district))
    return (select(*(func.count().filter(ENTERPRISE_CHECKS[c.id]()).label(c.id) for c in checks))
            .select_from(Enterprise).where(*listed).subquery("enterprise_checks"))


def _parcels(check: Check, district_code: str | None, visible_district: str | None) -> ColumnElement[int]:
    """The parcel list's count for the check's parameters (and the district's, as its link says)."""
    args = {name: [value] for name, value in check.link} | ({"district": [district_code]} if district_code else {})
    query = parse_parcel_query(args)
    return select(func.count()).select_from(Parcel).where(*land_conditions(query, visible_district)).scalar_subquery()


def counts_statement(checks: Sequence[Check], district_code: str | None, visible_district: str | None) -> Select | None:
    """``failing_counts``' one statement: a row of a column per check, named by its id (``None``: no check)."""
    parts: list[Subquery] = []
    columns: list[ColumnElement] = []
    for records, part in ((PROJECTS, _projects), (ENTERPRISES, _enterprises)):
        chosen = [c for c in checks if c.records == records]
        if chosen:
            parts.append(part(chosen, district_code, visible_district))
            columns += [parts[-1].c[c.id] for c in chosen]
    columns += [_parcels(c, district_code, visible_district).label(c.id) for c in checks if c.records == PARCELS]
    if not columns:
        return None
    statement = select(*columns)
    if parts:
        joined = parts[0]
        for part in parts[1:]:
            joined = joined.join(part, true())
        statement = statement.select_from(joined)
    return statement


def failing_counts(session: Session, checks: Sequence[Check], district_code: str | None,
                   visible_district: str | None) -> dict[str, int]:
    """{check id: how many records fail it} among those of ``district_code`` (``None``: the city) a
    reader of ``visible_district`` (``permissions.unapproved_readable_in``) may read."""
    statement = counts_statement(checks, district_code, visible_district)
    if statement is None:
        return {}
    return {name: int(value) for name, value in session.execute(statement).one()._mapping.items()}
