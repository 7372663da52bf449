"""The subsidy rules as migration 0033 seeds and keeps them (DOMAIN.md §6)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from registry.models import SubsidyRule as SubsidyRuleRow
from registry.services.subsidies import subsidy_rules


def test_the_seeded_rules_are_the_2017_rates_in_the_pages_order(session):
    rules = [(r.kind, r.emc_model, r.yuan_per_tce, r.min_savings_tce) for r in subsidy_rules(session)]
    assert rules == [("technical_retrofit", None, Decimal(600), None),
                     ("contract_energy_management", "shared_savings", Decimal(800), Decimal(50)),
                     ("contract_energy_management", "guaranteed_savings", Decimal(600), Decimal(50))]
    assert {(r.cap_wan_yuan, r.cap_investment_share, r.basis) for r in subsidy_rules(session)} == {
        (Decimal(500), Decimal("0.30"), "equal_value")}


@pytest.mark.parametrize("row", [
    {"kind": "technical_retrofit", "emc_model": None, "first_year": 2017},  # a second retrofit rule for 2017
    {"kind": "technical_retrofit", "emc_model": None, "first_year": 2020, "yuan_per_tce": 0},
    {"kind": "technical_retrofit", "emc_model": None, "first_year": 2020, "cap_investment_share": Decimal("1.5")},
    {"kind": "technical_retrofit", "emc_model": None, "first_year": 2020, "basis": "tce"},
])
def test_the_table_refuses_a_rule_that_would_be_ambiguous_or_meaningless(session, row):
    values = {"yuan_per_tce": 700, "cap_investment_share": Decimal("0.3"), "basis": "equal_value", "source": "x"} | row
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(SubsidyRuleRow(**values))
        session.flush()
