"""SQL for one parcel's life after it was freed: lineage, redevelopment, recorded outputs."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from registry.models import Parcel, ParcelLineage, ParcelOutput, ParcelRedevelopment, Project, project_parcels


def parcel_for_update(session: Session, parcel_id: int) -> Parcel | None:
    """The parcel, row-locked until the transaction ends (two planners cannot race)."""
    return session.scalars(select(Parcel).where(Parcel.id == parcel_id).with_for_update()).one_or_none()


def parcels_for_update(session: Session, parcel_ids: Sequence[int]) -> list[Parcel]:
    return list(session.scalars(select(Parcel).where(Parcel.id.in_(parcel_ids)).order_by(Parcel.id).with_for_update()))


def parcels_by_ids(session: Session, parcel_ids: Sequence[int]) -> list[Parcel]:
    """The parcels, read without a lock (a preview of a split or merge changes nothing)."""
    return list(session.scalars(select(Parcel).where(Parcel.id.in_(parcel_ids)).order_by(Parcel.id)))


def redevelopment_of(session: Session, parcel_id: int) -> ParcelRedevelopment | None:
    return session.scalars(select(ParcelRedevelopment).where(ParcelRedevelopment.parcel_id == parcel_id)).one_or_none()


def code_exists(session: Session, codes: Sequence[str]) -> list[str]:
    return list(session.scalars(select(Parcel.code).where(Parcel.code.in_(codes))))


@dataclass(frozen=True)
class Relative:
    id: int
    code: str
    relation: str
    status: str
    valid_to: object


def _relatives(session: Session, parcel_id: int, upward: bool) -> list[Relative]:
    near, far = (ParcelLineage.parent_id, ParcelLineage.parcel_id) if upward else \
        (ParcelLineage.parcel_id, ParcelLineage.parent_id)
    rows = session.execute(
        select(Parcel.id, Parcel.code, ParcelLineage.relation, Parcel.status, Parcel.valid_to)
        .join(ParcelLineage, near == Parcel.id).where(far == parcel_id).order_by(Parcel.code))
    return [Relative(*r) for r in rows]


def parents(session: Session, parcel_id: int) -> list[Relative]:
    """The parcels this one was split or merged from."""
    return _relatives(session, parcel_id, upward=True)


def children(session: Session, parcel_id: int) -> list[Relative]:
    """The parcels split or merged from this one."""
    return _relatives(session, parcel_id, upward=False)


def outputs(session: Session, parcel_id: int) -> list[tuple[int, Decimal, str]]:
    return [tuple(r) for r in session.execute(
        select(ParcelOutput.year, ParcelOutput.output_wan_yuan, ParcelOutput.source)
        .where(ParcelOutput.parcel_id == parcel_id).order_by(ParcelOutput.year))]


def upsert_output(session: Session, parcel_id: int, year: int, output_wan_yuan: Decimal, source: str) -> None:
    statement = insert(ParcelOutput).values(parcel_id=parcel_id, year=year, output_wan_yuan=output_wan_yuan,
                                            source=source)
    session.execute(statement.on_conflict_do_update(
        index_elements=["parcel_id", "year"],
        set_={"output_wan_yuan": statement.excluded.output_wan_yuan, "source": statement.excluded.source,
              "recorded_at": func.now()}))


def projects_of(session: Session, parcel_id: int) -> list[tuple[int, str, str, int, str, str]]:
    """(id, reference, kind, year, status, district code) of the parcel's projects."""
    return [tuple(r) for r in session.execute(
        select(Project.id, Project.reference, Project.kind, Project.year, Project.status, Project.district_code)
        .join(project_parcels, project_parcels.c.project_id == Project.id)
        .where(project_parcels.c.parcel_id == parcel_id).order_by(Project.year, Project.id))]


def geometry_geojson(session: Session, parcel_id: int) -> str | None:
    return session.execute(select(func.ST_AsGeoJSON(Parcel.geom, 7)).where(Parcel.id == parcel_id)).scalar_one_or_none()


def add_lineage(session: Session, rows: list[dict]) -> None:
    session.execute(insert(ParcelLineage), rows)


def live_parcel_ids_by_code(session: Session, codes: Sequence[str]) -> dict[str, int]:
    """The ids of the live parcels (not end-dated) with these codes."""
    rows = session.execute(select(Parcel.code, Parcel.id).where(Parcel.code.in_(list(codes)), Parcel.valid_to.is_(None)))
    return {code: parcel_id for code, parcel_id in rows}


@dataclass(frozen=True)
class Neighbour:
    id: int
    code: str
    geometry_geojson: str


def mergeable_neighbours(session: Session, parcel_id: int, limit: int = 50) -> list[Neighbour]:
    """The live freed parcels of the same land-use class that share an edge with ``parcel_id`` (what
    it could be merged with directly), by code; the GiST index finds them."""
    target = select(Parcel.geom, Parcel.land_use_class).where(Parcel.id == parcel_id).subquery()
    rows = session.execute(
        select(Parcel.id, Parcel.code, func.ST_AsGeoJSON(Parcel.geom, 7))
        .where(Parcel.id != parcel_id, Parcel.valid_to.is_(None), Parcel.status == "freed",
               Parcel.land_use_class == target.c.land_use_class, func.ST_Intersects(Parcel.geom, target.c.geom),
               # along a stretch of edge or overlapping, not at a corner only: a union must be one polygon
               or_(func.ST_Relate(Parcel.geom, target.c.geom, "****1****"),
                   func.ST_Relate(Parcel.geom, target.c.geom, "2********")))
        .order_by(Parcel.code).limit(limit))
    return [Neighbour(*row) for row in rows]
