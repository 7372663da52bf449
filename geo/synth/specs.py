"""What the generators return: plain frozen dataclasses, lon/lat (EPSG:4326) geometries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

ZONE_KINDS = ("block_104", "region_195", "region_198", "development_zone", "other")

# GB 50137-2011 land-use codes the parcel generator draws from.
INDUSTRIAL_CLASSES = ("M1", "M2", "M3")
WAREHOUSE_CLASSES = ("W1", "W2")
OTHER_CLASSES = ("B1", "B2", "A35", "R", "G")
LAND_USE_CLASSES = INDUSTRIAL_CLASSES + WAREHOUSE_CLASSES + OTHER_CLASSES

# (district_code like '310115', name_zh, name_en, geometry in EPSG:4326)
DistrictInput = tuple[str, str, str, BaseGeometry]
Districts = Sequence[DistrictInput]


@dataclass(frozen=True)
class ZoneSpec:
    kind: str  # one of ZONE_KINDS
    name_zh: str
    name_en: str
    district_code: str
    geometry: MultiPolygon

    def __post_init__(self) -> None:
        if self.kind not in ZONE_KINDS:
            raise ValueError(f"unknown zone kind {self.kind!r}; expected one of {ZONE_KINDS}")


@dataclass(frozen=True)
class ParcelSpec:
    code: str  # 'SH-310115-000123', unique and stable for a seed
    district_code: str
    geometry: MultiPolygon
    land_use_class: str  # one of LAND_USE_CLASSES
    zone_index: int | None  # index into the zones passed in; None for scattered parcels
