"""SQL for districts, zones and parcels."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import District, ParcelZone, Zone

# ~10 m at Shanghai's latitude: ample for a city-wide overview, a tenth of the bytes.
OVERVIEW_SIMPLIFY_DEG = 0.0001
GEOJSON_DECIMALS = 5


def district_names(session: Session, codes: Iterable[str] | None) -> dict[str, tuple[str, str]]:
    """code → (Chinese name, English name) of those of ``codes`` that are districts (``None``: every
    district, by code)."""
    query = select(District.code, District.name_zh, District.name_en).order_by(District.code)
    if codes is not None:
        wanted = sorted(set(codes))
        if not wanted:
            return {}
        query = query.where(District.code.in_(wanted))
    return {code: (zh, en) for code, zh, en in session.execute(query)}


@dataclass(frozen=True)
class DistrictOutline:
    code: str
    name_zh: str
    name_en: str
    geometry_geojson: str


def district_outlines(session: Session) -> list[DistrictOutline]:
    geojson = func.ST_AsGeoJSON(
        func.ST_SimplifyPreserveTopology(District.geom, OVERVIEW_SIMPLIFY_DEG), GEOJSON_DECIMALS
    )
    rows = session.execute(
        select(District.code, District.name_zh, District.name_en, geojson).order_by(District.code)
    )
    return [DistrictOutline(*row) for row in rows]


def district_outline(session: Session, code: str | None) -> DistrictOutline | None:
    """One district's outline, simplified as the overview's (``None`` for no code or an unknown one)."""
    if not code:
        return None
    geojson = func.ST_AsGeoJSON(
        func.ST_SimplifyPreserveTopology(District.geom, OVERVIEW_SIMPLIFY_DEG), GEOJSON_DECIMALS
    )
    row = session.execute(
        select(District.code, District.name_zh, District.name_en, geojson).where(District.code == code)
    ).one_or_none()
    return DistrictOutline(*row) if row else None


@dataclass(frozen=True)
class ZoneOutline:
    kind: str
    name_zh: str
    name_en: str
    geometry_geojson: str


def zone_outlines(session: Session) -> list[ZoneOutline]:
    geojson = func.ST_AsGeoJSON(func.ST_SimplifyPreserveTopology(Zone.geom, OVERVIEW_SIMPLIFY_DEG), GEOJSON_DECIMALS)
    rows = session.execute(select(Zone.kind, Zone.name_zh, Zone.name_en, geojson).order_by(Zone.kind, Zone.id))
    return [ZoneOutline(*row) for row in rows]


@dataclass(frozen=True)
class ParcelZoneOutline:
    """A zone some of the given parcels lie in (``parcel_zones``: by their point on surface)."""

    id: int
    kind: str
    name_zh: str
    name_en: str
    is_illustrative: bool
    geometry_geojson: str


def zones_holding(session: Session, parcel_ids: Iterable[int]) -> list[ParcelZoneOutline]:
    """The zones any of ``parcel_ids`` lies in, outlined as the overview's, by kind and id."""
    ids = sorted(set(parcel_ids))
    if not ids:
        return []
    holding = select(ParcelZone.zone_id).where(ParcelZone.parcel_id.in_(ids))
    geojson = func.ST_AsGeoJSON(func.ST_SimplifyPreserveTopology(Zone.geom, OVERVIEW_SIMPLIFY_DEG), GEOJSON_DECIMALS)
    rows = session.execute(select(Zone.id, Zone.kind, Zone.name_zh, Zone.name_en, Zone.is_illustrative, geojson)
                           .where(Zone.id.in_(holding)).order_by(Zone.kind, Zone.id))
    return [ParcelZoneOutline(*row) for row in rows]
