"""SQL of the parcel list (地块清单): a sorted page of the parcels a ``LandQuery`` selects, with the
freed-land query's filters (``freed_land.land_conditions``); the projects of a page's parcels; every
row for a download.

Only projects the reader may read are named or counted (``search.visible_projects``): another
district's draft is not shown to district staff, as on the parcel page.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Select, func, literal, select
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from registry.domain.freed_land import LandQuery
from registry.models import District, Parcel, ParcelRedevelopment, Project, project_parcels
from registry.repositories.freed_land import REDEVELOPMENT_COLUMNS, land_conditions
from registry.repositories.search import visible_projects

SORT_COLUMNS = {"code": Parcel.code, "district_code": Parcel.district_code, "area_m2": Parcel.area_m2,
                "status": Parcel.status}


@dataclass(frozen=True)
class ParcelRow:
    id: int
    code: str
    district_code: str | None
    zone_kind: str
    land_use_class: str
    area_m2: Decimal
    status: str
    is_illustrative: bool


def page(session: Session, query: LandQuery, visible_district: str | None) -> list[ParcelRow]:
    """One sorted page (``limit``/``offset``); ties in the order by id, so pages never overlap."""
    return [ParcelRow(*row) for row in session.execute(page_statement(query, visible_district))]


def page_statement(query: LandQuery, visible_district: str | None) -> Select:
    """The statement of ``page``."""
    return (
        select(Parcel.id, Parcel.code, Parcel.district_code, Parcel.zone_kind, Parcel.land_use_class, Parcel.area_m2,
               Parcel.status, Parcel.is_illustrative)
        .where(*land_conditions(query, visible_district))
        .order_by(_order(query), Parcel.id).limit(query.limit).offset(query.offset)
    )


def _order(query: LandQuery):
    """The list's order: parcels without a value (no district) first going up, last going down. Only a
    column that can be empty says where its empties go: ``code ASC NULLS FIRST`` is not the order of
    the code's unique index, so every parcel was sorted to show 50 (360 ms at 1M); ``code ASC`` reads
    the index."""
    column = SORT_COLUMNS[query.sort]
    if not column.nullable:
        return column.desc() if query.descending else column.asc()
    return column.desc().nulls_last() if query.descending else column.asc().nulls_first()


def projects_of(session: Session, parcel_ids: list[int], visible_district: str | None) -> dict[int, list[tuple[int, str]]]:
    """(id, reference) of the readable projects of each parcel, oldest year first."""
    if not parcel_ids:
        return {}
    statement = (
        select(project_parcels.c.parcel_id, Project.id, Project.reference)
        .join(Project, Project.id == project_parcels.c.project_id)
        .where(project_parcels.c.parcel_id.in_(parcel_ids))
        .order_by(project_parcels.c.parcel_id, Project.year, Project.id)
    )
    if (visible := visible_projects(visible_district)) is not None:
        statement = statement.where(visible)
    found: dict[int, list[tuple[int, str]]] = {}
    for parcel_id, project_id, reference in session.execute(statement):
        found.setdefault(parcel_id, []).append((project_id, reference))
    return found


def _references(visible_district: str | None):
    """The parcel's readable projects' references, oldest year first, in one text."""
    references = (
        select(func.string_agg(Project.reference, aggregate_order_by(literal(", "), Project.year, Project.id)))
        .join(project_parcels, project_parcels.c.project_id == Project.id)
        .where(project_parcels.c.parcel_id == Parcel.id)
    )
    if (visible := visible_projects(visible_district)) is not None:
        references = references.where(visible)
    return references.correlate(Parcel).scalar_subquery()


def export_rows(session: Session, query: LandQuery, visible_district: str | None):
    """Every parcel of the list (no paging), in its order, as the freed land's export reads its rows
    (``freed_land.export_rows``), the project column naming every readable project."""
    statement = (
        select(Parcel.id, Parcel.code, Parcel.area_m2, Parcel.land_use_class, Parcel.status, Parcel.district_code,
               District.name_zh, Parcel.zone_kind, Parcel.freed_on, _references(visible_district),
               *REDEVELOPMENT_COLUMNS, func.ST_AsBinary(Parcel.geom))
        .outerjoin(District, District.code == Parcel.district_code)
        .outerjoin(ParcelRedevelopment, ParcelRedevelopment.parcel_id == Parcel.id)
        .where(*land_conditions(query, visible_district)).order_by(_order(query), Parcel.id)
    )
    return session.execute(statement).all()
