"""Splits and merges as the parcel page's map offers them, on PostGIS: a split along a line drawn
across the parcel (lineage.split_parcel_along), the parcels a parcel may be merged with (merge_candidates)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from registry.domain.errors import Conflict, PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.services import lineage, redevelopment
from tests.integration.land_data import polygon

PLANNER = Actor(None, "planner", "planner")
STAFF = Actor(None, "pudong", "district_staff", "310115")
ACROSS_P1 = {"type": "LineString", "coordinates": [[121.4215, 31.2195], [121.4215, 31.2225]]}  # P1: 121.420–121.422


def _parcels(session) -> int:
    return session.execute(text("SELECT count(*) FROM parcels")).scalar_one()


def test_a_line_across_a_freed_parcel_splits_it_where_it_was_drawn(session, ids):
    children = lineage.split_parcel_along(session, PLANNER, ids["P1"], ACROSS_P1, today=date(2020, 1, 1))
    parent = redevelopment.parcel_detail(session, PLANNER, ids["P1"])
    assert parent.valid_to == date(2020, 1, 1) and len(children) == 2
    areas = sorted(redevelopment.parcel_detail(session, PLANNER, c).area_m2 for c in children)
    assert sum(areas) == pytest.approx(parent.area_m2, rel=Decimal("1e-9"))
    assert areas[1] / sum(areas) == pytest.approx(Decimal("0.75"), rel=Decimal("1e-3"))  # cut at three quarters
    child = redevelopment.parcel_detail(session, PLANNER, children[0])
    assert child.status == "freed" and [p.relation for p in child.parents] == ["split"]


def test_a_line_given_as_text_or_a_feature_is_read_as_the_drawn_geometry(session, ids):
    feature = '{"type": "Feature", "properties": {}, "geometry": %s}' % str(ACROSS_P1).replace("'", '"')
    assert len(lineage.split_parcel_along(session, PLANNER, ids["P1"], feature)) == 2


@pytest.mark.parametrize("line", [
    {"type": "LineString", "coordinates": [[121.4215, 31.2195], [121.4215, 31.221]]},  # stops inside
    {"type": "LineString", "coordinates": [[121.43, 31.2195], [121.43, 31.2225]]},  # beside the parcel
    {"type": "Polygon", "coordinates": [[[121.42, 31.22], [121.43, 31.22], [121.43, 31.23], [121.42, 31.22]]]},
    {"type": "LineString", "coordinates": [[121.4215, 95], [121.4215, 31.2225]]},  # not a latitude
    "not json", None,
])
def test_a_line_that_cuts_nothing_is_refused_on_the_line_and_writes_nothing(session, ids, line):
    before = _parcels(session)
    with pytest.raises(ValidationError) as caught:
        lineage.split_parcel_along(session, PLANNER, ids["P1"], line)
    assert [e.field for e in caught.value.field_errors] == ["line"]
    assert _parcels(session) == before and redevelopment.parcel_detail(session, PLANNER, ids["P1"]).valid_to is None


def test_only_planners_split_and_only_freed_land(session, ids):
    with pytest.raises(PermissionDenied):
        lineage.split_parcel_along(session, STAFF, ids["P1"], ACROSS_P1)
    with pytest.raises(Conflict):  # P5 is in use
        lineage.split_parcel_along(session, PLANNER, ids["P5"], ACROSS_P1)


def test_the_merge_candidates_are_the_live_freed_parcels_of_its_use_that_share_an_edge_with_it(session, ids):
    quarters = lineage.split_parcel(session, PLANNER, ids["P1"], [
        polygon(121.420, 31.220, 121.421, 31.221), polygon(121.421, 31.220, 121.422, 31.221),
        polygon(121.420, 31.221, 121.421, 31.222), polygon(121.421, 31.221, 121.422, 31.222)])
    first = quarters[0]
    # T-P1-4 meets the first quarter at a corner only: merged alone with it, the union would be two polygons
    assert [n.code for n in lineage.merge_candidates(session, first)] == ["T-P1-2", "T-P1-3"]
    assert [n.code for n in lineage.merge_candidates(session, quarters[3])] == ["T-P1-2", "T-P1-3"]
    session.execute(text("UPDATE parcels SET land_use_class = 'M2' WHERE id = :i"), {"i": quarters[1]})
    redevelopment.plan_redevelopment(session, PLANNER, quarters[2], {"new_use": "B2"})
    assert lineage.merge_candidates(session, first) == []
    assert lineage.merge_candidates(session, ids["P2"]) == []  # alone, and the end-dated P1 is no candidate
