"""Geometries PostGIS cannot even read (too few points in a ring, an unclosed ring) are refused
row by row, like any other bad row, instead of ending the whole import with a database error."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from tests.integration.imports.conftest import run_import, squares

TRIANGLE_RING = [[121.62, 31.21], [121.621, 31.211], [121.62, 31.21]]  # 3 points: PostGIS will not parse it
OPEN_RING = [[121.62, 31.21], [121.621, 31.21], [121.621, 31.211], [121.62, 31.211]]  # not closed


def _geojson(path, geometries):
    features = [{"type": "Feature", "properties": {"code": f"G-{i + 1}", "land_use_class": "M1"}, "geometry": g}
                for i, g in enumerate(geometries)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _polygon(shape) -> dict:
    return {"type": "Polygon", "coordinates": [[list(xy) for xy in shape.exterior.coords]]}


@pytest.mark.parametrize("crs", [None, "gcj02"])  # GCJ-02 coordinates go through shapely first
def test_a_ring_of_three_points_is_one_refused_row_and_skip_loads_the_others(session, districts, tmp_path, crs):
    good = [_polygon(s) for s in squares(3)]
    path = _geojson(tmp_path / "p.geojson", [good[0], {"type": "Polygon", "coordinates": [TRIANGLE_RING]}, *good[1:]])

    result = run_import(session, path, on_error="skip", crs=crs)

    assert result.loaded and result.inserted == 3 and result.refused == 1
    assert [(p.row, p.field, p.message.render()) for p in result.problems] == [
        (2, "geometry", "geometry is unreadable: a ring has fewer than four points")]
    assert session.execute(text("SELECT code FROM parcels ORDER BY code")).scalars().all() == ["G-1", "G-3", "G-4"]


def test_with_abort_an_unreadable_ring_writes_nothing_and_each_bad_row_is_named(session, districts, tmp_path):
    good = [_polygon(s) for s in squares(2)]
    path = _geojson(tmp_path / "p.geojson", [{"type": "Polygon", "coordinates": [TRIANGLE_RING]}, good[0],
                                             {"type": "Polygon", "coordinates": [OPEN_RING]}, good[1]])

    result = run_import(session, path, on_error="abort", repair=True)

    assert result.aborted and result.refused == 2
    assert {(p.row, p.field) for p in result.problems} == {(1, "geometry"), (3, "geometry")}
    assert all(p.message.render().startswith("geometry is unreadable") for p in result.problems)
    assert session.execute(text("SELECT count(*) FROM parcels")).scalar_one() == 0


def test_csv_wkt_of_a_one_point_polygon_is_a_refused_row(session, districts, tmp_path):
    box = squares(1)[0]
    csv = tmp_path / "p.csv"
    csv.write_text(f'code,land_use_class,wkt\nC-1,M1,"{box.wkt}"\nC-2,M1,"POLYGON((1 2))"\n', encoding="utf-8")

    result = run_import(session, csv, on_error="skip")

    assert result.inserted == 1 and result.refused == 1
    assert [(p.row, p.field) for p in result.problems] == [(2, "geometry")]
    assert "geometry is unreadable" in result.problems[0].message.render()
