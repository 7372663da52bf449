"""Units of the energy ledger: spellings, dimensions, exact conversion (DOMAIN.md §4.1)."""
from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain.errors import ValidationError
from registry.domain.numbers import calc_context
from registry.domain.units import (
    ENERGY, MASS, STANDARD_COAL, UNIT_LABELS, UNITS, VOLUME, after_figure, convert, parse_intensity_unit, parse_unit,
    written_formula,
)

D = Decimal


@pytest.mark.parametrize("text, code", [
    ("t", "t"), ("吨", "t"), (" T ", "t"),
    ("kg", "kg"), ("千克", "kg"), ("公斤", "kg"), ("KG", "kg"),
    ("万吨", "10^4 t"),
    ("m3", "m3"), ("m³", "m3"), ("立方米", "m3"), ("Nm3", "m3"), ("方", "m3"),
    ("10^4 m3", "10^4 m3"), ("10⁴ m³", "10^4 m3"), ("万m3", "10^4 m3"), ("万m³", "10^4 m3"),
    ("万 m3", "10^4 m3"), ("万立方米", "10^4 m3"), ("万方", "10^4 m3"), ("万Nm³", "10^4 m3"),
    ("kWh", "kWh"), ("kwh", "kWh"), ("KWH", "kWh"), ("kW·h", "kWh"), ("千瓦时", "kWh"), ("度", "kWh"),
    ("10^4 kWh", "10^4 kWh"), ("10⁴ kWh", "10^4 kWh"), ("万kWh", "10^4 kWh"), ("万千瓦时", "10^4 kWh"),
    ("万度", "10^4 kWh"),
    ("MWh", "MWh"), ("兆瓦时", "MWh"),
    ("GJ", "GJ"), ("吉焦", "GJ"), ("gj", "GJ"), ("百万千焦", "GJ"),
    ("MJ", "MJ"), ("兆焦", "MJ"),
    ("tce", "tce"), ("吨标准煤", "tce"), ("吨标煤", "tce"),
    ("kgce", "kgce"), ("千克标准煤", "kgce"), ("公斤标准煤", "kgce"),
    ("万吨标准煤", "10^4 tce"),
    ("ｋＷｈ", "kWh"),  # full-width input from a Chinese IME
])
def test_accepts_common_spellings(text, code):
    assert parse_unit(text).code == code


@pytest.mark.parametrize("code, dimension", [
    ("t", MASS), ("kg", MASS), ("m3", VOLUME), ("10^4 m3", VOLUME), ("kWh", ENERGY),
    ("GJ", ENERGY), ("MJ", ENERGY), ("MWh", ENERGY), ("tce", STANDARD_COAL), ("kgce", STANDARD_COAL),
])
def test_units_have_their_dimension(code, dimension):
    assert UNITS[code].dimension == dimension


@pytest.mark.parametrize("text", ["barrel", "", "  ", "m2", "kW", "10^5 m3", "吨吨"])
def test_rejects_unknown_units_naming_the_field(text):
    with pytest.raises(ValidationError) as info:
        parse_unit(text, "energy_use[2].unit")
    assert info.value.field_errors[0].field == "energy_use[2].unit"


@pytest.mark.parametrize("value", [None, 3, ["t"], {"unit": "t"}])
def test_rejects_non_text_units(value):
    with pytest.raises(ValidationError):
        parse_unit(value)


@pytest.mark.parametrize("quantity, source, target, expected", [
    ("1", "10^4 m3", "m3", "10000"),       # 1 万m³ = 10 000 m³
    ("85", "万立方米", "m3", "850000"),
    ("1200", "t", "kg", "1200000"),
    ("1", "万吨", "kg", "10000000"),
    ("120", "万千瓦时", "kWh", "1200000"),
    ("1", "MWh", "kWh", "1000"),
    ("1", "kWh", "MJ", "3.6"),             # 1 kWh = 3.6 MJ exactly
    ("1", "GJ", "MJ", "1000"),
    ("18000", "吉焦", "MJ", "18000000"),
    ("3.6", "GJ", "kWh", "1000"),          # 3600 MJ ÷ 3.6 = 1000 kWh: terminates, so exact
    ("1", "tce", "kgce", "1000"),
    ("500", "kgce", "tce", "0.5"),
    ("1", "10^4 kWh", "MWh", "10"),
])
def test_converts_exactly(quantity, source, target, expected):
    assert convert(D(quantity), source, target) == D(expected)


def test_non_terminating_conversion_is_carried_at_34_digits():
    # 1 MJ = 1/3.6 kWh = 0.2777…: rounded once, at the 34th significant digit.
    assert convert(D(1), "MJ", "kWh") == D("0.2777777777777777777777777777777778")


def test_refuses_conversion_across_dimensions():
    with pytest.raises(ValidationError) as info:
        convert(D(1), "t", "m3")
    assert info.value.field_errors[0].field == "unit"


@pytest.mark.parametrize("text, numerator, denominator", [
    ("tce/t", "tce", "t"), ("kgce/t", "kgce", "t"), ("tce/万元", "tce", "万元"),
    ("kgce/万元", "kgce", "万元"), ("吨标准煤/万元", "tce", "万元"), ("kgce / 台", "kgce", "台"),
])
def test_parses_intensity_units(text, numerator, denominator):
    unit = parse_intensity_unit(text)
    assert (unit.numerator.code, unit.denominator) == (numerator, denominator)


@pytest.mark.parametrize("text", ["tce", "t/tce", "kWh/t", "tce/", "/t", 5])
def test_rejects_intensity_units_that_are_not_standard_coal_per_output(text):
    with pytest.raises(ValidationError) as info:
        parse_intensity_unit(text)
    assert info.value.field_errors[0].field == "intensity_unit"


quantities = st.decimals(min_value=D("-1e9"), max_value=D("1e9"), places=6, allow_nan=False,
                         allow_infinity=False)
same_dimension_pairs = st.sampled_from([
    (a, b) for a in UNITS.values() for b in UNITS.values() if a.dimension == b.dimension
])


def _ratio_is_power_of_ten(pair) -> bool:
    with localcontext(calc_context()):
        return (pair[0].base_units / pair[1].base_units).normalize().as_tuple().digits == (1,)


@given(quantities, same_dimension_pairs)
def test_round_trip_returns_the_quantity(quantity, pair):
    back = convert(convert(quantity, pair[0], pair[1]), pair[1], pair[0])
    if _ratio_is_power_of_ten(pair):
        assert back == quantity  # decimal multiples: exact both ways
    else:
        # MJ/GJ ↔ kWh/MWh divides by 3.6: equal to within the last of 34 digits.
        with localcontext(calc_context()):
            assert abs(back - quantity) <= abs(quantity) * D("1e-32")


@given(quantities, same_dimension_pairs)
def test_conversion_is_linear(quantity, pair):
    with localcontext(calc_context()):
        doubled = convert(quantity * 2, pair[0], pair[1])
        assert abs(doubled - 2 * convert(quantity, pair[0], pair[1])) <= abs(doubled) * D("1e-32")


@pytest.mark.parametrize(("stored", "written"), [
    # the unit's code after a figure read as a second number ("1126.9 10^4 kWh")
    ("1126.9 10^4 kWh = 11269000 kWh; 11269000 kWh × 0.1229 kgce/kWh ÷ 1000",
     "1126.9 × 10⁴ kWh = 11269000 kWh; 11269000 kWh × 0.1229 kgce/kWh ÷ 1000"),
    # and m3 as m³: the unit's code, not how it is written (kgce/m3 read as a typo)
    ("85 10^4 m3 = 850000 m3", "85 × 10⁴ m³ = 850000 m³"),
    ("850000 m3 × 1.2143 kgce/m3 ÷ 1000", "850000 m³ × 1.2143 kgce/m³ ÷ 1000"),
    ("120 m2 · area_m2 · m3x", "120 m² · area_m2 · m3x"),
    ("(1.2 − 1) tce/10^4 CNY × 5000 10^4 CNY", "(1.2 − 1) tce/10⁴ CNY × 5000 × 10⁴ CNY"),
    ("55 kW × 0.75 × 6000 h × (1/0.921 − 1/0.946)", "55 kW × 0.75 × 6000 h × (1/0.921 − 1/0.946)"),
])
def test_a_formula_writes_a_ten_thousand_unit_as_a_multiplier(stored, written):
    assert written_formula(stored) == written


@pytest.mark.parametrize(("label", "after"), [
    ("10⁴ kWh", "× 10⁴ kWh"), ("10⁴ tce", "× 10⁴ tce"), ("万千瓦时", "万千瓦时"), ("kWh", "kWh"),
    ("10k yuan", "10k yuan"),
])
def test_a_ten_thousand_unit_after_a_figure_is_a_multiplier(label, after):
    assert after_figure(label) == after


def test_every_ten_thousand_unit_is_labelled_with_a_superscript():
    multiples = {code: label for code, label in UNIT_LABELS.items() if code.startswith("10^4") and code != "10^4 CNY"}
    assert multiples and all(label.startswith("10⁴ ") for label in multiples.values()), multiples
