"""The real district outlines and the zones and parcels geo.synth generates in them, made once for
the zone and the parcel tests."""
from __future__ import annotations

import json

import pytest
from shapely.geometry import MultiPolygon, shape

from geo.synth import ParcelSpec, ZoneSpec, generate_parcels, generate_zones
from tests.data import WGS84_DISTRICTS
from tests.unit.synth.measures import PARCEL_COUNT, PARCEL_SEED, ZONE_SEED


@pytest.fixture(scope="package")
def districts() -> list[tuple[str, str, str, MultiPolygon]]:
    """(code, Chinese name, English name, outline) of the 16 districts (not the database fixture of
    the same name in tests/conftest.py: these tests need no database)."""
    features = json.loads(WGS84_DISTRICTS.read_text(encoding="utf-8"))["features"]
    return [(str(f["properties"]["adcode"]), f["properties"]["name"], f["properties"]["name_en"],
             shape(f["geometry"])) for f in features]


@pytest.fixture(scope="package")
def district_by_code(districts) -> dict[str, MultiPolygon]:
    return {code: geom for code, _zh, _en, geom in districts}


@pytest.fixture(scope="package")
def zones(districts) -> list[ZoneSpec]:
    return generate_zones(districts, seed=ZONE_SEED)


@pytest.fixture(scope="package")
def parcels(zones, districts) -> list[ParcelSpec]:
    return list(generate_parcels(zones, districts, PARCEL_COUNT, seed=PARCEL_SEED))
