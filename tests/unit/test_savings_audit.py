"""Audit 2026-12-05: one case per kind of project, derived by hand from the sources, against the engine.

Sources (docs/accounting.md, "Audit 2026-12-05"):
- GB/T 2589-2008 Appendix A, Table A.1 (as DOMAIN.md §4.1 and migration 0002 carry it): each
  coefficient is the energy's average low calorific value over that of 1 kgce, 7000 kcal
  (29 307 kJ), to 4 decimals; electricity 当量值 860 kcal/kWh; heat 1 MJ / 29.307 MJ.
- 等价值 per year: DOMAIN.md §4.1 (national averages, secondary source): 0.321 (2013), 0.309 (2017),
  none recorded for 2014.
- Formulas: DOMAIN.md §4.2; the seed 000 (2013 work plan) counts EMC savings as 年节能量 (annual).
Every expected number is worked in the comments; exact results are compared with ==, the few
non-terminating quotients (1/η) after rounding half up to the digits stated. The coefficients and
unit conversions the cases rest on are checked digit by digit in test_savings_audit_coefficients.py.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.domain.errors import ValidationError
from registry.domain.presentation import round_half_up, round_tce
from registry.domain.savings import savings_from_document

D = Decimal


def line(energy, quantity, unit, **extra):
    return {"energy": energy, "quantity": quantity, "unit": unit, **extra}


def steps(result, unit=None):
    return [s for s in result.trace.steps if unit is None or s.unit == unit]


# --- one case per kind of project ------------------------------------------------------------

def test_structural_adjustment_prior_year_ledger_of_five_energies(factors_2017):
    # Exit in 2017, ledger of 2016 (DOMAIN §4.2: savings = Σ qty_prior_year × f):
    #   raw coal 1500 t     = 1 500 000 kg × 0.7143  = 1071.45 tce
    #   diesel 20 t         =    20 000 kg × 1.4571  =   29.142 tce
    #   natural gas 30 万m³ =   300 000 m³ × 1.2143  =  364.29 tce
    #   heat 5000 GJ        = 5 000 000 MJ × 0.03412 =  170.6 tce
    #   electricity 250 万kWh = 2 500 000 kWh × 0.1229 = 307.25 tce (当量) | × 0.309 = 772.5 tce (等价 2017)
    #   当量: 1071.45 + 29.142 + 364.29 + 170.6 + 307.25 = 1942.732 tce
    #   等价: 1942.732 − 307.25 + 772.5 = 2407.982 tce; electricity no longer used 2 500 000 kWh
    doc = {"kind": "structural_adjustment", "year": 2017, "baseline_year": 2016, "energy_use": [
        line("raw_coal", 1500, "吨"), line("diesel", 20, "t"), line("natural_gas", 30, "万m³"),
        line("heat", 5000, "GJ"), line("electricity", 250, "万千瓦时")]}
    result = savings_from_document(doc, factors_2017)
    assert result.method == result.mv_method == "prior_year"
    assert result.savings_tce == D("1942.732")
    assert result.savings_tce_equal_value == D("2407.982")
    assert result.savings_kwh == 2_500_000
    assert result.factor_year == 2017  # the credited year's factors (docs/accounting.md §11.2)


def test_boiler_replacement_measured_heavy_oil_to_gas(factors_2013):
    # before: 800 t fuel oil = 800 000 kg × 1.4286 = 1142.88 tce
    # after:  80 万m³ gas    = 800 000 m³ × 1.2143 =  971.44 tce
    # savings 1142.88 − 971.44 = 171.44 tce, the same on both bases (no electricity)
    doc = {"kind": "boiler_replacement", "year": 2013,
           "energy_before": [line("fuel_oil", 800, "t")], "energy_after": [line("natural_gas", 80, "万方")]}
    result = savings_from_document(doc, factors_2013)
    assert (result.method, result.savings_tce, result.savings_tce_equal_value) == ("measured", D("171.44"), D("171.44"))
    assert (result.savings_kwh, result.electricity_involved) == (None, False)


def test_boiler_replacement_efficiency_estimate_washed_coal_to_gas(factors_2013):
    # E_old = 1000 t washed coal = 1 000 000 kg × 0.9000 = 900 tce; η 0.70 → 0.93
    # E_new = 900 × 0.70/0.93 = 677.419… tce; savings = 900 × (0.93 − 0.70)/0.93 = 207/0.93 = 222.580645… tce
    doc = {"kind": "boiler_replacement", "year": 2013, "energy_before": [line("washed_coal", 1000, "t")],
           "efficiency_before": "0.70", "efficiency_after": "0.93", "new_energy": "natural_gas"}
    result = savings_from_document(doc, factors_2013)
    assert round_half_up(result.savings_tce, 6) == D("222.580645")
    assert result.savings_tce_equal_value == result.savings_tce
    estimate = next(s for s in steps(result) if s.label.msgid.startswith("Energy after, estimated"))
    assert round_half_up(estimate.value, 6) == D("677.419355")


def test_boiler_replacement_coal_to_district_heat_measured(factors_2013):
    # before: 3000 t raw coal = 3 000 000 kg × 0.7143 = 2142.9 tce
    # after: 60 000 GJ of heat = 60 000 000 MJ × 0.03412 = 2047.2 tce → savings 95.7 tce
    doc = {"kind": "boiler_replacement", "year": 2013,
           "energy_before": [line("raw_coal", 3000, "t")], "energy_after": [line("heat", 60000, "吉焦")]}
    assert savings_from_document(doc, factors_2013).savings_tce == D("95.7")


def test_motor_upgrade_two_groups_one_remanufactured(factors_2017):
    # DOMAIN §4.2: ΔkWh = Σ count × P × load × hours × (1/η_b − 1/η_a); IE efficiencies of DOMAIN §4.2.
    # group 1: 10 × 37 kW × 0.8 × 7200 h = 2 131 200 kWh; (0.952 − 0.927)/(0.927 × 0.952) = 0.025/0.882504
    #          → 53 280 / 0.882504 = 60 373.664 kWh
    # group 2 (remanufactured): 4 × 7.5 kW × 0.6 × 4000 h = 72 000 kWh; (0.904 − 0.860)/(0.860 × 0.904)
    #          = 0.044/0.77744 → 3168 / 0.77744 = 4074.913 kWh
    # Σ 64 448.577 kWh; 当量 × 0.1229/1000 = 7.920730 tce; 等价 2017 × 0.309/1000 = 19.914610 tce
    # installed 370 + 30 = 400 kW, of which remanufactured 30 kW
    doc = {"kind": "motor_upgrade", "year": 2017, "motors": [
        {"count": 10, "rated_kw": 37, "load_factor": 0.8, "hours_per_year": 7200,
         "efficiency_before": 0.927, "efficiency_after": 0.952},
        {"count": 4, "rated_kw": 7.5, "load_factor": 0.6, "hours_per_year": 4000,
         "efficiency_before": 0.860, "efficiency_after": 0.904, "remanufactured": True}]}
    result = savings_from_document(doc, factors_2017)
    groups = [s.value for s in steps(result, "kWh")[:2]]
    assert [round_half_up(v, 3) for v in groups] == [D("60373.664"), D("4074.913")]
    assert round_half_up(result.savings_kwh, 3) == D("64448.577")
    assert round_half_up(result.savings_tce, 6) == D("7.920730")
    assert round_half_up(result.savings_tce_equal_value, 6) == D("19.914610")
    assert (result.installed_kw, result.remanufactured_kw) == (400, 30)


def test_technical_retrofit_waste_heat_recovery_steam_and_electricity(factors_2013):
    # before: steam 12 000 t = 12 000 000 kg × 0.1286 = 1543.2 tce; electricity 800 MWh = 800 000 kWh
    #         × 0.1229 = 98.32 tce (当量) | × 0.321 = 256.8 tce (等价 2013)
    # after:  steam 7000 t = 900.2 tce; electricity 950 MWh = 116.755 tce (当量) | 304.95 tce (等价)
    # 当量: (1543.2 + 98.32) − (900.2 + 116.755) = 1641.52 − 1016.955 = 624.565 tce
    # 等价: (1543.2 + 256.8) − (900.2 + 304.95) = 1800 − 1205.15 = 594.85 tce
    # electricity saved 800 000 − 950 000 = −150 000 kWh (the recovery plant draws power)
    doc = {"kind": "technical_retrofit", "year": 2013, "method": "ipmvp_b",
           "energy_before": [line("steam", 12000, "t"), line("electricity", 800, "兆瓦时")],
           "energy_after": [line("steam", 7000, "t"), line("electricity", 950, "MWh")]}
    result = savings_from_document(doc, factors_2013)
    assert (result.method, result.mv_method) == ("ipmvp_b", "ipmvp_b")
    assert (result.savings_tce, result.savings_tce_equal_value) == (D("624.565"), D("594.85"))
    assert result.savings_kwh == -150_000


def test_technical_retrofit_intensity_per_unit_of_product(factors_2013):
    # GB/T 13234 product method: (320 − 290) kgce/台 × 5000 台 = 150 000 kgce = 150 tce
    doc = {"kind": "technical_retrofit", "year": 2013, "method": "intensity", "intensity_before": 320,
           "intensity_after": 290, "intensity_unit": "kgce/台", "output_reporting": 5000}
    result = savings_from_document(doc, factors_2013)
    assert result.savings_tce == result.savings_tce_equal_value == 150


def test_emc_guaranteed_savings_lpg_to_gas_at_the_measured_upper_bound(factors_2013):
    # before: 500 t LPG = 500 000 kg × 1.7143 = 857.15 tce
    # after: 55 万m³ gas at a measured 1.3300 kgce/m³ (the range's upper bound, accepted) = 731.5 tce
    # savings 857.15 − 731.5 = 125.65 tce (≥ 50 tce/yr: eligible for the EMC subsidy, DOMAIN §2)
    doc = {"kind": "contract_energy_management", "year": 2013, "emc_model": "guaranteed_savings",
           "method": "stipulated", "energy_before": [line("lpg", 500, "t")],
           "energy_after": [line("natural_gas", 55, "万m³", factor_kgce_per_unit="1.3300")]}
    result = savings_from_document(doc, factors_2013)
    assert (result.emc_model, result.mv_method) == ("guaranteed_savings", "stipulated")
    assert result.savings_tce == result.savings_tce_equal_value == D("125.65")


def test_emc_shared_savings_by_intensity_per_10k_yuan(factors_2013):
    # (0.45 − 0.38) 吨标准煤/万元 × 12 000 万元 (comparable prices) = 840 tce
    doc = {"kind": "contract_energy_management", "year": 2013, "emc_model": "shared_savings",
           "method": "intensity", "intensity_before": "0.45", "intensity_after": "0.38",
           "intensity_unit": "吨标准煤/万元", "output_reporting": 12000}
    assert savings_from_document(doc, factors_2013).savings_tce == 840


def test_cleaner_production_with_and_without_ledgers(factors_2013):
    # coke 1000 t → 940 t: 60 000 kg × 0.9714 = 58.284 tce; an audit without ledgers claims 0
    measured = {"kind": "cleaner_production", "year": 2013,
                "energy_before": [line("coke", 1000, "t")], "energy_after": [line("coke", 940, "t")]}
    assert savings_from_document(measured, factors_2013).savings_tce == D("58.284")
    bare = savings_from_document({"kind": "cleaner_production", "year": 2013}, factors_2013)
    assert (bare.method, bare.savings_tce, bare.savings_tce_equal_value) == ("none", 0, 0)


# --- edge rules ------------------------------------------------------------------------------

def test_no_change_saves_exactly_zero_on_both_bases(factors_2013):
    same = [line("raw_coal", "1234.5", "t"), line("electricity", "77.7", "万kWh")]
    doc = {"kind": "technical_retrofit", "year": 2013, "energy_before": same, "energy_after": same}
    result = savings_from_document(doc, factors_2013)
    assert (result.savings_tce, result.savings_tce_equal_value, result.savings_kwh) == (0, 0, 0)


def test_a_worse_intensity_is_a_negative_saving_not_an_error(factors_2013):
    # (1.05 − 1.20) tce/t × 8000 t = −1200 tce: measured and intensity results keep their sign
    doc = {"kind": "technical_retrofit", "year": 2013, "method": "intensity", "intensity_before": "1.05",
           "intensity_after": "1.20", "intensity_unit": "tce/t", "output_reporting": 8000}
    assert savings_from_document(doc, factors_2013).savings_tce == -1200


def test_a_year_without_an_equal_value_leaves_that_basis_empty_and_says_why(factors_2014):
    # 2014 has no 等价值 recorded: 当量 100 万kWh × 0.1229 = 122.9 tce; 等价 unknown, never another year's
    doc = {"kind": "technical_retrofit", "year": 2014,
           "energy_before": [line("electricity", 100, "万kWh")], "energy_after": []}
    result = savings_from_document(doc, factors_2014)
    assert (result.savings_tce, result.savings_tce_equal_value) == (D("122.9"), None)
    assert any("No equal value" in note.msgid for note in result.trace.notes)


def test_savings_are_annual_and_no_commissioning_date_prorates_them(factors_2013):
    # Seed 000 counts 年节能量 (annual savings); the input has no commissioning date to prorate by,
    # and a field naming one is refused rather than silently ignored.
    doc = {"kind": "motor_upgrade", "year": 2013, "commissioned_on": "2013-07-01", "motors": [
        {"count": 1, "rated_kw": 55, "load_factor": 0.75, "hours_per_year": 6000,
         "efficiency_before": 0.921, "efficiency_after": 0.946}]}
    with pytest.raises(ValidationError) as info:
        savings_from_document(doc, factors_2013)
    assert [e.field for e in info.value.field_errors] == ["commissioned_on"]


@pytest.mark.parametrize("value, shown", [
    ("2.345", "2.35"), ("-2.345", "-2.35"), ("2.344999", "2.34"), ("0.005", "0.01"), ("2.355", "2.36"),
])
def test_display_rounds_half_up_to_a_hundredth_of_a_tce(value, shown):
    # 四舍五入 (2.355 → 2.36 where round-half-even would give 2.36 too, 2.345 → 2.35 where it gives 2.34)
    assert round_tce(D(value)) == D(shown)


def test_a_measured_factor_is_traced_in_kgce_per_unit_of_its_row(factors_2013):
    # 1.25 kgce per m³ (the natural-gas row's unit), not "kgce": the reader must see what it multiplies
    doc = {"kind": "technical_retrofit", "year": 2013,
           "energy_before": [line("natural_gas", 100, "万m³", factor_kgce_per_unit="1.25")],
           "energy_after": [line("natural_gas", 80, "万m³", factor_kgce_per_unit="1.25")]}
    result = savings_from_document(doc, factors_2013)
    measured = [i for i in result.trace.inputs if i.field.endswith("factor_kgce_per_unit")]
    assert [(i.value, i.unit) for i in measured] == [(D("1.25"), "kgce/m3")] * 2
    assert result.savings_tce == 250  # 200 000 m³ × 1.25 kgce/m³ ÷ 1000


@pytest.mark.parametrize("energy, factor, cited", [
    ("natural_gas", "1.35", "GB/T 2589-2020"),     # 1.1000–1.3300 is the 2020 edition's range
    ("coke_oven_gas", "0.62", "GB/T 2589-2008"),   # 0.5714–0.6143 is the 2008 table's own
])
def test_a_measured_factor_out_of_range_cites_the_edition_that_gives_the_range(factors_2013, energy, factor, cited):
    doc = {"kind": "technical_retrofit", "year": 2013,
           "energy_before": [line(energy, 100, "万m³", factor_kgce_per_unit=factor)], "energy_after": []}
    with pytest.raises(ValidationError) as info:
        savings_from_document(doc, factors_2013)
    [error] = info.value.field_errors
    assert error.field == "energy_before[0].factor_kgce_per_unit"
    assert error.render().endswith(f"of {cited}")
