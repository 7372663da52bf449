"""One bound per kind of quantity, in the domain: money in 万元 (``money_wan_yuan``: the project form
and API, the workbook, ``registry load``, parcel plans), energy and every other input of the
accounting (``decimal_from``); the refusal names the bound in the reader's number format."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.catalogues import translator
from registry.domain.errors import ValidationError
from registry.domain.numbers import MAX_MONEY_WAN_YUAN, decimal_from, money_wan_yuan
from registry.domain.redevelopment import read_output, read_plan
from registry.i18n import DEFAULT_LOCALE, presenter

ABOVE = "1000000000000.01"


def refusal(check, value, field="investment_wan_yuan", locale="en") -> str:
    with pytest.raises(ValidationError) as info:
        check(value, field)
    (error,) = info.value.field_errors
    return error.render(translator(locale), presenter(locale))


@pytest.mark.parametrize("value", ["1e12", "1000000000000", 10**12, 1e12, Decimal("1e12")])
def test_money_up_to_the_bound_is_taken_as_given(value):
    assert money_wan_yuan(value, "investment_wan_yuan") == MAX_MONEY_WAN_YUAN == 10**12


def test_money_above_the_bound_is_refused_naming_it_in_the_readers_number_format():
    assert refusal(money_wan_yuan, ABOVE) == "must be at most 1,000,000,000,000, got “1000000000000.01”"
    assert refusal(money_wan_yuan, ABOVE, locale=DEFAULT_LOCALE) == "不得大于 1,000,000,000,000，实际为“1000000000000.01”"
    assert refusal(money_wan_yuan, 10**20) == "must be at most 1,000,000,000,000, got “100000000000000000000”"


def test_money_that_numeric_would_not_store_as_given_is_refused():
    assert refusal(money_wan_yuan, "-5") == "must not be negative, got “-5”"
    assert refusal(money_wan_yuan, "1e-40") == "must be zero or at least 10^-30 in size"
    assert refusal(money_wan_yuan, "1." + "0" * 40) == "must have at most 34 digits"
    assert refusal(money_wan_yuan, True) == "must be a number, not true/false"


def test_a_quantity_of_energy_names_its_bound_in_the_readers_number_format():
    assert decimal_from("999999999999999", "quantity") == Decimal("999999999999999")
    assert refusal(decimal_from, "1e15", "quantity") == "must be less than 1,000,000,000,000,000"
    assert refusal(decimal_from, 10**15, "quantity", DEFAULT_LOCALE).endswith("1,000,000,000,000,000")


def test_a_parcel_plan_takes_money_up_to_the_same_bound():
    plan = read_plan({"new_use": "A35", "investment_wan_yuan": "1e12", "expected_output_wan_yuan": 10**12},
                     today=date(2018, 5, 1))
    assert plan.investment_wan_yuan == plan.expected_output_wan_yuan == MAX_MONEY_WAN_YUAN
    with pytest.raises(ValidationError) as info:
        read_output({"year": 2018, "output_wan_yuan": ABOVE})
    assert [e.render() for e in info.value.field_errors] == [
        "must be at most 1,000,000,000,000, got “1000000000000.01”"]
