"""Savings per kind, hand-computed (DOMAIN.md §4.2–4.3): the domain's examples, motor upgrades and
boiler replacements (ledgers, intensities and audits: test_savings_worked_examples_ledgers.py).
The arithmetic is in the comments.

Factors (tests/unit/conftest.py, GB/T 2589-2008): raw coal 0.7143 kgce/kg, fuel oil 1.4286,
natural gas 1.2143 kgce/m³, electricity 0.1229 kgce/kWh (当量); 等价值 0.321 (2013), 0.309 (2017),
none in 2014. Exact expectations are compared with ==; the few non-terminating ones (1/η) are
compared after rounding half up to the digits stated.
"""
from __future__ import annotations



from registry.domain.presentation import round_half_up, round_tce
from registry.domain.savings import savings_from_document
from tests.unit.savings_documents import D, exact, line, motor


# --- DOMAIN.md §4.3 -------------------------------------------------------------------------

def test_domain_example_1_motor(factors_for):
    # ΔkWh = 55 × 0.75 × 6000 × (1/0.921 − 1/0.946) = 247500 × 0.025 / (0.921 × 0.946)
    #      = 6187.5 / 0.871266 = 7101.73… kWh; × 0.1229/1000 = 0.8728… → 0.873 tce (当量)
    doc = {"kind": "motor_upgrade", "year": 2013, "motors": [motor(1, 55, 0.75, 6000, 0.921, 0.946)]}
    result = savings_from_document(doc, factors_for(2013, equal_value=D("0.30")))
    assert round_half_up(result.savings_kwh, 0) == 7102
    assert result.savings_kwh == exact("D('6187.5') / D('0.871266')")
    assert round_half_up(result.savings_tce, 3) == D("0.873")
    # at 0.30 kgce/kWh: 7101.73 × 0.30 / 1000 = 2.1305 → 2.13 tce
    assert round_tce(result.savings_tce_equal_value) == D("2.13")
    assert (result.installed_kw, result.remanufactured_kw) == (55, 0)


def test_domain_example_2_boiler_efficiency(factors_2014):
    # 2000 t × 714.3 kgce/t = 1428.6 tce; × (1 − 0.65/0.92) = 1428.6 × 0.27 / 0.92 = 419.26… tce
    doc = {"kind": "boiler_replacement", "year": 2014,
           "energy_before": [line("raw_coal", 2000, "t")],
           "efficiency_before": 0.65, "efficiency_after": 0.92}
    result = savings_from_document(doc, factors_2014)
    assert round_half_up(result.savings_tce, 1) == D("419.3")
    assert result.savings_tce == exact("D('385.722') / D('0.92')")
    assert result.savings_tce_equal_value == result.savings_tce  # no electricity involved
    assert result.method == "efficiency"


# --- motor upgrade -------------------------------------------------------------------------

def test_issue_motor_example_on_both_bases(factors_2013):
    # 2 × 15 kW × 0.7 × 5000 h = 105000 kWh of shaft-side load;
    # × (0.939 − 0.887)/(0.887 × 0.939) = 105000 × 0.052 / 0.832893 = 5460 / 0.832893 = 6555.46 kWh
    # 当量: × 0.1229/1000 = 0.80567 tce; 等价 2013: × 0.321/1000 = 2.10430 tce
    doc = {"kind": "motor_upgrade", "year": 2013,
           "motors": [motor(2, 15, 0.7, 5000, 0.887, 0.939, False)]}
    result = savings_from_document(doc, factors_2013)
    kwh = exact("D(5460) / D('0.832893')")
    assert result.savings_kwh == kwh
    assert result.savings_tce == exact(f"D('{kwh}') * D('0.1229') / 1000")
    assert round_half_up(result.savings_tce_equal_value, 5) == D("2.10430")
    assert (result.installed_kw, result.remanufactured_kw) == (30, 0)


def test_motor_groups_add_and_count_remanufactured_kw(factors_2014):
    # A: 3 × 7.5 kW remanufactured, 0.8 load, 4000 h, 0.860 → 0.904:
    #    22.5 × 0.8 × 4000 × 0.044 / (0.860 × 0.904) = 3168 / 0.77744 = 4074.9125 kWh
    # B: 1 × 37 kW, 0.6 load, 8000 h, 0.912 → 0.952:
    #    37 × 0.6 × 8000 × 0.040 / (0.912 × 0.952) = 7104 / 0.868224 = 8182.2203 kWh
    # Σ 12257.1328 kWh; installed 22.5 + 37 = 59.5 kW, remanufactured 22.5 kW; 2014 has no 等价值 → null
    doc = {"kind": "motor_upgrade", "year": 2014, "motors": [
        motor(3, 7.5, 0.8, 4000, 0.860, 0.904, True), motor(1, 37, 0.6, 8000, 0.912, 0.952)]}
    result = savings_from_document(doc, factors_2014)
    assert round_half_up(result.savings_kwh, 2) == round_half_up(
        exact("D(3168) / D('0.77744') + D(7104) / D('0.868224')"), 2) == D("12257.13")
    assert (result.installed_kw, result.remanufactured_kw) == (D("59.5"), D("22.5"))
    assert result.savings_tce_equal_value is None
    assert result.to_dict()["savings_tce_equal_value"] is None


def test_motor_equal_value_of_2017(factors_2017):
    # 1 × 100 kW × 1.0 × 8000 h × (1/0.8 − 1/1.0) = 800000 × 0.25 = 200000 kWh (exact)
    # 当量 200000 × 0.1229 = 24.58 tce; 等价 2017: 200000 × 0.309 = 61.8 tce
    doc = {"kind": "motor_upgrade", "year": 2017, "motors": [motor(1, 100, 1, 8000, 0.8, 1)]}
    result = savings_from_document(doc, factors_2017)
    assert (result.savings_kwh, result.savings_tce, result.savings_tce_equal_value) == (
        D(200000), D("24.58"), D("61.8"))


# --- boiler replacement --------------------------------------------------------------------

def test_issue_boiler_measured_coal_to_gas(factors_2014):
    # before 1200 t coal = 1 200 000 × 0.7143 = 857.16 tce
    # after 85 万m³ gas = 850 000 × 1.2143 = 1032.155 tce → savings −174.995 tce (on both bases)
    doc = {"kind": "boiler_replacement", "year": 2014,
           "energy_before": [line("raw_coal", 1200, "t")],
           "energy_after": [line("natural_gas", 85, "10^4 m3")]}
    result = savings_from_document(doc, factors_2014)
    assert result.savings_tce == result.savings_tce_equal_value == D("-174.995")
    assert (result.method, result.savings_kwh) == ("measured", None)


def test_issue_boiler_efficiency_fuel_oil(factors_2014):
    # 600 t fuel oil = 600 000 × 1.4286 = 857.16 tce; × (0.92 − 0.80)/0.92 = 102.8592/0.92
    doc = {"kind": "boiler_replacement", "year": 2014,
           "energy_before": [line("fuel_oil", 600, "t")],
           "efficiency_before": 0.80, "efficiency_after": 0.92}
    result = savings_from_document(doc, factors_2014)
    assert result.savings_tce == exact("D('102.8592') / D('0.92')")
    assert round_tce(result.savings_tce) == D("111.80")


def test_coal_to_electric_boiler_measured_saves_on_equivalent_and_costs_on_equal_value(factors_2013):
    # before 1000 t coal = 714.3 tce; after 400 万kWh = 4 000 000 kWh
    # 当量: 4 000 000 × 0.1229 = 491.6 tce → savings 714.3 − 491.6 = 222.7 tce
    # 等价: 4 000 000 × 0.321 = 1284 tce → savings 714.3 − 1284 = −569.7 tce
    doc = {"kind": "boiler_replacement", "year": 2013,
           "energy_before": [line("raw_coal", 1000, "吨")],
           "energy_after": [line("electricity", 400, "万千瓦时")]}
    result = savings_from_document(doc, factors_2013)
    assert result.savings_tce == D("222.7")
    assert result.savings_tce_equal_value == D("-569.7")
    assert result.savings_kwh == D(-4000000)
    assert result.electricity_involved


def test_coal_to_electric_boiler_efficiency_estimate_applies_both_bases(factors_2013):
    # E_old = 2000 t coal = 1428.6 tce; E_new = 1428.6 × 0.65/0.95 = 928.59/0.95 = 977.463… tce
    # 当量 savings = 1428.6 × 0.30/0.95 = 428.58/0.95 = 451.137 tce
    # new electricity = 977.463… × 1000 / 0.1229 = 7 953 321.06 kWh
    # 等价: 7 953 321.06 × 0.321 / 1000 = 2553.016 tce → savings 1428.6 − 2553.016 = −1124.416 tce
    doc = {"kind": "boiler_replacement", "year": 2013,
           "energy_before": [line("raw_coal", 2000, "t")],
           "efficiency_before": 0.65, "efficiency_after": 0.95, "new_energy": "electricity"}
    result = savings_from_document(doc, factors_2013)
    assert result.savings_tce == exact("D('428.58') / D('0.95')")
    new_kwh = exact("D('928.59') / D('0.95') * 1000 / D('0.1229')")
    assert round_half_up(result.savings_kwh, 2) == round_half_up(-new_kwh, 2) == D("-7953321.06")
    assert round_half_up(result.savings_tce_equal_value, 3) == D("-1124.416")


def test_electric_boiler_estimate_in_a_year_without_equal_value(factors_2014):
    doc = {"kind": "boiler_replacement", "year": 2014,
           "energy_before": [line("raw_coal", 2000, "t")],
           "efficiency_before": 0.65, "efficiency_after": 0.95, "new_energy": "electricity"}
    result = savings_from_document(doc, factors_2014)
    assert result.savings_tce_equal_value is None
    assert round_tce(result.savings_tce) == D("451.14")


def test_boiler_gas_with_project_measured_factor(factors_2013):
    # before 2500 t coal = 2 500 000 × 0.7143 = 1785.75 tce
    # after 100 万m³ gas at a measured 1.25 kgce/m³ = 1 000 000 × 1.25 = 1250 tce → 535.75 tce
    doc = {"kind": "boiler_replacement", "year": 2013,
           "energy_before": [line("raw_coal", 2500, "t")],
           "energy_after": [line("natural_gas", 100, "万m³", factor_kgce_per_unit=1.25)]}
    result = savings_from_document(doc, factors_2013)
    assert result.savings_tce == D("535.75")
    measured = [f for f in result.trace.factors if f.source_kind == "project-measured"]
    assert [(f.energy, f.value, f.field) for f in measured] == [
        ("natural_gas", D("1.25"), "energy_after[0].factor_kgce_per_unit")]


def test_heavy_oil_boiler_to_district_heat(factors_2013):
    # before 500 t fuel oil = 500 000 × 1.4286 = 714.3 tce
    # after 18 000 吉焦 heat = 18 000 000 MJ × 0.03412 = 614.16 tce → savings 100.14 tce
    doc = {"kind": "boiler_replacement", "year": 2013,
           "energy_before": [line("fuel_oil", 500, "t")],
           "energy_after": [line("heat", 18000, "吉焦")]}
    assert savings_from_document(doc, factors_2013).savings_tce == D("100.14")
