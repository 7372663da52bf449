"""The online monitoring cross-check (registry/domain/monitoring.py, domain/savings/baseline.py), by
hand-worked numbers: the claim each kind makes (当量值, GB/T 2589-2008 factors of tests/unit/conftest.py)
and the verdict beside a monitored figure."""
from __future__ import annotations

from datetime import date

import pytest

from registry.domain.errors import ValidationError
from registry.domain.monitoring import (
    CONSISTENT, FLAGGED, NO_DATA, NOT_COMPARED, PART, WHOLE, Claim, cross_check, monitored_row,
)
from registry.domain.savings import parse_savings_input
from registry.domain.savings.baseline import claimed_consumption
from tests.unit.savings_documents import D, exact, line, motor

TEN = D(10)

# 848 万kWh × 0.1229 kgce/kWh = 1,042,192 kgce = 1,042.192 tce; 2,000 t raw coal × 714.3 kgce/t = 1,428.6 tce;
# the exit claims the whole: 2,470.792 tce of 2016
EXIT = {"kind": "structural_adjustment", "year": 2017,
        "energy_use": [line("electricity", 848, "10^4 kWh"), line("raw_coal", 2000, "t")]}


def claim(doc, factors_for):
    inp = parse_savings_input(doc)
    return claimed_consumption(inp, factors_for(inp.year))


def test_an_exit_claims_the_whole_enterprise_of_its_baseline_year(factors_for):
    assert claim(EXIT, factors_for) == Claim(WHOLE, D("2470.792"), 2016)
    assert claim(EXIT | {"baseline_year": 2015}, factors_for).year == 2015  # the year the project names


def test_an_exit_within_the_tolerance_is_consistent_and_beyond_it_flagged(factors_for):
    exit_claim = claim(EXIT, factors_for)
    # (2,470.792 − 2,300) / 2,300 = 170.792 / 2,300 = +7.4257 %: within 10 %
    within = cross_check(exit_claim, D(2300), TEN)
    assert within.verdict == CONSISTENT and not within.flagged
    assert within.deviation_percent == exact("D('170.792') * 100 / D(2300)")
    # (2,470.792 − 2,200) / 2,200 = +12.3087 %: beyond 10 %
    beyond = cross_check(exit_claim, D(2200), TEN)
    assert beyond.verdict == FLAGGED and beyond.flagged
    assert round(beyond.deviation_percent, 4) == D("12.3087")
    # below the monitored figure just as well: (2,470.792 − 2,800) / 2,800 = −11.7574 %
    below = cross_check(exit_claim, D(2800), TEN)
    assert below.flagged and round(below.deviation_percent, 4) == D("-11.7574")
    # the operator's tolerance decides: at 15 % both are consistent
    assert not cross_check(exit_claim, D(2200), D(15)).flagged


def test_exactly_the_tolerance_is_not_beyond_it():
    # 1,100 against 1,000 is +10 % exactly; 1,100.01 is +10.001 %
    assert cross_check(Claim(WHOLE, D(1100), 2016), D(1000), TEN).verdict == CONSISTENT
    assert cross_check(Claim(WHOLE, D(900), 2016), D(1000), TEN).verdict == CONSISTENT
    assert cross_check(Claim(WHOLE, D("1100.01"), 2016), D(1000), TEN).verdict == FLAGGED


def test_a_monitored_zero_has_no_deviation_and_flags_any_claim():
    assert cross_check(Claim(WHOLE, D(0), 2016), D(0), TEN).verdict == CONSISTENT
    nothing = cross_check(Claim(WHOLE, D(5), 2016), D(0), TEN)
    assert nothing.flagged and nothing.deviation_percent is None


def test_a_retrofits_before_ledger_is_a_part_flagged_only_above_the_whole(factors_for):
    # before: 2,000 MWh = 2,000,000 kWh × 0.1229 = 245.8 tce, a part of the enterprise in 2016
    doc = {"kind": "technical_retrofit", "year": 2017, "method": "measured",
           "energy_before": [line("electricity", 2000, "MWh")], "energy_after": [line("electricity", 1500, "MWh")]}
    part = claim(doc, factors_for)
    assert part == Claim(PART, D("245.8"), 2016)
    # a part may be anything up to the whole: 245.8 of 1,000 is 24.58 %, far from it and not flagged
    inside = cross_check(part, D(1000), TEN)
    assert inside.verdict == CONSISTENT and inside.share_percent == D("24.58") and inside.deviation_percent is None
    assert cross_check(part, D("245.8"), TEN).verdict == CONSISTENT  # the whole enterprise is the part
    larger = cross_check(part, D(200), TEN)  # 245.8 > 200: more than the whole enterprise used
    assert larger.flagged and larger.share_percent == D("122.9")


def test_a_boilers_old_fuel_and_the_replaced_motors_electricity_are_parts(factors_for):
    # efficiency estimate: the old fuel, 2,000 t × 714.3 kgce/t = 1,428.6 tce (DOMAIN.md §4.3 example 2)
    boiler = {"kind": "boiler_replacement", "year": 2014, "energy_before": [line("raw_coal", 2000, "t")],
              "efficiency_before": 0.65, "efficiency_after": 0.92}
    assert claim(boiler, factors_for) == Claim(PART, D("1428.6"), 2013)
    # one 55 kW motor at load 0.75, 6,000 h, η 0.921 before: 247,500 kWh ÷ 0.921 = 268,729.64 kWh used,
    # × 0.1229 / 1000 = 33.0269 tce
    motors = {"kind": "motor_upgrade", "year": 2013, "motors": [motor(1, 55, 0.75, 6000, 0.921, 0.946)]}
    found = claim(motors, factors_for)
    assert (found.scope, found.year) == (PART, 2012)
    assert found.consumption_tce == exact("D(247500) / D('0.921') * D('0.1229') / 1000")
    assert round(found.consumption_tce, 4) == D("33.0269")


def test_an_intensity_or_an_audit_claims_nothing_to_compare(factors_for):
    intensity = {"kind": "technical_retrofit", "year": 2017, "method": "intensity", "intensity_before": 1.2,
                 "intensity_after": 1.0, "intensity_unit": "tce/t", "output_reporting": 1000}
    audit = {"kind": "cleaner_production", "year": 2017}
    assert claim(intensity, factors_for) is None and claim(audit, factors_for) is None
    assert cross_check(None, D(100), TEN).verdict == NOT_COMPARED


def test_no_monitored_figure_is_no_data_not_an_error():
    check = cross_check(Claim(WHOLE, D(100), 2016), None, TEN)
    assert check.verdict == NO_DATA and not check.flagged and check.deviation_percent is None


TODAY = date(2026, 12, 8)
CODE = "91110000600037341L"  # DOMAIN.md §5


def test_a_monitored_rows_cells_are_read_as_people_write_them():
    row = monitored_row(" 91110000600037341l ", "２０１６", "１,２３４.５", "  上海市能耗在线监测平台 ", TODAY)
    assert (row.credit_code, row.year, row.consumption_tce, row.source) == (CODE, 2016, D("1234.5"), "上海市能耗在线监测平台")
    from_a_workbook = monitored_row(CODE, 2016.0, 1234.5, None, TODAY)
    assert (from_a_workbook.year, from_a_workbook.consumption_tce, from_a_workbook.source) == (2016, D("1234.5"), None)
    assert monitored_row(CODE, 2016, 0, "", TODAY).consumption_tce == 0  # an enterprise that stopped


def test_a_credit_code_a_workbook_holds_as_a_number_is_refused_saying_so():
    """An all-digit code typed into an Excel cell is a number there, rounded to 15 digits: it was refused
    for a character “.” of its text 9.13101151234567e+17, which the clerk never typed."""
    with pytest.raises(ValidationError) as refused:
        monitored_row(9.13101151234567e17, 2016, 1234.5, None, TODAY)
    [problem] = refused.value.field_errors
    assert (problem.field, problem.message.params) == ("credit_code", {"number": "913101151234567000"})
    assert problem.message.render().startswith("holds a number, not text: Excel keeps 15 significant digits")


def test_a_credit_code_excel_wrote_as_a_number_in_a_csv_is_refused_saying_so():
    """Excel saves an all-digit code of a General cell to CSV as 9.13101E+17: it was refused for the
    character “.” of a text the clerk never typed."""
    with pytest.raises(ValidationError) as refused:
        monitored_row("9.13101E+17", 2016, 1234.5, None, TODAY)
    [problem] = refused.value.field_errors
    assert (problem.field, problem.message.params) == ("credit_code", {"number": "9.13101E+17"})
    assert problem.message.render().startswith("is the number 9.13101E+17 written as text, not a code")


def test_every_bad_cell_of_a_row_is_named():
    with pytest.raises(ValidationError) as refused:
        monitored_row("91110000600037341X", 2027, "-5", "x" * 201, TODAY)
    problems = {e.field: e.message for e in refused.value.field_errors}
    assert set(problems) == {"credit_code", "year", "consumption_tce", "source"}
    assert problems["credit_code"].params == {"expected": "L", "actual": "X"}
    assert problems["year"].params == {"minimum": 1990, "maximum": 2026}  # no year after this one
    with pytest.raises(ValidationError) as blank:
        monitored_row("", None, "12,5", None, TODAY)  # a decimal comma is no thousands separator
    assert [e.field for e in blank.value.field_errors] == ["credit_code", "year", "consumption_tce"]
    assert blank.value.field_errors[2].message.msgid == "must be a number, got “%(value)s”"
