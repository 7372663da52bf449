"""The redevelopment lifecycle on PostGIS: planners only, audited, split/merge with lineage."""
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
ADMIN = Actor(None, "admin", "admin")


def audit_actions(session, parcel_id: int) -> list[str]:
    return list(session.execute(text("SELECT action FROM audit_log WHERE entity = 'parcel' AND entity_id = :i ORDER BY id"),
                                {"i": str(parcel_id)}).scalars())


def test_planner_moves_a_parcel_from_freed_to_planned_to_redeveloped(session, ids):
    p1 = ids["P1"]
    planned = redevelopment.plan_redevelopment(session, PLANNER, p1, {
        "new_use": "A35", "planned_on": "2018-03-01", "description": "研发总部", "investment_wan_yuan": "50000",
        "expected_output_wan_yuan": "30000"})
    assert planned.status == "redevelopment_planned" and planned.redevelopment.new_use == "A35"
    done = redevelopment.complete_redevelopment(session, PLANNER, p1, {"completed_on": "2019-06-30",
                                                                       "actual_output_wan_yuan": "28000"})
    assert done.status == "redeveloped" and done.land_use_class == "A35"
    assert done.redevelopment.actual_output_wan_yuan == Decimal("28000")
    assert done.outputs == [(2019, Decimal("28000"), "redevelopment")]
    assert audit_actions(session, p1) == ["plan_redevelopment", "complete_redevelopment"]


def test_a_plan_can_be_withdrawn(session, ids):
    redevelopment.plan_redevelopment(session, PLANNER, ids["P1"], {"new_use": "B2"})
    back = redevelopment.withdraw_plan(session, PLANNER, ids["P1"])
    assert back.status == "freed" and back.redevelopment is None
    assert audit_actions(session, ids["P1"])[-1] == "withdraw_redevelopment"


@pytest.mark.parametrize("actor", [STAFF, ADMIN, Actor(None, "reviewer", "city_reviewer")])
def test_only_planners_change_freed_land(session, ids, actor):
    with pytest.raises(PermissionDenied):
        redevelopment.plan_redevelopment(session, actor, ids["P1"], {"new_use": "B2"})
    with pytest.raises(PermissionDenied):
        lineage.merge_parcels(session, actor, [ids["P1"], ids["P2"]])


def test_transitions_out_of_order_are_refused(session, ids):
    with pytest.raises(Conflict):
        redevelopment.complete_redevelopment(session, PLANNER, ids["P1"], {})  # freed → redeveloped
    with pytest.raises(Conflict):
        redevelopment.plan_redevelopment(session, PLANNER, ids["P5"], {"new_use": "B2"})  # in use
    with pytest.raises(Conflict):
        redevelopment.plan_redevelopment(session, PLANNER, ids["P7"], {"new_use": "B2"})  # redeveloped


def test_bad_plan_input_names_every_field(session, ids):
    with pytest.raises(ValidationError) as caught:
        redevelopment.plan_redevelopment(session, PLANNER, ids["P1"], {
            "new_use": "XX", "planned_on": "2018-13-01", "investment_wan_yuan": "-1"})
    assert {e.field for e in caught.value.field_errors} == {"new_use", "planned_on", "investment_wan_yuan"}
    assert session.execute(text("SELECT status FROM parcels WHERE id = :i"), {"i": ids["P1"]}).scalar_one() == "freed"


def test_completion_before_the_plan_is_refused(session, ids):
    redevelopment.plan_redevelopment(session, PLANNER, ids["P1"], {"new_use": "B2", "planned_on": "2018-01-01"})
    with pytest.raises(ValidationError):
        redevelopment.complete_redevelopment(session, PLANNER, ids["P1"], {"completed_on": "2017-12-31"})


def test_split_keeps_lineage_and_end_dates_the_parent(session, ids):
    p1 = ids["P1"]  # 121.420–121.422 × 31.220–31.222
    parts = [polygon(121.420, 31.220, 121.421, 31.222), polygon(121.421, 31.220, 121.422, 31.222)]
    children = lineage.split_parcel(session, PLANNER, p1, parts, today=date(2020, 1, 1))
    parent = redevelopment.parcel_detail(session, PLANNER, p1)
    assert parent.valid_to == date(2020, 1, 1) and {c.id for c in parent.children} == set(children)
    child = redevelopment.parcel_detail(session, PLANNER, children[0])
    assert child.code == "T-P1-1" and child.status == "freed" and child.freed_on == parent.freed_on
    assert child.district_code == parent.district_code and [p.relation for p in child.parents] == ["split"]
    total = sum(redevelopment.parcel_detail(session, PLANNER, c).area_m2 for c in children)
    assert total == pytest.approx(parent.area_m2, rel=Decimal("1e-9"))
    zones = session.execute(text("SELECT count(*) FROM parcel_zones WHERE parcel_id = ANY(:i)"), {"i": children}).scalar_one()
    assert zones == 2  # both halves lie in the development zone
    with pytest.raises(Conflict):
        lineage.split_parcel(session, PLANNER, p1, parts)  # the parent is end-dated now


@pytest.mark.parametrize("parts, field", [
    ([polygon(121.420, 31.220, 121.421, 31.222)], "parts"),  # one part is no split
    ([polygon(121.420, 31.220, 121.421, 31.222), polygon(121.4205, 31.220, 121.422, 31.222)], "parts"),  # overlap
    ([polygon(121.420, 31.220, 121.421, 31.222), polygon(121.421, 31.220, 121.4215, 31.222)], "parts"),  # gap
    ([polygon(121.420, 31.220, 121.421, 31.222), polygon(121.421, 31.220, 121.425, 31.222)], "parts[1]"),  # outside
    ([{"type": "Point", "coordinates": [121.42, 31.22]}, polygon(121.421, 31.220, 121.422, 31.222)], "parts[0]"),
])
def test_a_split_that_does_not_partition_the_parcel_is_refused(session, ids, parts, field):
    with pytest.raises(ValidationError) as caught:
        lineage.split_parcel(session, PLANNER, ids["P1"], parts)
    assert caught.value.field_errors[0].field == field


def test_merge_adjoining_freed_parcels(session, ids):
    left = lineage.split_parcel(session, PLANNER, ids["P1"], [polygon(121.420, 31.220, 121.421, 31.222),
                                                               polygon(121.421, 31.220, 121.422, 31.222)])
    merged = lineage.merge_parcels(session, PLANNER, left, code="T-P1-again")
    detail = redevelopment.parcel_detail(session, PLANNER, merged)
    assert {p.relation for p in detail.parents} == {"merge"} and len(detail.parents) == 2
    assert detail.geometry_geojson and detail.freed_on == date(2014, 5, 1)
    assert all(redevelopment.parcel_detail(session, PLANNER, i).valid_to for i in left)


def test_parcels_that_do_not_adjoin_cannot_be_merged(session, ids):
    session.execute(text("UPDATE parcels SET land_use_class = 'M1' WHERE id = :i"), {"i": ids["P2"]})
    with pytest.raises(ValidationError):
        lineage.merge_parcels(session, PLANNER, [ids["P1"], ids["P2"]])


def test_recording_an_output_is_audited_and_can_be_corrected(session, ids):
    redevelopment.record_output(session, PLANNER, ids["P1"], {"year": "2016", "output_wan_yuan": "1200"})
    detail = redevelopment.record_output(session, PLANNER, ids["P1"], {"year": 2016, "output_wan_yuan": 1500})
    assert detail.outputs == [(2016, Decimal("1500"), "planner")]
    assert audit_actions(session, ids["P1"]) == ["record_output", "record_output"]
    with pytest.raises(ValidationError):
        redevelopment.record_output(session, PLANNER, ids["P1"], {"year": "1999", "output_wan_yuan": "x"})


def _parcel_count(session) -> int:
    return session.execute(text("SELECT count(*) FROM parcels")).scalar_one()


def test_a_split_leaving_a_part_of_implausible_area_is_refused_and_writes_nothing(session, ids):
    """A strip 0.00000005° wide (≈ 1 m²) is within the partition's tolerance but is no parcel:
    the rule of registration and import (10 m² to 50 km²) holds for the parts of a split too."""
    before = _parcel_count(session)
    parts = [polygon(121.420, 31.220, 121.42199995, 31.222), polygon(121.42199995, 31.220, 121.422, 31.222)]
    with pytest.raises(ValidationError) as caught:
        lineage.split_parcel(session, PLANNER, ids["P1"], parts)
    [error] = caught.value.field_errors
    assert error.field == "parts[1]" and error.message.msgid == "implausible area %(area).1f m² (allowed 10 m² to 50 km²)"
    assert _parcel_count(session) == before
    assert redevelopment.parcel_detail(session, PLANNER, ids["P1"]).valid_to is None


def test_a_merge_larger_than_a_plausible_parcel_is_refused_and_writes_nothing(session, ids):
    """Two adjoining freed parcels of ≈ 26.5 km² each would make one of ≈ 53 km² (above 50 km²)."""
    big = [session.execute(text(
        "INSERT INTO parcels (code, geom, land_use_class, status, freed_on, valid_from) VALUES "
        "(:code, ST_Multi(ST_MakeEnvelope(:west, 31.20, :west + 0.05, 31.25, 4326)), 'M1', 'freed', "
        "DATE '2014-01-01', DATE '2010-01-01') RETURNING id"), {"code": f"BIG-{i}", "west": west}).scalar_one()
        for i, west in enumerate((121.40, 121.45))]
    before = _parcel_count(session)
    with pytest.raises(ValidationError) as caught:
        lineage.merge_parcels(session, PLANNER, big)
    [error] = caught.value.field_errors
    assert error.field == "parcel_ids" and error.message.msgid == "implausible area %(area).1f m² (allowed 10 m² to 50 km²)"
    assert _parcel_count(session) == before
    assert all(redevelopment.parcel_detail(session, PLANNER, i).valid_to is None for i in big)
