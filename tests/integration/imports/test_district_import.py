"""District boundaries: the dirty ECharts outline (reported, or repaired) and the GCJ-02 file."""
from __future__ import annotations

import json

import numpy as np
import shapely
from pyproj import Geod
from sqlalchemy import text

from tests.data import ECHARTS_DISTRICTS, GCJ02_DISTRICTS, WGS84_DISTRICTS
from tests.integration.imports.conftest import run_import

ECHARTS = ECHARTS_DISTRICTS
GCJ02 = GCJ02_DISTRICTS


def test_echarts_outline_reports_each_of_its_nine_invalid_geometries(session):
    result = run_import(session, ECHARTS, "districts")
    assert result.aborted and result.refused == 9
    assert all(p.field == "geometry" and p.message.msgid == "geometry is invalid: %(reason)s" for p in result.problems)
    assert "Self-intersection" in result.problems[0].message.render()
    assert sorted(p.row for p in result.problems) == [5, 8, 9, 10, 11, 12, 13, 14, 15]
    assert session.execute(text("SELECT count(*) FROM districts")).scalar_one() == 0


def test_echarts_outline_with_repair_stores_valid_shapes_and_says_what_changed(session):
    result = run_import(session, ECHARTS, "districts", repair=True)
    assert result.loaded and result.inserted == 16 and result.repaired == 9 and result.refused == 0
    repaired = [p for p in result.problems if p.action == "repaired"]
    assert len(repaired) == 9
    assert "points" in repaired[0].message.render() and "m²" in repaired[0].message.render()
    assert session.execute(text("SELECT bool_and(ST_IsValid(geom)), count(*) FROM districts")).one() == (True, 16)


def test_gcj02_file_with_conversion_matches_the_wgs84_file_within_2_m(session):
    result = run_import(session, GCJ02, "districts", crs="gcj02")
    assert result.loaded and result.inserted == 16
    expected = {str(f["properties"]["adcode"]): shapely.geometry.shape(f["geometry"])
                for f in json.loads(WGS84_DISTRICTS.read_text(encoding="utf-8"))["features"]}
    stored = session.execute(text("SELECT code, ST_AsBinary(geom) FROM districts")).all()
    geod = Geod(ellps="WGS84")
    worst = 0.0
    for code, wkb in stored:
        got = shapely.get_coordinates(shapely.from_wkb(bytes(wkb)))
        want = shapely.get_coordinates(expected[code])
        assert got.shape == want.shape, code
        _, _, distance = geod.inv(got[:, 0], got[:, 1], want[:, 0], want[:, 1])
        worst = max(worst, float(np.max(distance)))
    assert worst < 2.0, f"worst vertex {worst:.2f} m apart"


def test_without_conversion_the_gcj02_file_is_hundreds_of_metres_off(session):
    run_import(session, GCJ02, "districts")
    offset = session.execute(text("SELECT max(ST_Distance(ST_Centroid(geom)::geography, ST_Centroid(ST_GeomFromGeoJSON(:g))::geography)) "
                                  "FROM districts WHERE code = '310101'"),
                             {"g": json.dumps(json.loads(WGS84_DISTRICTS.read_text(encoding="utf-8"))["features"][0]["geometry"])}
                             ).scalar_one()
    assert offset > 300
