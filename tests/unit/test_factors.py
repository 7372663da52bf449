"""Factor tables as data, and quantities to standard coal on both electricity bases."""
from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

import pytest

from registry.domain.errors import ValidationError
from registry.domain.factors import FactorRow, FactorTable
from registry.domain.standard_coal import EQUAL_VALUE, EQUIVALENT, electricity_kwh, to_kgce, to_tce
from tests.unit.conftest import factor_rows

D = Decimal


def _fields(exc: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [error.field for error in exc.value.field_errors]


def test_table_holds_one_row_per_energy_with_its_source(factors_2013):
    row = factors_2013.factor_for("natural_gas")
    assert (row.value_kgce, row.unit, row.source) == (D("1.2143"), "m3", "GB/T 2589-2008")
    assert (row.value_min, row.value_max) == (D("1.1000"), D("1.3300"))
    assert len(factors_2013.rows) == 16


def test_picks_the_latest_row_in_force_by_the_end_of_the_year():
    # A later edition (value made up for the test) takes over only from its valid_from.
    later = FactorRow("natural_gas", "m3", D("1.2000"), "GB/T 2589", "2020",
                      datetime.date(2021, 4, 1), D("1.1000"), D("1.3300"))
    rows = [*factor_rows(), later]
    assert FactorTable.from_rows(rows, 2020, None).factor_for("natural_gas").edition == "2008"
    assert FactorTable.from_rows(rows, 2021, None).factor_for("natural_gas").edition == "2020"


def test_rows_not_yet_in_force_are_ignored():
    table = FactorTable.from_rows(factor_rows(), 2007, None)  # GB/T 2589-2008 starts mid-2008
    assert table.rows == ()
    with pytest.raises(ValidationError) as info:
        table.factor_for("raw_coal", "energy_use[0].energy")
    assert _fields(info) == ["energy_use[0].energy"]


def test_two_rows_for_the_same_energy_and_day_are_refused():
    twin = dataclasses.replace(factor_rows()[0], value_kgce=D("0.7000"))
    with pytest.raises(ValidationError) as info:
        FactorTable.from_rows([*factor_rows(), twin], 2013, None)
    assert _fields(info) == ["factors[16].valid_from"]


@pytest.mark.parametrize("change, field", [
    ({"energy": "peat"}, "factors[0].energy"),
    ({"unit": "m3"}, "factors[0].unit"),           # raw coal is a mass
    ({"unit": "barrel"}, "factors[0].unit"),
    ({"value_kgce": D(0)}, "factors[0].value_kgce"),
    ({"value_kgce": D("0.5"), "value_min": D("0.6")}, "factors[0].value_kgce"),
    ({"value_kgce": "abc"}, "factors[0].value_kgce"),
    ({"valid_from": "2008-06-01"}, "factors[0].valid_from"),
])
def test_malformed_rows_are_refused_naming_the_row(change, field):
    rows = factor_rows()
    rows[0] = dataclasses.replace(rows[0], **change)
    with pytest.raises(ValidationError) as info:
        FactorTable.from_rows(rows, 2013, None)
    assert field in _fields(info)


@pytest.mark.parametrize("equal_value", [D(0), D("-0.3"), float("nan"), True])
def test_bad_equal_value_is_refused(equal_value):
    with pytest.raises(ValidationError) as info:
        FactorTable.from_rows(factor_rows(), 2013, equal_value)
    assert _fields(info) == ["electricity_equal_value_kgce_per_kwh"]


@pytest.mark.parametrize("year", [1800, 2013.0, True, "2013"])
def test_bad_year_is_refused(year):
    with pytest.raises(ValidationError):
        FactorTable.from_rows(factor_rows(), year, None)


def test_unknown_energy_has_no_factor(factors_2013):
    with pytest.raises(ValidationError):
        factors_2013.factor_for("peat")


@pytest.mark.parametrize("quantity, unit, energy, expected_tce", [
    ("1200", "t", "raw_coal", "857.16"),             # 1 200 000 kg × 0.7143
    ("600", "吨", "fuel_oil", "857.16"),              # 600 000 kg × 1.4286
    ("85", "10^4 m3", "natural_gas", "1032.155"),     # 850 000 m³ × 1.2143
    ("30", "万立方米", "coke_oven_gas", "171.42"),     # 300 000 m³ × 0.5714
    ("18000", "GJ", "heat", "614.16"),                # 18 000 000 MJ × 0.03412
    ("2000", "t", "steam", "257.2"),                  # 2 000 000 kg × 0.1286
    ("10", "t", "lpg", "17.143"),                     # 10 000 kg × 1.7143
    ("50000", "公斤", "diesel", "72.855"),             # 50 000 kg × 1.4571
    ("100", "万m³", "blast_furnace_gas", "128.6"),    # 1 000 000 m³ × 0.1286
    ("500", "吨标准煤", "raw_coal", "500"),             # already standard coal: taken as stated
    ("250", "kgce", "coke", "0.25"),
    ("120", "万千瓦时", "electricity", "147.48"),       # 1 200 000 kWh × 0.1229
    ("800", "MWh", "electricity", "98.32"),           # 800 000 kWh × 0.1229
])
def test_to_tce_on_the_equivalent_basis(factors_2013, quantity, unit, energy, expected_tce):
    assert to_tce(D(quantity), unit, energy, factors_2013) == D(expected_tce)


def test_electricity_on_the_equal_value_basis(factors_2013, factors_2017):
    # 1 200 000 kWh × 0.321 kgce/kWh = 385 200 kgce; × 0.309 = 370 800 kgce.
    assert to_tce(D(120), "10^4 kWh", "electricity", factors_2013, EQUAL_VALUE) == D("385.2")
    assert to_tce(D(120), "10^4 kWh", "electricity", factors_2017, EQUAL_VALUE) == D("370.8")


def test_other_energies_are_the_same_on_both_bases(factors_2013):
    for basis in (EQUIVALENT, EQUAL_VALUE):
        assert to_tce(D(1200), "t", "raw_coal", factors_2013, basis) == D("857.16")


def test_electricity_given_in_standard_coal_is_read_as_equivalent_value(factors_2013):
    # 12.29 tce = 12 290 kgce ÷ 0.1229 kgce/kWh = 100 000 kWh → × 0.321 = 32.1 tce (等价).
    assert electricity_kwh(D("12.29"), "tce", factors_2013) == D(100000)
    assert to_tce(D("12.29"), "tce", "electricity", factors_2013) == D("12.29")
    assert to_tce(D("12.29"), "tce", "electricity", factors_2013, EQUAL_VALUE) == D("32.1")


def test_equal_value_of_a_year_without_one_is_an_error(factors_2014):
    with pytest.raises(ValidationError) as info:
        to_tce(D(1), "kWh", "electricity", factors_2014, EQUAL_VALUE)
    assert _fields(info) == ["year"]


def test_measured_factor_within_the_range_replaces_the_standard_one(factors_2013):
    # 1 000 000 m³ × 1.25 kgce/m³ = 1 250 000 kgce.
    assert to_kgce(D(100), "万m3", "natural_gas", factors_2013,
                   measured_factor_kgce_per_unit=D("1.25")) == D(1250000)


@pytest.mark.parametrize("energy, factor", [("natural_gas", "1.35"), ("natural_gas", "1.0999"),
                                            ("coke_oven_gas", "0.62")])
def test_measured_factor_outside_the_range_is_refused_with_the_range(factors_2013, energy, factor):
    with pytest.raises(ValidationError) as info:
        to_kgce(D(1), "m3", energy, factors_2013, measured_factor_kgce_per_unit=D(factor))
    error = info.value.field_errors[0]
    assert error.field == "factor_kgce_per_unit"
    assert "outside the range" in error.render()
    assert {"minimum", "maximum"} <= set(error.message.params)


def test_measured_factor_without_a_range_may_be_any_positive_value(factors_2013):
    # 1000 kg × 0.69 kgce/kg (a lean coal measured by the project).
    assert to_kgce(D(1), "t", "raw_coal", factors_2013, measured_factor_kgce_per_unit=D("0.69")) \
        == D(690)


@pytest.mark.parametrize("quantity, unit, energy", [
    (1, "t", "natural_gas"), (1, "m3", "raw_coal"), (1, "t", "electricity"), (1, "kWh", "diesel"),
    (1, "GJ", "steam"),
])
def test_units_of_the_wrong_dimension_are_refused(factors_2013, quantity, unit, energy):
    with pytest.raises(ValidationError) as info:
        to_tce(D(quantity), unit, energy, factors_2013)
    assert energy in info.value.render() and unit in info.value.render()
