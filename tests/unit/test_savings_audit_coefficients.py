"""Audit 2026-12-05, its ground: each standard-coal coefficient derived digit by digit from GB/T
2589-2008 Appendix A, Table A.1 (docs/accounting.md, "Audit 2026-12-05"; the sources are listed in
test_savings_audit.py, which works one case per kind of project on these coefficients): the
energy's average low calorific value over that of 1 kgce, 7000 kcal (29 307 kJ), to 4 decimals;
electricity 当量值 860 kcal/kWh; heat 1 MJ / 29.307 MJ; and the units converted by hand.
"""
from __future__ import annotations

from decimal import Decimal, localcontext

import pytest

from registry.domain.numbers import calc_context
from registry.domain.presentation import round_half_up
from registry.domain.standard_coal import EQUAL_VALUE, to_kgce
from tests.unit.conftest import factor_rows

D = Decimal


# energy, average low calorific value in kcal per unit (GB/T 2589-2008 Table A.1), unit, coefficient
CALORIFIC_KCAL = [
    ("raw_coal", 5000, "kg", "0.7143"),      # 5000/7000 = 0.714285… → 0.7143
    ("washed_coal", 6300, "kg", "0.9000"),   # 6300/7000 = 0.9
    ("coke", 6800, "kg", "0.9714"),          # 0.971428… → 0.9714
    ("crude_oil", 10000, "kg", "1.4286"),    # 1.428571… → 1.4286
    ("fuel_oil", 10000, "kg", "1.4286"),
    ("gasoline", 10300, "kg", "1.4714"),     # 1.471428… → 1.4714
    ("kerosene", 10300, "kg", "1.4714"),
    ("diesel", 10200, "kg", "1.4571"),       # 1.457142… → 1.4571
    ("lpg", 12000, "kg", "1.7143"),          # 1.714285… → 1.7143
    ("refinery_gas", 11000, "kg", "1.5714"),  # 1.571428… → 1.5714
    ("natural_gas", 8500, "m3", "1.2143"),   # gas-field gas 8500 kcal/m³: 1.214285… → 1.2143
    ("coke_oven_gas", 4000, "m3", "0.5714"),  # lower end of 4000–4300 kcal/m³
    ("blast_furnace_gas", 900, "m3", "0.1286"),  # 0.128571… → 0.1286
    ("steam", 900, "kg", "0.1286"),          # low-pressure steam 900 Mcal/t = 900 kcal/kg
    ("electricity", 860, "kWh", "0.1229"),   # 当量值 860 kcal/kWh: 0.122857… → 0.1229
]


def coefficient_from_kcal(kcal: int) -> Decimal:
    return round_half_up(D(kcal) / D(7000), 4)


@pytest.mark.parametrize("energy, kcal, unit, coefficient", CALORIFIC_KCAL)
def test_each_coefficient_is_its_calorific_value_over_7000_kcal(energy, kcal, unit, coefficient):
    # The table's kJ column does not give these digits: raw coal 20 908 kJ/kg ÷ 29 307 = 0.71341
    # (the kJ figures use 4.1816 kJ/kcal, 29 307 uses 4.1868); the coefficients come from the kcal.
    row = next(r for r in factor_rows() if r.energy == energy)
    assert (row.unit, row.value_kgce) == (unit, D(coefficient)) == (unit, coefficient_from_kcal(kcal))


def test_the_natural_gas_and_coke_oven_gas_ranges_are_their_calorific_ranges():
    # natural gas 7700–9310 kcal/m³ (the 2020 edition's range; 9310 is the 2008 oil-field gas)
    # → 1.1000–1.3300; coke-oven gas 4000–4300 kcal/m³ → 0.5714–0.6143
    rows = {r.energy: r for r in factor_rows()}
    assert (rows["natural_gas"].value_min, rows["natural_gas"].value_max) == (
        coefficient_from_kcal(7700), coefficient_from_kcal(9310)) == (D("1.1000"), D("1.3300"))
    assert (rows["coke_oven_gas"].value_min, rows["coke_oven_gas"].value_max) == (
        coefficient_from_kcal(4000), coefficient_from_kcal(4300)) == (D("0.5714"), D("0.6143"))


def test_heat_is_one_megajoule_over_the_megajoules_of_a_kgce():
    # 1 MJ / 29.307 MJ/kgce = 0.0341215… → 0.03412 kgce/MJ (34.12 kgce/GJ)
    heat = next(r for r in factor_rows() if r.energy == "heat")
    with localcontext(calc_context()):
        derived = round_half_up(D(1) / D("29.307"), 5)
    assert (heat.unit, heat.value_kgce) == ("MJ", derived) == ("MJ", D("0.03412"))


@pytest.mark.parametrize("quantity, unit, energy, kgce", [
    (1, "t", "raw_coal", "714.3"),                 # 1000 kg × 0.7143
    (1, "万吨", "raw_coal", "7143000"),             # 10⁷ kg × 0.7143 = 7143 tce
    (1, "万m³", "natural_gas", "12143"),            # 10⁴ m³ × 1.2143 = 12.143 tce per 万m³
    (1, "万立方米", "blast_furnace_gas", "1286"),    # 10⁴ m³ × 0.1286
    (1, "GJ", "heat", "34.12"),                     # 1000 MJ × 0.03412
    (1, "百万千焦", "heat", "34.12"),                # 10⁶ kJ = 1 GJ
    (1, "t", "steam", "128.6"),                     # 1000 kg × 0.1286
    (1, "万kWh", "electricity", "1229"),            # 10⁴ kWh × 0.1229
    (1, "万千瓦时", "electricity", "1229"),
    (1, "MWh", "electricity", "122.9"),             # 1000 kWh × 0.1229
    (1, "度", "electricity", "0.1229"),             # 度 is the kWh of electricity bills
    (1, "万吨标准煤", "coke", "10000000"),           # already standard coal: 10⁷ kgce, no factor
])
def test_units_convert_to_standard_coal_as_worked_by_hand(factors_2013, quantity, unit, energy, kgce):
    assert to_kgce(D(quantity), unit, energy, factors_2013) == D(kgce)


def test_electricity_on_the_equal_value_basis_of_its_year(factors_2013, factors_2017):
    # 1 万kWh = 10 000 kWh × 0.321 = 3210 kgce (2013); × 0.309 = 3090 kgce (2017)
    assert to_kgce(D(1), "万kWh", "electricity", factors_2013, EQUAL_VALUE) == 3210
    assert to_kgce(D(1), "万kWh", "electricity", factors_2017, EQUAL_VALUE) == 3090
