"""SQL for parcels shown on editing maps."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from geo.geometry import SRID_STORAGE
from registry.models import Parcel, project_parcels


@dataclass(frozen=True)
class ParcelFeature:
    id: int
    code: str
    district_code: str | None
    status: str
    area_m2: float
    geometry_geojson: str
    retired: bool = False  # end-dated: split or merged into other parcels since


def active_parcels_in_bbox(session: Session, west: float, south: float, east: float, north: float,
                           limit: int) -> list[ParcelFeature]:
    """Active (not end-dated) parcels intersecting the box, largest first, at most ``limit``."""
    box = func.ST_MakeEnvelope(west, south, east, north, SRID_STORAGE)
    return _features(session, _FEATURES
                     .where(Parcel.valid_to.is_(None), Parcel.geom.op("&&")(box), func.ST_Intersects(Parcel.geom, box))
                     .order_by(Parcel.area_m2.desc()).limit(limit))


def parcels_by_ids(session: Session, ids: list[int]) -> list[ParcelFeature]:
    """The parcels of ``ids`` that exist (end-dated ones too), by code."""
    return _features(session, _FEATURES.where(Parcel.id.in_(ids)).order_by(Parcel.code))


def parcels_of_project(session: Session, project_id: int) -> list[ParcelFeature]:
    """The parcels project ``project_id`` holds (end-dated ones too), by code."""
    return _features(session, _FEATURES.join(project_parcels, project_parcels.c.parcel_id == Parcel.id)
                     .where(project_parcels.c.project_id == project_id).order_by(Parcel.code))


_FEATURES = select(Parcel.id, Parcel.code, Parcel.district_code, Parcel.status, Parcel.area_m2,
                   func.ST_AsGeoJSON(Parcel.geom, 7), Parcel.valid_to.is_not(None))


def _features(session: Session, statement) -> list[ParcelFeature]:
    return [ParcelFeature(r[0], r[1], r[2], r[3], float(r[4]), r[5], r[6]) for r in session.execute(statement)]
