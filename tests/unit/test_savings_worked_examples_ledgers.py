"""Savings per kind, hand-computed (DOMAIN.md §4.2–4.3): structural adjustment, technical retrofit and
EMC, cleaner production, and the result's JSON form (the domain's examples, motors and boilers:
test_savings_worked_examples.py). The arithmetic is in the comments.

Factors (tests/unit/conftest.py, GB/T 2589-2008): raw coal 0.7143 kgce/kg, fuel oil 1.4286,
natural gas 1.2143 kgce/m³, electricity 0.1229 kgce/kWh (当量); 等价值 0.321 (2013), 0.309 (2017),
none in 2014. Exact expectations are compared with ==; the few non-terminating ones (1/η) are
compared after rounding half up to the digits stated.
"""
from __future__ import annotations

import json

import pytest

from registry.domain.savings import savings_from_document
from tests.unit.savings_documents import D, line, motor


# --- structural adjustment -----------------------------------------------------------------

def test_issue_structural_adjustment_with_electricity(factors_2013):
    # 900 t coal = 642.87 tce; 120 万kWh = 1 200 000 kWh
    # 当量: 642.87 + 1 200 000 × 0.1229/1000 = 642.87 + 147.48 = 790.35 tce
    # 等价: 642.87 + 1 200 000 × 0.321/1000 = 642.87 + 385.2 = 1028.07 tce
    doc = {"kind": "structural_adjustment", "year": 2013, "baseline_year": 2012,
           "energy_use": [line("raw_coal", 900, "t"), line("electricity", 120, "10^4 kWh")]}
    result = savings_from_document(doc, factors_2013)
    assert (result.savings_tce, result.savings_tce_equal_value, result.savings_kwh) == (
        D("790.35"), D("1028.07"), D(1200000))
    assert (result.method, result.mv_method) == ("prior_year", "prior_year")


def test_structural_adjustment_in_chinese_units_without_electricity(factors_2014):
    # 焦炭 300 吨 = 300 000 × 0.9714 = 291.42; 柴油 50 000 千克 × 1.4571 = 72.855;
    # 蒸汽 2000 吨 = 2 000 000 × 0.1286 = 257.2; 焦炉煤气 30 万立方米 = 300 000 × 0.5714 = 171.42
    # Σ = 792.895 tce on both bases (no electricity: the 2014 gap in 等价值 does not matter)
    doc = {"kind": "structural_adjustment", "year": 2014, "energy_use": [
        line("coke", 300, "吨"), line("diesel", 50000, "千克"), line("steam", 2000, "吨"),
        line("coke_oven_gas", 30, "万立方米")]}
    result = savings_from_document(doc, factors_2014)
    assert result.savings_tce == result.savings_tce_equal_value == D("792.895")
    assert result.savings_kwh is None


def test_structural_adjustment_every_fuel(factors_2013):
    # lpg 10 t 17.143 + gasoline 2 t 2.9428 + kerosene 1 t 1.4714 + crude 5 t 7.143
    # + washed coal 100 t 90 + blast-furnace gas 100 万m³ 128.6 + refinery gas 3 t 4.7142
    # = 252.0144 tce
    doc = {"kind": "structural_adjustment", "year": 2013, "energy_use": [
        line("lpg", 10, "t"), line("gasoline", 2, "t"), line("kerosene", 1, "t"),
        line("crude_oil", 5, "t"), line("washed_coal", 100, "t"),
        line("blast_furnace_gas", 100, "万m3"), line("refinery_gas", 3000, "kg")]}
    assert savings_from_document(doc, factors_2013).savings_tce == D("252.0144")


def test_structural_adjustment_ledger_partly_in_standard_coal(factors_2017):
    # raw coal stated as 500 吨标准煤 = 500 tce (taken as stated)
    # electricity 800 MWh = 800 000 kWh: 当量 98.32 tce, 等价 2017 800 000 × 0.309 = 247.2 tce
    # Σ 当量 598.32, 等价 747.2; baseline year defaults to the year before
    doc = {"kind": "structural_adjustment", "year": 2017, "energy_use": [
        line("raw_coal", 500, "吨标准煤"), line("electricity", 800, "MWh")]}
    result = savings_from_document(doc, factors_2017)
    assert (result.savings_tce, result.savings_tce_equal_value) == (D("598.32"), D("747.2"))
    assert any(i.field == "baseline_year" and i.value == 2016 for i in result.trace.inputs)


def test_structural_adjustment_electricity_stated_in_tce(factors_2013):
    # 12.29 tce of electricity = 12 290 kgce ÷ 0.1229 = 100 000 kWh → 等价 100 000 × 0.321 = 32.1
    doc = {"kind": "structural_adjustment", "year": 2013,
           "energy_use": [line("electricity", 12.29, "tce")]}
    result = savings_from_document(doc, factors_2013)
    assert (result.savings_tce, result.savings_tce_equal_value, result.savings_kwh) == (
        D("12.29"), D("32.1"), D(100000))


def test_structural_adjustment_with_electricity_in_a_year_without_equal_value(factors_2014):
    doc = {"kind": "structural_adjustment", "year": 2014,
           "energy_use": [line("raw_coal", 900, "t"), line("electricity", 120, "万kWh")]}
    result = savings_from_document(doc, factors_2014)
    assert result.savings_tce == D("790.35")
    assert result.savings_tce_equal_value is None
    assert any("No equal value" in note.msgid for note in result.trace.notes)


# --- technical retrofit and EMC ------------------------------------------------------------

def test_issue_intensity_example(factors_for):
    # (1.20 − 1.05) tce/t × 8000 t = 1200 tce
    doc = {"kind": "technical_retrofit", "year": 2015, "method": "intensity",
           "intensity_before": 1.20, "intensity_after": 1.05, "intensity_unit": "tce/t",
           "output_reporting": 8000}
    result = savings_from_document(doc, factors_for(2015))
    assert result.savings_tce == result.savings_tce_equal_value == D(1200)
    assert (result.method, result.mv_method) == ("intensity", "intensity")


def test_intensity_in_kgce_per_output_value(factors_2013):
    # (85 − 78) kgce/万元 × 50 000 万元 = 350 000 kgce = 350 tce
    doc = {"kind": "technical_retrofit", "year": 2013, "method": "intensity",
           "intensity_before": 85, "intensity_after": 78, "intensity_unit": "kgce/万元",
           "output_reporting": 50000}
    assert savings_from_document(doc, factors_2013).savings_tce == D(350)


def test_intensity_in_chinese_units(factors_2013):
    # (0.5 − 0.45) 吨标准煤/t × 12 000 t = 600 tce
    doc = {"kind": "technical_retrofit", "year": 2013, "method": "intensity",
           "intensity_before": "0.5", "intensity_after": "0.45", "intensity_unit": "吨标准煤/t",
           "output_reporting": 12000}
    assert savings_from_document(doc, factors_2013).savings_tce == D(600)


def test_retrofit_measured_gas_in_normal_cubic_metres(factors_2013):
    # 200 万Nm³ − 150 万方 = 500 000 m³ × 1.2143 = 607.15 tce (2428.6 − 1821.45)
    doc = {"kind": "technical_retrofit", "year": 2013, "method": "measured",
           "energy_before": [line("natural_gas", 200, "万Nm3")],
           "energy_after": [line("natural_gas", 150, "万方")]}
    result = savings_from_document(doc, factors_2013)
    assert result.savings_tce == D("607.15")
    assert (result.method, result.mv_method) == ("measured", None)


def test_retrofit_ipmvp_b_lighting(factors_2017):
    # 50 万度 − 20 万度 = 300 000 kWh; 当量 × 0.1229 = 36.87 tce; 等价 2017 × 0.309 = 92.7 tce
    doc = {"kind": "technical_retrofit", "year": 2017, "method": "ipmvp_b",
           "energy_before": [line("electricity", 50, "万度")],
           "energy_after": [line("electricity", 20, "万度")]}
    result = savings_from_document(doc, factors_2017)
    assert (result.savings_tce, result.savings_tce_equal_value, result.savings_kwh) == (
        D("36.87"), D("92.7"), D(300000))
    assert (result.method, result.mv_method) == ("ipmvp_b", "ipmvp_b")


def test_emc_shared_savings_measured_compressed_air(factors_2013):
    # 2000 MWh − 1500 MWh = 500 000 kWh; 当量 61.45 tce; 等价 2013 500 000 × 0.321 = 160.5 tce
    doc = {"kind": "contract_energy_management", "year": 2013, "emc_model": "shared_savings",
           "energy_before": [line("electricity", 2000, "MWh")],
           "energy_after": [line("electricity", 1500, "MWh")], "mv_method": "ipmvp_c"}
    result = savings_from_document(doc, factors_2013)
    assert (result.savings_tce, result.savings_tce_equal_value) == (D("61.45"), D("160.5"))
    assert (result.emc_model, result.mv_method) == ("shared_savings", "ipmvp_c")
    assert result.to_dict()["emc_model"] == "shared_savings"


def test_emc_guaranteed_savings_intensity(factors_2017):
    # (0.25 − 0.20) tce/t × 4000 t = 200 tce
    doc = {"kind": "contract_energy_management", "year": 2017, "emc_model": "guaranteed_savings",
           "method": "intensity", "intensity_before": 0.25, "intensity_after": 0.20,
           "intensity_unit": "tce/t", "output_reporting": 4000}
    result = savings_from_document(doc, factors_2017)
    assert (result.savings_tce, result.emc_model) == (D(200), "guaranteed_savings")


# --- cleaner production --------------------------------------------------------------------

def test_cleaner_production_without_ledger_claims_nothing(factors_2013):
    result = savings_from_document({"kind": "cleaner_production", "year": 2013}, factors_2013)
    assert (result.savings_tce, result.savings_tce_equal_value, result.method) == (0, 0, "none")
    as_json = result.to_dict()
    assert as_json["savings_tce"] == 0 and as_json["savings_tce_equal_value"] == 0


def test_cleaner_production_with_measured_ledger(factors_2013):
    # diesel 100 t − 80 t = 20 000 kg × 1.4571 = 29.142 tce
    doc = {"kind": "cleaner_production", "year": 2013,
           "energy_before": [line("diesel", 100, "t")], "energy_after": [line("diesel", 80, "t")]}
    assert savings_from_document(doc, factors_2013).savings_tce == D("29.142")


# --- the JSON form -------------------------------------------------------------------------

def test_result_json_has_every_key_and_is_serialisable(factors_2013):
    doc = {"kind": "motor_upgrade", "year": 2013,
           "motors": [motor(2, 15, 0.7, 5000, 0.887, 0.939, True)]}
    as_json = savings_from_document(doc, factors_2013).to_dict()
    assert {"kind", "method", "year", "savings_tce", "savings_tce_equal_value", "savings_kwh",
            "installed_kw", "remanufactured_kw", "trace"} <= set(as_json)
    assert (as_json["installed_kw"], as_json["remanufactured_kw"]) == (30, 30)
    assert json.loads(json.dumps(as_json)) == as_json


@pytest.mark.parametrize("year, equal_value", [(2013, "0.321"), (2017, "0.309")])
def test_results_without_electricity_are_equal_on_both_bases(factors_for, year, equal_value):
    doc = {"kind": "boiler_replacement", "year": year,
           "energy_before": [line("raw_coal", 1, "t")], "energy_after": [line("coke", 1, "t")]}
    result = savings_from_document(doc, factors_for(year))
    # 714.3 − 971.4 kgce = −0.2571 tce
    assert result.savings_tce == result.savings_tce_equal_value == D("-0.2571")
    assert not result.electricity_involved
