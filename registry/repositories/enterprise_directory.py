"""SQL of the enterprise directory (企业名录): enterprises filtered, counted and paged, each with how
many projects the reader may read and the latest year among them.

Projects are counted as the reader reads them (``search.visible_projects``: district staff their
district's and the approved elsewhere), so a row's count is the enterprise page's list of projects.
"Has projects" is an ``EXISTS`` probe of ``ix_projects_enterprise_id`` per enterprise. A page in an
enterprise's own order (name, credit code, district) is chosen from the enterprises alone and only
its rows' projects are counted; ordering by the count or the latest year counts every enterprise's
projects first, one pass over the projects' ``(enterprise_id, year, district_code, status)`` index
(migration 0032) — docs/performance.md, "The enterprise directory".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import ColumnElement, Select, exists, func, literal, select
from sqlalchemy.orm import Session

from registry.domain.search import SearchText
from registry.models import Enterprise, Project
from registry.repositories import record_counts
from registry.repositories.search import enterprise_found_by, matched_former_name, visible_projects

OWN_ORDER = {"name": "name", "credit_code": "credit_code", "district": "district_code"}  # sort key → column
COUNTED_ORDER = ("projects", "latest_year")
SORTABLE = (*OWN_ORDER, *COUNTED_ORDER)


@dataclass(frozen=True)
class DirectoryRow:
    id: int
    name: str
    credit_code: str
    industry_code: str | None
    district_code: str | None
    is_illustrative: bool
    projects: int  # that the reader may read
    latest_year: int | None  # of those
    former_name: str | None = None  # the former name (曾用名) the text matched, when the name does not


@dataclass(frozen=True)
class DirectoryFilter:
    """What the rows are chosen by; ``visible_district``: whose unapproved projects the reader
    reads (``permissions.unapproved_readable_in``)."""

    text: SearchText | None
    district_code: str | None
    industry_prefix: str | None
    with_projects: bool | None  # None: either
    visible_district: str | None
    check: str | None = None  # a data-quality check's id (``ENTERPRISE_CHECKS``): the enterprises failing it


def _blank(column) -> ColumnElement[bool]:
    """Nothing recorded: no value, or only spaces (an edit stores none; a load may have kept "")."""
    return func.coalesce(func.btrim(column), "") == ""


# check id (domain.quality.CHECKS, records "enterprises") → its condition on ``Enterprise``: the
# directory filters by it (``check=<id>``) and ``repositories.quality`` counts with it.
ENTERPRISE_CHECKS: dict[str, Callable[[], ColumnElement[bool]]] = {
    "enterprise_without_industry": lambda: _blank(Enterprise.industry_code),
    "enterprise_without_address": lambda: _blank(Enterprise.address),
}


def readable_conditions(visible_district: str | None) -> list[ColumnElement[bool]]:
    """What the projects counted beside an enterprise must meet: those the reader may read."""
    visible = visible_projects(visible_district)
    return [] if visible is None else [visible]


def conditions(f: DirectoryFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if f.text is not None:
        conditions.append(enterprise_found_by(f.text))
    if f.district_code:
        conditions.append(Enterprise.district_code == f.district_code)
    if f.industry_prefix:
        conditions.append(Enterprise.industry_code.startswith(f.industry_prefix, autoescape=True))
    if f.check is not None:
        conditions.append(ENTERPRISE_CHECKS[f.check]())
    if f.with_projects is not None:
        has = exists().where(Project.enterprise_id == Enterprise.id, *readable_conditions(f.visible_district))
        conditions.append(has if f.with_projects else ~has)
    return conditions


def count(session: Session, f: DirectoryFilter) -> int:
    """How many enterprises ``f`` selects: the count the database keeps (``record_counts``) when it
    selects by district only (the overview's figure, the directory it opens), else counted."""
    if f.text is None and not f.industry_prefix and f.check is None and f.with_projects is None:
        return record_counts.enterprises(session, f.district_code or None)
    return session.execute(select(func.count()).select_from(Enterprise).where(*conditions(f))).scalar_one()


_COLUMNS = ("id", "name", "credit_code", "industry_code", "district_code", "is_illustrative")


def _former_name(f: DirectoryFilter) -> ColumnElement:
    """The former name the text matched (a row found by it says why), for the page's rows only."""
    former = literal(None) if f.text is None else matched_former_name(f.text)
    return former.label("former_name")


def sort_order(columns, sort: str, descending: bool) -> tuple:
    """By ``sort`` (an ``OWN_ORDER`` key; nulls last either way), then name and id: ``columns`` are
    the enterprises' or a subquery's of them."""
    column = getattr(columns, OWN_ORDER.get(sort, "name"))
    first = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return first, columns.name, columns.id


def page(session: Session, f: DirectoryFilter, sort: str, descending: bool, limit: int, offset: int) -> list[DirectoryRow]:
    """One page in the order of ``sort`` (a key of ``SORTABLE``; ties by name, then id)."""
    return [DirectoryRow(*row) for row in session.execute(page_statement(f, sort, descending, limit, offset))]


def page_statement(f: DirectoryFilter, sort: str, descending: bool, limit: int, offset: int) -> Select:
    """``page``'s statement: the enterprises' own order reads its page's projects only, a counted
    order every enterprise's."""
    return (_counted_first if sort in COUNTED_ORDER else _own_first)(f, sort, descending, limit, offset)


def _own_first(f: DirectoryFilter, sort: str, descending: bool, limit: int, offset: int) -> Select:
    """The page chosen from the enterprises alone, then its rows' readable projects counted (by the
    enterprise id: 25 probes, not every enterprise's)."""
    chosen = (select(*(getattr(Enterprise, c) for c in _COLUMNS), _former_name(f)).where(*conditions(f))
              .order_by(*sort_order(Enterprise, sort, descending)).limit(limit).offset(offset).subquery())
    readable = [Project.enterprise_id == chosen.c.id, *readable_conditions(f.visible_district)]
    projects = select(func.count()).where(*readable).scalar_subquery()
    latest = select(func.max(Project.year)).where(*readable).scalar_subquery()
    return (select(*(chosen.c[c] for c in _COLUMNS), projects, latest, chosen.c.former_name)
            .order_by(*sort_order(chosen.c, sort, descending)))


def _counted_first(f: DirectoryFilter, sort: str, descending: bool, limit: int, offset: int) -> Select:
    """Every enterprise's readable projects counted (one pass over the projects), then the page in
    the order of that count or of the latest year."""
    counted = (select(Project.enterprise_id, func.count().label("projects"), func.max(Project.year).label("latest_year"))
               .where(*readable_conditions(f.visible_district)).group_by(Project.enterprise_id).subquery())
    projects = func.coalesce(counted.c.projects, 0)
    by = projects if sort == "projects" else counted.c.latest_year
    return (select(*(getattr(Enterprise, c) for c in _COLUMNS), projects, counted.c.latest_year, _former_name(f))
            .outerjoin(counted, counted.c.enterprise_id == Enterprise.id).where(*conditions(f))
            .order_by(by.desc().nulls_last() if descending else by.asc().nulls_last(), Enterprise.name, Enterprise.id)
            .limit(limit).offset(offset))
