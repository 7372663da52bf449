"""The rollup service on a hand-computed data set: every 2013 cell, both rules, as-of, closing."""
from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from registry.domain.errors import Conflict, NotFound, PermissionDenied
from registry.domain.permissions import Actor
from registry.domain.rollups import Figures, RollupQuery
from registry.services import rollups, savings
from registry.services.rollup_xlsx import rollup_xlsx
from tests.integration import rollup_data

D = Decimal
ADMIN = Actor(None, "admin", "admin")


@pytest.fixture
def ids(session):
    return rollup_data.load(session)


def figures(count, tce="0", eq="0", missing=0, kw="0", reman="0", inv="0", land="0", output="0") -> Figures:
    return Figures(count, missing, D(tce), D(eq), D(kw), D(reman), D(inv), D(land), D(output))


EXPECTED_2013_VERIFIED = {
    ("310112", "cleaner_production", "verified"): figures(1, inv="2000"),
    ("310112", "contract_energy_management", "verified"): figures(1, "150", "180", inv="400"),
    ("310112", "motor_upgrade", "verified"): figures(2, "15", "25", missing=1, kw="600", reman="100", inv="50"),
    ("310115", "structural_adjustment", "verified"): figures(1, "1000", "1500", land="20000", output="5000"),
    ("310115", "technical_retrofit", "verified"): figures(1, "200", "260", inv="300"),
}


def test_every_cell_of_the_2013_rollup_is_the_hand_computed_one(session, ids):
    report = rollups.rollup(session, RollupQuery(2013))
    assert {c.key: c.figures for c in report.cells} == EXPECTED_2013_VERIFIED
    assert report.totals == figures(6, "1365", "1965", missing=1, kw="600", reman="100", inv="2750",
                                    land="20000", output="5000")


def test_metrics_of_the_2013_rollup(session, ids):
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce")
    rollup_data.add_target(session, "structural_adjustment_projects", "4", "项")
    rollup_data.add_target(session, "energy_intensity_reduction_pct", "1.2", "%", kind="actual")
    report = rollups.rollup(session, RollupQuery(2013))
    rows = {p.metric.code: (p, reported) for p, reported in report.progress(date(2013, 7, 2))}
    actual = {code: p.actual for code, (p, _) in rows.items()}
    assert actual["structural_adjustment_projects"] == 1 and actual["retrofit_projects"] == 1
    assert actual["emc_projects"] == 1 and actual["boilers_replaced"] == 0 and actual["motor_upgrade_projects"] == 2
    assert actual["cleaner_production_audits"] == 1
    assert actual["savings_tce"] == 1365 and actual["savings_tce_equal_value"] == 1965
    assert actual["retrofit_savings_tce"] == 200 and actual["retrofit_savings_tce_equal_value"] == 260
    assert actual["emc_savings_tce"] == 150 and actual["emc_savings_tce_equal_value"] == 180
    assert actual["motor_kw"] == 600 and actual["motor_remanufactured_kw"] == 100
    assert actual["cleaner_production_investment_yi_yuan"] == D("0.2")
    assert actual["freed_land_mu"] == 30 and actual["freed_land_km2"] == D("0.02")
    retrofit = rows["retrofit_savings_tce"][0]
    assert retrofit.percent == 50
    # 2 July is day 183 of 365
    assert retrofit.expected_percent == D(183) / D(365) * 100 and retrofit.behind_pace  # 50 % < 50.14 %
    assert rows["structural_adjustment_projects"][0].percent == 25
    assert rows["structural_adjustment_projects"][0].behind_pace
    intensity = rows["energy_intensity_reduction_pct"]
    assert intensity[0].actual == D("1.2") and intensity[0].actual_source == "reported"
    assert report.equal_value_missing("motor_kw") == 1 and report.equal_value_missing("emc_savings_tce") == 0


def test_completed_rule_counts_completed_projects_in_the_year_of_completion(session, ids):
    report = rollups.rollup(session, RollupQuery(2013, rule="completed"))
    assert report.totals.project_count == 8  # P6 (completed only) and P7 (verified in 2014) join
    assert report.totals.savings_tce == 1365 + 400 + 700
    assert report.totals.savings_tce_equal_value == 1965 + 400 + 800
    verified_2014 = rollups.rollup(session, RollupQuery(2014))
    assert [c.key for c in verified_2014.cells] == [("310115", "structural_adjustment", "verified")]


def test_district_filter_and_drill_down(session, ids):
    report = rollups.rollup(session, RollupQuery(2013, district_code="310112"))
    assert report.totals.project_count == 4 and report.totals.savings_tce == 165
    page = rollups.projects_behind(session, RollupQuery(2013, district_code="310112"), ["motor_upgrade"])
    assert page.total == 2 and [line.reference for line in page.lines] == ["P10", "P4"]


def test_the_drill_down_summarises_the_savings_step_not_the_electricity_saved_after_it(session, ids):
    # A measured retrofit's last step is the electricity saved (990,000 kWh): beside the tce columns
    # it read as 990,000 tce. The summary is the step that gives the 当量值 savings, in tce.
    result = savings.compute(session, {
        "kind": "technical_retrofit", "year": 2013, "method": "ipmvp_b",
        "energy_before": [{"energy": "electricity", "quantity": "721.2", "unit": "10^4 kWh"}],
        "energy_after": [{"energy": "electricity", "quantity": "622.2", "unit": "10^4 kWh"}]})
    assert result.trace.steps[-1].unit == "kWh"
    session.execute(text("UPDATE projects SET savings_trace = CAST(:trace AS jsonb) WHERE id = :id"),
                    {"trace": json.dumps(savings.stored_trace(result)), "id": ids["P2"]})
    page = rollups.projects_behind(session, RollupQuery(2013), ["technical_retrofit"])
    assert [line.trace_summary for line in page.lines] == ["886.3548 − 764.6838 = 121.671 tce"]
    assert page.lines[0].trace_worked() == ("886.3548 − 764.6838", Decimal("121.671"), "tce")
    frozen_earlier = dataclasses.replace(page.lines[0], trace_summary="886.3548 − 764.6838 = 121.671")
    assert frozen_earlier.trace_worked() == ("886.3548 − 764.6838", Decimal("121.671"), None)
    # frozen before 2026-12 without a unit: tce when the result is the project's savings on a basis
    counted = dataclasses.replace(frozen_earlier, savings_tce=Decimal("121.6710000000000000003"))  # exact; the trace holds its float
    assert counted.trace_worked() == ("886.3548 − 764.6838", Decimal("121.671"), "tce")
    equal = dataclasses.replace(frozen_earlier, savings_tce_equal_value=Decimal("121.671"))
    assert equal.trace_worked()[2] == "tce" and equal.trace_summary_text() == "886.3548 − 764.6838 = 121.671 tce"
    assert page.lines[0].trace_summary_text() == "886.3548 − 764.6838 = 121.671 tce"  # not twice


def test_the_drill_down_summarises_a_motor_upgrades_savings_too(session, ids):
    # A motor upgrade's savings step is built from parts ("%(what)s, %(basis)s"): the drill-down and
    # the workbook showed no calculation for any motor project.
    result = savings.compute(session, {
        "kind": "motor_upgrade", "year": 2013,
        "motors": [{"count": 1, "rated_kw": "55", "load_factor": "0.75", "hours_per_year": "6000",
                    "efficiency_before": "0.921", "efficiency_after": "0.946"}]})
    session.execute(text("UPDATE projects SET savings_trace = CAST(:trace AS jsonb) WHERE id = :id"),
                    {"trace": json.dumps(savings.stored_trace(result)), "id": ids["P4"]})
    page = rollups.projects_behind(session, RollupQuery(2013), ["motor_upgrade"])
    [line] = [line for line in page.lines if line.reference == "P4"]
    formula, value, unit = line.trace_worked()
    assert formula.endswith("kWh × 0.1229 kgce/kWh ÷ 1000") and unit == "tce", line.trace_summary
    assert abs(value - Decimal("0.8728")) < Decimal("0.001")  # DOMAIN.md §4.3: 7,102 kWh = 0.873 tce


def test_as_of_before_and_after_an_edit_gives_the_two_answers(session, ids):
    before_edit = rollups.database_now(session)
    session.execute(text("UPDATE projects SET savings_tce = 250, savings_tce_equal_value = 320 WHERE id = :id"),
                    {"id": ids["P2"]})
    after_edit = rollups.database_now(session)
    then = rollups.rollup(session, RollupQuery(2013, as_of=before_edit))
    now = rollups.rollup(session, RollupQuery(2013, as_of=after_edit))
    live = rollups.rollup(session, RollupQuery(2013))
    assert then.totals.savings_tce == 1365 and then.totals.savings_tce_equal_value == 1965
    assert now.totals.savings_tce == 1415 and now.totals.savings_tce_equal_value == 2025
    assert live.totals == now.totals  # the write is visible in the very next rollup
    assert {c.key: c.figures for c in then.cells} == EXPECTED_2013_VERIFIED
    before_any = rollups.rollup(session, RollupQuery(2013, as_of=before_edit - timedelta(days=1)))
    assert before_any.cells == ()


def test_a_verification_moves_a_project_into_the_year_and_the_live_cells_follow(session, ids):
    session.execute(text("UPDATE projects SET status = 'verified', verified_on = '2013-12-28' WHERE id = :id"),
                    {"id": ids["P6"]})
    report = rollups.rollup(session, RollupQuery(2013))
    assert report.totals.project_count == 7 and report.totals.savings_tce == 1765
    session.execute(text("DELETE FROM projects WHERE id = :id"), {"id": ids["P6"]})
    assert rollups.rollup(session, RollupQuery(2013)).totals.project_count == 6
    history = rollups.rollup(session, RollupQuery(2013, as_of=rollups.database_now(session)))
    assert history.totals == rollups.rollup(session, RollupQuery(2013)).totals


def test_a_correction_after_closing_shows_as_an_adjustment_and_the_frozen_report_stays_byte_identical(session, ids):
    closed = rollups.close_year(session, ADMIN, 2013, "verified", note="year-end report")
    frozen_before = rollup_xlsx(rollups.frozen_rollup(session, 2013, "verified"), lambda m: m, date(2030, 1, 1))
    assert rollups.rollup(session, RollupQuery(2013)).adjustments == ()

    session.execute(text("UPDATE projects SET savings_tce = 170 WHERE id = :id"), {"id": ids["P3"]})
    live = rollups.rollup(session, RollupQuery(2013))
    assert live.frozen is not None and live.frozen.sha256 == closed.sha256
    assert len(live.adjustments) == 1
    adjustment = live.adjustments[0]
    assert (adjustment.district_code, adjustment.kind) == ("310112", "contract_energy_management")
    assert adjustment.frozen.savings_tce == 150 and adjustment.live.savings_tce == 170
    assert adjustment.delta.savings_tce == 20 and adjustment.delta.project_count == 0

    frozen = rollups.frozen_rollup(session, 2013, "verified")
    assert frozen.totals.savings_tce == 1365 and frozen.is_frozen_report
    assert [p.reference for p in frozen.projects] == ["P1", "P10", "P2", "P3", "P4", "P5"]
    frozen_after = rollup_xlsx(frozen, lambda m: m, date(2031, 6, 1))
    assert frozen_after == frozen_before
    # a district's view of the frozen report is cut from the same snapshot
    assert rollups.frozen_rollup(session, 2013, "verified", "310115").totals.project_count == 2
    # as of the closing moment, the history says what the frozen report says
    assert rollups.rollup(session, RollupQuery(2013, as_of=closed.as_of)).totals == frozen.totals


def test_a_closed_year_cannot_be_closed_again_nor_its_snapshot_rewritten(session, ids):
    rollups.close_year(session, ADMIN, 2013, "verified")
    with pytest.raises(Conflict):
        rollups.close_year(session, ADMIN, 2013, "verified")
    with pytest.raises(Exception, match="append-only"):
        with session.begin_nested():
            session.execute(text("UPDATE rollup_closures SET snapshot = '{}' WHERE year = 2013"))


def test_closing_needs_a_city_role_and_an_ended_year(session, ids):
    with pytest.raises(PermissionDenied):
        rollups.close_year(session, Actor(None, "pudong", "district_staff", "310115"), 2013, "verified")
    from registry.domain.errors import ValidationError

    with pytest.raises(ValidationError):
        rollups.close_year(session, ADMIN, 2013, "verified", today=date(2013, 12, 31))
    with pytest.raises(NotFound):
        rollups.frozen_rollup(session, 2013, "verified")


def test_trend_by_year_from_cells_and_from_history_agree(session, ids):
    live = rollups.trend(session, RollupQuery(2013))
    assert live[2012].savings_tce == 90 and live[2013].savings_tce == 1365 and live[2014].savings_tce == 700
    assert rollups.trend(session, RollupQuery(2013, as_of=rollups.database_now(session))) == live


def test_a_year_outside_2000_2100_is_not_closed_nor_one_without_projects_unless_asked(session, ids):
    from registry.domain.errors import ValidationError

    for year in (1999, 2101):
        with pytest.raises(ValidationError, match="must be a year from 2000 to 2100"):
            rollups.close_year(session, ADMIN, year, "verified")
    with pytest.raises(ValidationError, match="no project"):
        rollups.close_year(session, ADMIN, 2011, "verified")
    assert rollups.closed_years(session, "verified") == []
    closed = rollups.close_year(session, ADMIN, 2011, "verified", allow_empty=True)
    assert closed.year == 2011 and rollups.closed_years(session, "verified") == [2011]
