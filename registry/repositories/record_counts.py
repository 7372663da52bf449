"""Counts the database keeps as rows are written (``record_counts``, migration 0038): live parcels by
district and status with their area, projects by district and status with how many are
illustrative, enterprises by district. The table is a log of signed changes; a key's count is the
sum of its rows, exact under the reader's snapshot as a ``count(*)`` of the rows would be, and read
in one pass over a few hundred rows whatever the registry's size.

The overview's figures read them, and so do the project list, the parcel list and the enterprise
directory when they filter by nothing but district and status (the lists the figures open), so a
figure and its list are one number from one place."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import BigInteger, ColumnElement, Numeric, String, column, func, select, table
from sqlalchemy.orm import Session

from registry.repositories.search import visible_projects

COUNTS = table("record_counts", column("subject", String), column("district_code", String), column("status", String),
               column("n", BigInteger), column("illustrative", BigInteger), column("area_m2", Numeric))


def _of(subject: str, district_codes: Collection[str] = (), statuses: Collection[str] | None = None) -> list[ColumnElement[bool]]:
    where = [COUNTS.c.subject == subject]
    if district_codes:
        where.append(COUNTS.c.district_code.in_(list(district_codes)))
    if statuses is not None:
        where.append(COUNTS.c.status.in_(list(statuses)))
    return where


def _total(column_) -> ColumnElement:
    return func.coalesce(func.sum(column_), 0)


def projects(session: Session, visible_district: str | None, district_code: str | None = None,
             status: str | None = None) -> int:
    """Projects (of a district, of a status) that a reader of ``visible_district`` may read
    (``search.visible_projects``, as the project list reads them)."""
    where = _of("projects", [district_code] if district_code else (), [status] if status else None)
    if (visible := visible_projects(visible_district, COUNTS.c)) is not None:
        where.append(visible)
    return int(session.execute(select(_total(COUNTS.c.n)).where(*where)).scalar_one())


def projects_by_status(session: Session, statuses: Collection[str], district_code: str | None) -> dict[str, int]:
    """How many projects are in each of ``statuses`` (of one district, if given); none: left out."""
    rows = session.execute(select(COUNTS.c.status, _total(COUNTS.c.n))
                           .where(*_of("projects", [district_code] if district_code else (), statuses))
                           .group_by(COUNTS.c.status))
    return {status: int(n) for status, n in rows if n}


def parcels(session: Session, statuses: Collection[str], district_codes: Collection[str] = ()) -> tuple[int, Decimal]:
    """Count and area (m²) of the live parcels of ``statuses`` (in ``district_codes``, if any)."""
    n, area = session.execute(select(_total(COUNTS.c.n), _total(COUNTS.c.area_m2))
                              .where(*_of("parcels", district_codes, statuses))).one()
    return int(n), Decimal(area)


def enterprises(session: Session, district_code: str | None = None) -> int:
    where = _of("enterprises", [district_code] if district_code else ())
    return int(session.execute(select(_total(COUNTS.c.n)).where(*where)).scalar_one())


@dataclass(frozen=True)
class Holdings:
    districts: int
    zones: int
    parcels: int  # live
    enterprises: int
    illustrative_projects: int


def holdings(session: Session) -> Holdings:
    """What the registry holds, in one statement: districts and zones (a few hundred rows) counted,
    the rest from the kept counts."""
    def kept(subject: str, column_) -> ColumnElement:
        return func.coalesce(func.sum(column_).filter(COUNTS.c.subject == subject), 0)

    districts = select(func.count()).select_from(table("districts")).scalar_subquery()
    zones = select(func.count()).select_from(table("zones")).scalar_subquery()
    row = session.execute(select(districts, zones, kept("parcels", COUNTS.c.n), kept("enterprises", COUNTS.c.n),
                                 kept("projects", COUNTS.c.illustrative))).one()
    return Holdings(*(int(v) for v in row))
