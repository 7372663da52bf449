"""SQL for the API's reads of districts, zones and parcels (GeoJSON in EPSG:4326)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import District, Parcel, ParcelLineage, ParcelZone, Zone

# ~1 m at Shanghai's latitude: district and zone outlines stay light; parcels keep full precision.
OUTLINE_SIMPLIFY_DEG = 0.00001
OUTLINE_DECIMALS = 6
PARCEL_DECIMALS = 7


@dataclass(frozen=True)
class DistrictRow:
    code: str
    name_zh: str
    name_en: str
    area_m2: float
    geometry_geojson: str


@dataclass(frozen=True)
class ZoneRow:
    id: int
    kind: str
    name_zh: str
    name_en: str
    district_code: str | None
    area_m2: float
    is_illustrative: bool
    geometry_geojson: str


@dataclass(frozen=True)
class ParcelRow:
    id: int
    code: str
    area_m2: float
    land_use_class: str
    district_code: str | None
    status: str
    valid_from: date
    valid_to: date | None
    freed_on: date | None
    is_illustrative: bool
    version: int
    geometry_geojson: str
    zone_ids: tuple[int, ...]
    parent_ids: tuple[int, ...]


def _outline(geom):
    return func.ST_AsGeoJSON(func.ST_SimplifyPreserveTopology(geom, OUTLINE_SIMPLIFY_DEG), OUTLINE_DECIMALS)


def districts(session: Session, code: str | None = None) -> list[DistrictRow]:
    query = select(District.code, District.name_zh, District.name_en, District.area_m2, _outline(District.geom))
    if code is not None:
        query = query.where(District.code == code)
    rows = session.execute(query.order_by(District.code))
    return [DistrictRow(r[0], r[1], r[2], float(r[3]), r[4]) for r in rows]


def zones(session: Session, kind: str | None, district_code: str | None) -> list[ZoneRow]:
    query = select(Zone.id, Zone.kind, Zone.name_zh, Zone.name_en, Zone.district_code, Zone.area_m2,
                   Zone.is_illustrative, _outline(Zone.geom))
    if kind is not None:
        query = query.where(Zone.kind == kind)
    if district_code is not None:
        query = query.where(Zone.district_code == district_code)
    rows = session.execute(query.order_by(Zone.kind, Zone.id))
    return [ZoneRow(r[0], r[1], r[2], r[3], r[4], float(r[5]), r[6], r[7]) for r in rows]


def parcel(session: Session, parcel_id: int) -> ParcelRow | None:
    row = session.execute(
        select(Parcel.id, Parcel.code, Parcel.area_m2, Parcel.land_use_class, Parcel.district_code, Parcel.status,
               Parcel.valid_from, Parcel.valid_to, Parcel.freed_on, Parcel.is_illustrative, Parcel.version,
               func.ST_AsGeoJSON(Parcel.geom, PARCEL_DECIMALS))
        .where(Parcel.id == parcel_id)
    ).one_or_none()
    if row is None:
        return None
    zone_ids = session.scalars(select(ParcelZone.zone_id).where(ParcelZone.parcel_id == parcel_id).order_by(ParcelZone.zone_id))
    parents = session.scalars(select(ParcelLineage.parent_id).where(ParcelLineage.parcel_id == parcel_id)
                              .order_by(ParcelLineage.parent_id))
    return ParcelRow(row[0], row[1], float(row[2]), *row[3:], tuple(zone_ids), tuple(parents))
