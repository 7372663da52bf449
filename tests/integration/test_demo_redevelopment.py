"""The demo's redevelopments: outputs at a plausible density for their area, and their plan and
completion entries in a parcel's history dated in the demo's years, not on the day of the load."""
from __future__ import annotations

from sqlalchemy import text

from registry.services.demo import load_demo


def test_demo_redevelopment_outputs_are_plausible_for_their_parcels_area(session):
    # A 0.2 ha parcel recorded 8,680 万元 (≈ 434 亿元/km²), drawn whatever its area; Shanghai's
    # development zones aimed at 68 亿元/km² (DOMAIN.md §6)
    load_demo(session, parcels=800, projects=200)
    rows = session.execute(text(
        "SELECT r.expected_output_wan_yuan / 1e4 / (p.area_m2 / 1e6), r.actual_output_wan_yuan / 1e4 / (p.area_m2 / 1e6) "
        "FROM parcel_redevelopments r JOIN parcels p ON p.id = r.parcel_id")).all()
    assert rows and any(actual is not None for _, actual in rows)
    densities = [float(d) for row in rows for d in row if d is not None]
    assert 3 <= min(densities) and max(densities) <= 200, (min(densities), max(densities))


def test_demo_redevelopment_history_is_dated_on_its_plan_and_completion_days(session):
    load_demo(session, parcels=800, projects=200)
    rows = session.execute(text(
        "SELECT a.action, (a.at AT TIME ZONE 'Asia/Shanghai')::date, r.planned_on, r.completed_on "
        "FROM audit_log a JOIN parcel_redevelopments r ON a.entity = 'parcel' AND a.entity_id = r.parcel_id::text "
        "WHERE a.action IN ('plan_redevelopment', 'complete_redevelopment')")).all()
    assert {action for action, *_ in rows} == {"plan_redevelopment", "complete_redevelopment"}
    for action, day, planned_on, completed_on in rows:
        assert day == (planned_on if action == "plan_redevelopment" else completed_on), (action, day)
