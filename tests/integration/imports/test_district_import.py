"""District boundaries: the dirty ECharts outline (reported, or repaired) and the GCJ-02 file."""
from __future__ import annotations

import json

import numpy as np
import shapely
from pyproj import Geod
from sqlalchemy import text

from registry.domain.errors import DistrictRef
from tests.data import ECHARTS_DISTRICTS, GCJ02_DISTRICTS, WGS84_DISTRICTS
from tests.integration.imports.conftest import run_import

ECHARTS = ECHARTS_DISTRICTS
GCJ02 = GCJ02_DISTRICTS


def test_echarts_outline_reports_each_of_its_nine_invalid_geometries(session):
    result = run_import(session, ECHARTS, "districts")
    assert result.aborted and result.refused == 9
    assert all(p.field == "geometry" and p.message.msgid == "geometry is invalid: %(reason)s" for p in result.problems)
    assert "a ring touches itself at " in result.problems[0].message.render()  # GEOS: Ring Self-intersection[…]
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


def _moved_boundary(tmp_path, box) -> str:
    """Huangpu (310101) takes ``box`` from Pudong (310115); the other districts are left out."""
    features = [f for f in json.loads(WGS84_DISTRICTS.read_text(encoding="utf-8"))["features"]
                if f["properties"]["adcode"] in (310101, 310115)]
    for feature in features:
        shape = shapely.geometry.shape(feature["geometry"])
        moved = shape.union(box) if feature["properties"]["adcode"] == 310101 else shape.difference(box)
        feature["geometry"] = shapely.geometry.mapping(moved)
    path = tmp_path / "official.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _districts_of(session) -> dict[str, int]:
    return dict(session.execute(text("SELECT district_code, count(*) FROM parcels GROUP BY 1")).all())


def test_new_boundaries_reassign_parcels_only_when_asked(session, districts, tmp_path):
    from tests.integration.imports.conftest import squares, write_parcels

    parcels = squares(300)  # three rows of 100 squares in Pudong, and one longer parcel above them
    (x, y, _, _), step = parcels[0].bounds, parcels[100].bounds[1] - parcels[0].bounds[1]
    straddler = shapely.box(x, y + 5 * step, x + 0.001, y + 5 * step + 0.0005)
    assert run_import(session, write_parcels(tmp_path / "p.gpkg", [*parcels, straddler])).inserted == 301
    # Huangpu takes squares 0–49 and 100–149 (the first half of the first two rows), with a margin
    # smaller than the gaps between squares, so no square straddles the new boundary.
    margin = 0.5e-4
    box = shapely.box(parcels[0].bounds[0] - margin, parcels[0].bounds[1] - margin,
                      parcels[49].bounds[2] + margin, parcels[100].bounds[3] + margin)
    # ... and 70 % of the long parcel, which then straddles the boundary: it goes with its largest part.
    box = box.union(shapely.box(x - margin, y + 5 * step - margin, x + 0.0007, y + 5 * step + 0.0005 + margin))
    official = _moved_boundary(tmp_path, box)

    kept = run_import(session, official, "districts")
    assert kept.loaded and kept.updated == 2 and kept.reassigned is None  # not asked
    assert _districts_of(session) == {"310115": 301}

    moved = run_import(session, official, "districts", reassign_parcels=True)
    pudong, huangpu = DistrictRef("310115", ("浦东新区", "Pudong New Area")), DistrictRef("310101", ("黄浦区", "Huangpu"))
    assert moved.reassigned == ((pudong, huangpu, 101),)  # named for the reader: the page and the CLI show names
    assert _districts_of(session) == {"310115": 200, "310101": 101}
    audit = session.execute(text("SELECT changes FROM audit_log WHERE action = 'import' ORDER BY id DESC LIMIT 1")).scalar_one()
    assert audit["parcels_reassigned"] == [["310115", "310101", 101]]
    again = run_import(session, official, "districts", reassign_parcels=True)
    assert again.reassigned == () and again.unchanged == 2  # asked, and nothing left to move


def test_reassigning_applies_to_district_imports_only(session, tmp_path):
    import pytest

    from registry.domain.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        run_import(session, WGS84_DISTRICTS, "zones", reassign_parcels=True)
    assert refused.value.field_errors[0].field == "reassign_parcels"
