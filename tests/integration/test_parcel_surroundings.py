"""A site's surroundings on PostGIS (geo.queries.near_parcels, services/surroundings.py): the live
parcels within the radius of the parcels a map shows, nearest first, capped, read through the GiST
index of parcels.geom; and the zones the parcels lie in, highest-ranking kind first (the map:
tests/integration/surroundings_data.py).
"""
from __future__ import annotations

import pytest
from sqlalchemy import text

from geo import queries
from registry.services import surroundings
from tests.integration.surroundings_data import seed_site


@pytest.fixture
def site(session) -> dict[str, int]:
    return seed_site(session)


def _named(site, parcels) -> list[str]:
    names = {v: k for k, v in site.items()}
    return [names[p.id] for p in parcels]


def test_the_live_parcels_within_the_radius_come_nearest_first(session, site):
    near = queries.near_parcels(session, [site["S"]], 250, 10)
    assert _named(site, near) == ["E", "N", "NE"]  # not FAR (305 m), W (300 m), OLD (end-dated), nor S itself
    east, north, corner = (p.distance_m for p in near)
    assert 45 < east < 55 and 190 < north < 210 and 205 < corner < 235
    assert near[0].code == "T-E" and near[0].status == "in_use" and near[0].land_use_class == "M1"
    assert '"coordinates"' in near[0].geometry_geojson


def test_the_nearest_are_kept_where_more_lie_within_the_radius(session, site):
    assert _named(site, queries.near_parcels(session, [site["S"]], 250, 2)) == ["E", "N"]


def test_a_project_s_parcels_are_surrounded_together_and_none_is_its_own_neighbour(session, site):
    # each by its distance to the nearest of them: NE ~166 m from E, N ~200 m from S, FAR ~231 m from E
    # (305 m from S); S and E, the site, are not listed
    assert _named(site, queries.near_parcels(session, [site["S"], site["E"]], 250, 10)) == ["NE", "N", "FAR"]


def test_an_end_dated_parcel_is_surrounded_by_the_live_ones(session, site):
    # the page of a parcel ended by a split still shows what lies around it (E overlaps it: 0 m)
    assert _named(site, queries.near_parcels(session, [site["OLD"]], 250, 3)) == ["E", "S", "NE"]


def test_no_parcel_has_no_surroundings(session, site):
    assert queries.near_parcels(session, [], 250, 10) == []


def test_the_neighbour_query_reads_the_gist_index_of_parcels(session, site):
    # With the table scan off, a statement the index cannot serve (a geodesic test alone) still scans
    # the table; this one's bounding-box test is the index's (docs/freed-land.md has the plan at 200,000 parcels).
    session.execute(text("ANALYZE parcels"))
    session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(row[0] for row in session.execute(
        text("EXPLAIN " + queries.NEAR_PARCELS.text),
        {"ids": [site["S"]], "radius_m": 250, "limit": 60, "simplify_deg": 0.00001}))
    assert "ix_parcels_geom" in plan and "Seq Scan on parcels" not in plan, plan


def test_the_zones_the_parcel_lies_in_come_highest_ranking_first(session, site):
    around = surroundings.surroundings(session, [site["S"]])
    assert [z.kind for z in around.zones] == ["development_zone", "region_198"]
    assert around.zones[0].name_zh == "测试development_zone" and '"coordinates"' in around.zones[0].geometry_geojson
    assert _named(site, around.nearby) == ["E", "N", "NE"] and not around.capped
    # N lies in the 198 region only; W in none
    assert [z.kind for z in surroundings.surroundings(session, [site["N"]]).zones] == ["region_198"]
    assert surroundings.surroundings(session, [site["W"]]).zones == []
