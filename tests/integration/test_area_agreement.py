"""Geodesic areas agree between Python (pyproj Geod) and PostGIS (ST_Area(geography)) to 0.01 %."""
from __future__ import annotations

import json

from sqlalchemy import text
from shapely.geometry import shape

from geo.geometry import geodesic_area_m2
from geo.synth import generate_parcels, generate_zones
from registry.domain.land import area_ha, area_km2, area_mu
from registry.services.demo.districts import shipped_districts


def test_python_and_postgis_areas_agree_on_districts_and_synthetic_parcels(connection):
    districts = shipped_districts()
    tuples = [(d.code, d.name_zh, d.name_en, d.geometry) for d in districts]
    parcels = list(generate_parcels(generate_zones(tuples, seed=7), tuples, 200, seed=7))
    shapes = [d.geometry for d in districts] + [p.geometry for p in parcels]
    for geom in shapes:
        postgis = connection.execute(
            text("SELECT ST_Area(ST_GeomFromGeoJSON(:g)::geography)"), {"g": json.dumps(geom.__geo_interface__)}
        ).scalar_one()
        assert abs(geodesic_area_m2(geom) - postgis) <= 1e-4 * postgis


def test_area_units_of_a_stored_parcel(connection):
    # 0.001° × 0.001° square at 31.2°N, stored and measured by PostGIS
    wkt = "MULTIPOLYGON(((121.6 31.2, 121.601 31.2, 121.601 31.201, 121.6 31.201, 121.6 31.2)))"
    connection.execute(text("INSERT INTO parcels (code, geom, land_use_class) VALUES ('A', ST_GeomFromText(:w, 4326), 'M1')"), {"w": wkt})
    area_m2 = connection.execute(text("SELECT area_m2 FROM parcels WHERE code = 'A'")).scalar_one()
    assert abs(float(area_m2) - geodesic_area_m2(shape({"type": "Polygon", "coordinates": [[[121.6, 31.2], [121.601, 31.2], [121.601, 31.201], [121.6, 31.201], [121.6, 31.2]]]}))) < 1e-4 * float(area_m2)
    # 1 亩 = 10000/15 m², 1 ha = 10000 m², 1 km² = 1e6 m²
    assert area_mu(area_m2) == area_m2 * 15 / 10000
    assert area_ha(area_m2) == area_m2 / 10000
    assert area_km2(area_m2) == area_m2 / 1000000
