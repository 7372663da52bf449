"""Pure rollup rules: pace, progress, adjustments, parsing, the metric vocabulary."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from registry.domain.errors import ValidationError
from registry.domain.rollup_progress import measured_value, pace_fraction, progress
from registry.domain.rollups import (
    SHANGHAI, Cell, Figures, adjustments, default_report_year, group_by, parse_as_of, parse_rollup_query,
)
from registry.domain.targets import METRICS, UNITS, metric, parse_target_entry
from registry.services.demo.targets import SEED_TARGETS


def test_pace_is_the_share_of_the_year_elapsed():
    assert pace_fraction(2013, date(2012, 12, 31)) == 0
    assert pace_fraction(2013, date(2013, 1, 1)) == Decimal(1) / 365
    assert pace_fraction(2016, date(2016, 12, 30)) == Decimal(365) / 366  # leap year
    assert pace_fraction(2013, date(2013, 12, 31)) == 1 and pace_fraction(2013, date(2014, 1, 1)) == 1


def test_progress_percent_and_expected_value():
    row = progress(metric("retrofit_savings_tce"), Decimal(400000), None, Decimal(100000), "registry", 2013,
                   date(2013, 12, 31))
    assert row.percent == 25 and row.expected_percent == 100 and row.expected_value == 400000 and row.behind_pace
    no_target = progress(metric("savings_tce"), None, None, Decimal(5), "registry", 2013, date(2013, 6, 1))
    assert no_target.percent is None and not no_target.behind_pace


def test_measured_value_scales_units():
    cells = [Cell("310115", "cleaner_production", "verified", Figures(2, investment_wan_yuan=Decimal(15000))),
             Cell("310115", "structural_adjustment", "verified", Figures(1, freed_land_m2=Decimal(20000)))]
    assert measured_value(metric("cleaner_production_investment_yi_yuan"), cells) == Decimal("1.5")
    assert measured_value(metric("freed_land_mu"), cells) == 30
    assert measured_value(metric("cleaner_production_audits"), cells) == 2
    assert measured_value(metric("energy_intensity_reduction_pct"), cells) is None


def test_kinds_group_in_the_programme_order_and_districts_by_code():
    # By code the kinds read boiler, cleaner production, EMC, motor, structural adjustment, retrofit:
    # no order at all in Chinese. The programme's order (DOMAIN.md §2) starts with structural adjustment.
    cells = [Cell(district, kind, "verified", Figures(1)) for district, kind in (
        ("310115", "technical_retrofit"), ("310112", "boiler_replacement"), ("310115", "structural_adjustment"),
        ("310101", "contract_energy_management"), ("310112", "cleaner_production"), ("310115", "motor_upgrade"))]
    assert list(group_by(cells, "kind")) == ["structural_adjustment", "boiler_replacement", "motor_upgrade",
                                             "technical_retrofit", "contract_energy_management", "cleaner_production"]
    assert list(group_by(cells, "district_code")) == ["310101", "310112", "310115"]
    # every key asked for is there, at 0 when no cell has it, in the same order
    assert group_by(cells[:1], "kind", every=["cleaner_production", "technical_retrofit"]) == {
        "technical_retrofit": Figures(1), "cleaner_production": Figures()}


def test_an_equal_value_none_of_whose_projects_has_one_is_unknown_not_zero():
    unknown = Cell("310112", "contract_energy_management", "verified",
                   Figures(1, equal_value_missing=1, savings_tce=Decimal(150)))
    known = Cell("310115", "technical_retrofit", "verified",
                 Figures(2, equal_value_missing=1, savings_tce=Decimal(200), savings_tce_equal_value=Decimal(260)))
    assert measured_value(metric("emc_savings_tce_equal_value"), [unknown, known]) is None
    assert measured_value(metric("emc_savings_tce"), [unknown, known]) == 150
    assert measured_value(metric("retrofit_savings_tce_equal_value"), [unknown, known]) == 260  # one of two has one
    assert measured_value(metric("emc_savings_tce_equal_value"), []) == 0  # nothing counted: nothing saved
    row = progress(metric("emc_savings_tce_equal_value"), Decimal(300), None, None, "registry", 2013, date(2013, 12, 31))
    assert row.percent is None and not row.behind_pace


def test_an_equal_value_whose_known_projects_sum_to_zero_is_unknown_when_others_lack_one():
    # the demo's 松江区 in 2017: two closures of 2016 (no equal value that year) and an audit that saved 0
    songjiang = Figures(3, equal_value_missing=2, savings_tce=Decimal("9902.04"), savings_tce_equal_value=Decimal(0))
    assert songjiang.known("savings_tce_equal_value") is None
    assert songjiang.known("savings_tce") == Decimal("9902.04")
    assert Figures(3, equal_value_missing=2, savings_tce_equal_value=Decimal(5)).known("savings_tce_equal_value") == 5
    assert Figures(2, savings_tce_equal_value=Decimal(0)).known("savings_tce_equal_value") == 0  # all known: 0 is 0
    assert Figures().known("savings_tce_equal_value") == 0  # nothing counted: nothing saved


def test_adjustments_list_added_removed_and_changed_cells():
    a = Cell("310115", "motor_upgrade", "verified", Figures(1, savings_tce=Decimal(10)))
    b = Cell("310112", "motor_upgrade", "verified", Figures(1, savings_tce=Decimal(5)))
    changed = Cell("310115", "motor_upgrade", "verified", Figures(1, savings_tce=Decimal(12)))
    new = Cell("310101", "cleaner_production", "verified", Figures(1))
    result = adjustments([a, b], [changed, new])
    assert [(x.district_code, x.delta.project_count, x.delta.savings_tce) for x in result] == [
        ("310101", 1, 0), ("310112", -1, -5), ("310115", 0, 2)]


def test_figures_round_trip_through_their_json_form():
    figures = Figures(3, 1, Decimal("1.25"), Decimal("0.10"), Decimal(0), Decimal(0), Decimal(7), Decimal(0), Decimal(0))
    assert Figures.from_json(figures.to_json()) == figures
    assert figures.to_json()["savings_tce_equal_value"] == "0.1"


def test_as_of_a_date_means_the_end_of_that_day_in_shanghai():
    moment = parse_as_of("2014-01-31")
    assert moment.tzinfo == SHANGHAI and (moment.hour, moment.minute, moment.second) == (23, 59, 59)
    assert parse_as_of("2014-01-31T08:00:00+00:00") == datetime(2014, 1, 31, 16, 0, tzinfo=SHANGHAI)
    with pytest.raises(ValidationError, match="as_of"):
        parse_as_of("31/01/2014")


def test_rollup_query_names_every_bad_parameter():
    with pytest.raises(ValidationError) as caught:
        parse_rollup_query({"year": "20x3", "rule": "all", "as_of": "yesterday", "district": "pudong"}, 2013)
    assert [e.field for e in caught.value.field_errors] == ["year", "rule", "as_of", "district"]
    query = parse_rollup_query({"year": "2013", "district": "310115"}, 2000)
    assert (query.year, query.rule, query.district_code, query.as_of) == (2013, "verified", "310115", None)


def test_target_entry_takes_its_unit_from_the_metric_and_checks_fields():
    entry = parse_target_entry({"year": "2013", "scope": "city", "metric": "motor_kw", "value": "2000000"})
    assert entry.unit == "kW" and entry.kind == "plan" and entry.district_code is None
    with pytest.raises(ValidationError) as caught:
        parse_target_entry({"year": "1800", "scope": "district", "metric": "x", "value": "-1", "value_max": "a"})
    assert {e.field for e in caught.value.field_errors} == {"year", "district_code", "metric", "value", "value_max"}
    with pytest.raises(ValidationError, match="value_max"):
        parse_target_entry({"year": "2017", "metric": "energy_intensity_reduction_pct", "value": "1.5", "value_max": "1"})


def test_demo_targets_use_the_canonical_metric_codes_and_units():
    for year, code, _value, _max, unit, _kind, _source in SEED_TARGETS:
        assert code in METRICS, code
        assert METRICS[code].unit == unit, code
    assert all(m.unit in UNITS for m in METRICS.values())
    assert all(m.basis for m in METRICS.values() if m.unit == "tce")


def test_a_report_opens_on_the_latest_year_with_plan_targets_and_counted_projects():
    today = date(2026, 12, 5)
    # the demo: plans for 2013 and 2017, projects counted 2013–2018 (2018: stragglers verified in January)
    assert default_report_year(today, [2013, 2017], range(2013, 2019)) == 2017
    # the current year once its first project counts; not before, not a plan for next year
    assert default_report_year(today, [2025, 2026, 2027], [2025, 2026]) == 2026
    assert default_report_year(date(2027, 1, 3), [2025, 2026, 2027], [2025, 2026]) == 2026
    # no year has both: the latest with either; an empty registry: this year
    assert default_report_year(today, [], [2012, 2013, 2014]) == 2014
    assert default_report_year(today, [2015], [2012, 2013, 2014]) == 2015
    assert default_report_year(today, [], []) == 2026
