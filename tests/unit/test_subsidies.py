"""The subsidy estimate (registry/domain/subsidies.py), worked by hand from the 2017 rule of
DOMAIN.md §6: retrofit 600 元/tce; EMC 800 (shared savings) or 600 (guaranteed), from 50 tce a
year; capped at 500 万元 and at 30 % of the investment."""
from __future__ import annotations

from decimal import Decimal as D

from registry.domain.subsidies import EQUAL_VALUE, SubsidyRule, estimate_subsidy, rule_for


def rule(kind="technical_retrofit", emc_model=None, rate="600", minimum=None, first_year=2017, basis=EQUAL_VALUE):
    return SubsidyRule(kind, emc_model, first_year, D(rate), D(minimum) if minimum else None, D("500"), D("0.30"),
                       basis, "沪经信法〔2017〕220号")


RULES = (rule(), rule("contract_energy_management", "shared_savings", "800", "50"),
         rule("contract_energy_management", "guaranteed_savings", "600", "50"))


def test_a_retrofit_earns_its_savings_times_the_rate_in_wan_yuan():
    # 1,000 tce × 600 元/tce = 600,000 元 = 60 万元; neither 500 万元 nor 30 % of 5,000 万元 (1,500) binds
    estimate = estimate_subsidy(RULES[0], D("1000"), D("5000"))
    assert estimate.amount_wan_yuan == D("60")
    assert [s.value for s in estimate.steps] == [D("60")]
    assert estimate.steps[0].formula == "1000 tce × 600 元/tce ÷ 10000"


def test_the_per_project_cap_binds_a_large_retrofit():
    # 10,000 tce × 600 = 600 万元 > 500 万元
    estimate = estimate_subsidy(RULES[0], D("10000"), D("100000"))
    assert estimate.amount_wan_yuan == D("500")
    assert [s.value for s in estimate.steps] == [D("600"), D("500")]


def test_the_investment_share_binds_a_cheap_retrofit():
    # 60 万元 by the rate, but 30 % of 150 万元 is 45 万元
    estimate = estimate_subsidy(RULES[0], D("1000"), D("150"))
    assert estimate.amount_wan_yuan == D("45.00")
    assert estimate.steps[-1].formula == "150 × 0.3"


def test_without_an_investment_the_share_cap_is_not_applied_and_the_estimate_says_so():
    estimate = estimate_subsidy(RULES[0], D("1000"), None)
    assert estimate.amount_wan_yuan == D("60")
    assert "not applied" in estimate.notes[0].msgid and estimate.notes[0].params["share"].value == D("30.00")


def test_an_emc_project_below_50_tce_earns_nothing_and_is_told_why():
    shared = rule_for(RULES, "contract_energy_management", "shared_savings", 2018)
    estimate = estimate_subsidy(shared, D("49.99"), D("1000"))
    assert estimate.amount_wan_yuan == 0 and not estimate.steps
    assert estimate.notes[0].params["minimum"].value == D("50")


def test_the_emc_contract_model_picks_the_rate():
    assert rule_for(RULES, "contract_energy_management", "shared_savings", 2017).yuan_per_tce == D("800")
    assert rule_for(RULES, "contract_energy_management", "guaranteed_savings", 2017).yuan_per_tce == D("600")
    # 100 tce: 8 万元 shared, 6 万元 guaranteed
    assert estimate_subsidy(RULES[1], D("100"), D("1000")).amount_wan_yuan == D("8")
    assert estimate_subsidy(RULES[2], D("100"), D("1000")).amount_wan_yuan == D("6")


def test_a_rule_applies_from_its_year_and_a_later_rule_replaces_it():
    later = rule(rate="700", first_year=2020)
    assert rule_for(RULES, "technical_retrofit", None, 2016) is None
    assert rule_for(RULES + (later,), "technical_retrofit", None, 2019).yuan_per_tce == D("600")
    assert rule_for(RULES + (later,), "technical_retrofit", None, 2021).yuan_per_tce == D("700")
    assert rule_for(RULES, "motor_upgrade", None, 2018) is None
    assert rule_for(RULES, "contract_energy_management", None, 2018) is None  # no model, no rate


def test_an_estimate_waits_for_the_equal_value_and_negative_savings_earn_nothing():
    pending = estimate_subsidy(RULES[0], None, D("100"))
    assert pending.amount_wan_yuan is None and "equal value" in pending.pending.msgid
    negative = estimate_subsidy(RULES[0], D("-12"), D("100"))
    assert negative.amount_wan_yuan == 0 and not negative.steps and "no energy" in negative.notes[0].msgid


def test_a_request_above_the_estimate_is_flagged():
    estimate = estimate_subsidy(RULES[0], D("1000"), D("5000"))  # 60 万元
    assert estimate.exceeded_by(D("60.01")) and not estimate.exceeded_by(D("60")) and not estimate.exceeded_by(None)
    assert not estimate_subsidy(RULES[0], None, None).exceeded_by(D("1"))
