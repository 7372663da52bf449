"""The freed-land query on PostGIS: every filter, the spatial ones, totals and breakdowns."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from registry.domain.errors import ValidationError
from registry.domain.freed_land import parse_land_query
from registry.domain.permissions import Actor
from registry.services.freed_land import find_freed_land, map_features
from tests.integration.land_data import A, B, polygon

PLANNER = Actor(1, "planner", "planner")


def found(session, ids, **args) -> set[str]:
    query = parse_land_query({k: [str(v)] for k, v in args.items()})
    result = find_freed_land(session, PLANNER, query)
    names = {v: k for k, v in ids.items()}
    return {names[r.id] for r in result.rows}


def test_without_filters_every_live_freed_parcel_is_found(session, ids):
    assert found(session, ids) == {"P1", "P2", "P3", "P4", "P7"}  # not P5 (in use), not P6 (end-dated)


def test_a_parcel_over_a_district_boundary_belongs_to_the_district_with_its_larger_part(session, ids):
    assert session.execute(text("SELECT district_code FROM parcels WHERE id = :i"), {"i": ids["P3"]}).scalar_one() == B
    assert found(session, ids, district=A) == {"P1", "P4", "P7"}
    assert found(session, ids, district=B) == {"P2", "P3"}
    assert found(session, ids, district=f"{A},{B}") == {"P1", "P2", "P3", "P4", "P7"}


@pytest.mark.parametrize("kind, expected", [
    ("development_zone", {"P1"}), ("block_104", {"P2"}), ("region_198", {"P4"}), ("region_195", set()),
    ("other", {"P3", "P7"}),  # in no zone at all
])
def test_zone_kind(session, ids, kind, expected):
    assert found(session, ids, zone_kind=kind) == expected


def test_completion_year_range(session, ids):
    assert found(session, ids, year_from=2014, year_to=2015) == {"P1", "P3"}
    assert found(session, ids, year_from=2016) == {"P2", "P7"}
    assert found(session, ids, year_to=2013) == {"P4"}


def test_area_range_in_square_metres_mu_and_hectares(session, ids):
    assert found(session, ids, area_min=20000) == {"P1", "P3"}
    assert found(session, ids, area_min=30, area_unit="mu") == {"P1", "P3"}  # 30 亩 = 20,000 m²
    assert found(session, ids, area_max=2, area_unit="ha") == {"P2", "P4", "P7"}
    assert found(session, ids, area_min="1", area_max="1.5", area_unit="ha") == {"P2", "P4", "P7"}


def test_land_use_class_and_redevelopment_status(session, ids):
    assert found(session, ids, land_use="M1") == {"P1", "P4"}
    assert found(session, ids, land_use="M2,W1") == {"P2", "P3"}
    assert found(session, ids, status="redeveloped") == {"P7"}
    assert found(session, ids, status="freed") == {"P1", "P2", "P3"}


def test_a_parcel_that_only_touches_the_drawn_polygon_is_not_inside_it(session, ids):
    touching = polygon(121.418, 31.218, 121.420, 31.224)  # shares P1's western edge, no interior
    assert found(session, ids, polygon=json.dumps(touching)) == set()
    overlapping = polygon(121.418, 31.218, 121.4205, 31.224)
    assert found(session, ids, polygon=json.dumps(overlapping)) == {"P1"}


def test_a_drawn_polygon_across_the_district_boundary_finds_the_crossing_parcel(session, ids):
    west_of_boundary = polygon(121.495, 31.255, 121.4995, 31.265)  # holds only P3's quarter in district A
    assert found(session, ids, polygon=json.dumps(west_of_boundary)) == {"P3"}
    assert found(session, ids, polygon=json.dumps(west_of_boundary), district=A) == set()


def test_within_n_km_of_a_point_is_geodesic(session, ids):
    # P3's south-east corner: P7 lies ~3.1 km from it, P2 ~4.6 km
    assert found(session, ids, lon=121.503, lat=31.26, radius_km=0.05) == {"P3"}
    assert found(session, ids, lon=121.503, lat=31.26, radius_km=3.5) == {"P3", "P7"}
    assert found(session, ids, lon=121.503, lat=31.26, radius_km=50) == {"P1", "P2", "P3", "P4", "P7"}


def test_in_the_current_map_view(session, ids):
    assert found(session, ids, bbox="121.46,31.22,121.50,31.29") == {"P3", "P4", "P7"}  # P3 crosses the edge


def test_filters_combine(session, ids):
    assert found(session, ids, district=A, zone_kind="development_zone", year_from=2014, year_to=2014) == {"P1"}


def test_totals_and_breakdowns_agree_with_the_rows(session, ids):
    result = find_freed_land(session, PLANNER, parse_land_query({}))
    assert result.totals.count == 5
    area = sum(r.area_m2 for r in result.rows)
    assert result.totals.area_m2 == pytest.approx(area)
    assert result.totals.area_mu == pytest.approx(area * 15 / 10000)
    assert result.totals.area_km2 == pytest.approx(area / 1000000)
    assert {d.code: d.totals.count for d in result.by_district} == {A: 3, B: 2}
    assert [(z.kind, z.totals.count) for z in result.by_zone_kind] == [  # every kind, in rank order
        ("development_zone", 1), ("block_104", 1), ("region_195", 0), ("region_198", 1), ("other", 2)]
    assert sum(d.totals.area_m2 for d in result.by_district) == pytest.approx(result.totals.area_m2)


def test_breakdowns_by_freed_year_and_by_status_add_up_to_the_totals(session, ids):
    """A planner's two other questions of freed land: how much was freed each year, and how much of it
    still waits for a plan. Years with land only, oldest first; every status, 0 where none."""
    result = find_freed_land(session, PLANNER, parse_land_query({}))
    assert [(y.year, y.totals.count) for y in result.by_year] == [(2013, 1), (2014, 1), (2015, 1), (2016, 1), (2017, 1)]
    assert [(s.status, s.totals.count) for s in result.by_status] == [
        ("freed", 3), ("redevelopment_planned", 1), ("redeveloped", 1)]
    for shares in (result.by_year, result.by_status):
        assert sum(share.totals.area_m2 for share in shares) == pytest.approx(result.totals.area_m2)
    narrowed = find_freed_land(session, PLANNER, parse_land_query({"district": [A], "status": ["freed", "redeveloped"]}))
    assert [(y.year, y.totals.count) for y in narrowed.by_year] == [(2014, 1), (2017, 1)]
    assert [(s.status, s.totals.count) for s in narrowed.by_status] == [
        ("freed", 1), ("redevelopment_planned", 0), ("redeveloped", 1)]
    shown = result.to_dict()
    assert [(y["year"], y["count"]) for y in shown["by_year"]][:2] == [(2013, 1), (2014, 1)]
    assert [(s["status"], s["count"]) for s in shown["by_status"]][0] == ("freed", 3)


def test_sorting_and_paging(session, ids):
    by_area = find_freed_land(session, PLANNER, parse_land_query({"sort": ["-area_m2"]})).rows
    assert [r.area_m2 for r in by_area] == sorted((r.area_m2 for r in by_area), reverse=True)
    page = find_freed_land(session, PLANNER, parse_land_query({"sort": ["code"], "limit": ["2"], "offset": ["2"]}))
    assert [r.code for r in page.rows] == ["T-P3", "T-P4"] and page.has_more


def test_map_features_are_geojson(session, ids):
    features, use_tiles = map_features(session, PLANNER, parse_land_query({"district": [A]}))
    assert not use_tiles and {f["properties"]["code"] for f in features} == {"T-P1", "T-P4", "T-P7"}


@pytest.mark.parametrize("args, field", [
    ({"year_from": ["20x4"]}, "year_from"), ({"year_from": ["2016"], "year_to": ["2014"]}, "year_to"),
    ({"area_min": ["-5"]}, "area_min"), ({"area_unit": ["acre"]}, "area_unit"), ({"zone_kind": ["x"]}, "zone_kind"),
    ({"polygon": ["{not json"]}, "polygon"), ({"lon": ["121.5"]}, "radius_km"), ({"bbox": ["1,2,3"]}, "bbox"),
    ({"sort": ["geom"]}, "sort"), ({"district": ["31011"]}, "district"), ({"status": ["in_use"]}, "status"),
])
def test_bad_filters_name_the_parameter(args, field):
    with pytest.raises(ValidationError) as caught:
        parse_land_query(args)
    assert field in {e.field for e in caught.value.field_errors}


def test_a_self_intersecting_polygon_is_refused_before_any_sql(session, ids):
    bow_tie = {"type": "Polygon", "coordinates": [[[121.4, 31.2], [121.5, 31.3], [121.5, 31.2], [121.4, 31.3], [121.4, 31.2]]]}
    with pytest.raises(ValidationError) as caught:
        find_freed_land(session, PLANNER, parse_land_query({"polygon": [json.dumps(bow_tie)]}))
    assert caught.value.field_errors[0].field == "polygon"


def _freed_by_a_project(session, parcel_id: int) -> None:
    """A completed structural-adjustment project (2016-08-15) holding the parcel frees it."""
    enterprise = session.execute(text(
        "INSERT INTO enterprises (credit_code, name) VALUES ('91110000600037341L', '测试企业') RETURNING id")).scalar_one()
    project = session.execute(text(
        "INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs, completed_on) "
        "VALUES ('2016-310101-0001', 'structural_adjustment', 2016, 'completed', '关停', :e, :d, '{}', DATE '2016-08-15') "
        "RETURNING id"), {"e": enterprise, "d": A}).scalar_one()
    session.execute(text("INSERT INTO project_parcels VALUES (:p, :q)"), {"p": project, "q": parcel_id})
    from geo.queries import mark_freed_parcels

    mark_freed_parcels(session, [project])


def freed_on(session, parcel_id: int):
    return session.execute(text("SELECT freed_on FROM parcels WHERE id = :i"), {"i": parcel_id}).scalar_one()


def test_completing_a_structural_adjustment_project_sets_the_freed_date(session, ids):
    _freed_by_a_project(session, ids["P5"])
    assert found(session, ids, year_from=2016, year_to=2016, district=A) == {"P5"}
    assert freed_on(session, ids["P5"]).isoformat() == "2016-08-15"


def test_a_parcel_back_in_use_has_no_freed_date_and_gets_it_again_when_freed_again(session, ids):
    """In use ⇒ no freed date, whatever writes the status (migration 0047); freed again, the date is
    derived again from the project that frees it."""
    _freed_by_a_project(session, ids["P5"])
    session.execute(text("UPDATE parcels SET status = 'in_use' WHERE id IN (:a, :b)"), {"a": ids["P5"], "b": ids["P1"]})
    assert freed_on(session, ids["P5"]) is None and freed_on(session, ids["P1"]) is None
    session.execute(text("UPDATE parcels SET freed_on = DATE '2015-01-01' WHERE id = :i"), {"i": ids["P5"]})
    assert freed_on(session, ids["P5"]) is None  # a date written to a parcel in use is not kept either
    session.execute(text("UPDATE parcels SET status = 'freed' WHERE id = :i"), {"i": ids["P5"]})
    assert freed_on(session, ids["P5"]).isoformat() == "2016-08-15"


def test_every_write_to_parcels_bumps_the_layer_version(session, ids):
    def version() -> int:
        return session.execute(text("SELECT version FROM layer_versions WHERE layer = 'parcels'")).scalar_one()

    before = version()
    session.execute(text("UPDATE parcels SET land_use_class = 'M2' WHERE id = :i"), {"i": ids["P1"]})
    assert version() > before > 0


def _kind(session, parcel_id: int) -> str:
    return session.execute(text("SELECT zone_kind FROM parcels WHERE id = :i"), {"i": parcel_id}).scalar_one()


def test_the_stored_zone_kind_follows_every_change_of_zones(session, ids):
    p1, dev = ids["P1"], session.execute(text("SELECT id FROM zones WHERE kind = 'development_zone'")).scalar_one()
    assert _kind(session, p1) == "development_zone"
    # Also in a 104 block: the development zone still ranks first.
    block = session.execute(text("INSERT INTO zones (kind, name_zh, name_en, geom) SELECT 'block_104', '测试重叠', "
                                 "'overlap', geom FROM zones WHERE id = :z RETURNING id"), {"z": dev}).scalar_one()
    session.execute(text("INSERT INTO parcel_zones VALUES (:p, :z)"), {"p": p1, "z": block})
    assert _kind(session, p1) == "development_zone"
    session.execute(text("DELETE FROM parcel_zones WHERE parcel_id = :p AND zone_id = :z"), {"p": p1, "z": dev})
    assert _kind(session, p1) == "block_104"
    session.execute(text("UPDATE zones SET kind = 'region_195' WHERE id = :z"), {"z": block})
    assert _kind(session, p1) == "region_195"
    session.execute(text("DELETE FROM zones WHERE id = :z"), {"z": block})  # cascades to parcel_zones
    assert _kind(session, p1) == "other"
    assert found(session, ids, zone_kind="other") == {"P1", "P3", "P7"}


def test_the_zone_kind_breakdown_keeps_every_kind_when_a_filter_leaves_some_empty(session, ids):
    result = find_freed_land(session, PLANNER, parse_land_query({"zone_kind": ["block_104"]}))
    assert [(z.kind, z.totals.count) for z in result.by_zone_kind] == [
        ("development_zone", 0), ("block_104", 1), ("region_195", 0), ("region_198", 0), ("other", 0)]
    assert result.by_zone_kind[0].totals.area_km2 == 0
