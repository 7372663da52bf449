"""同比 of land output (亿元/km²): the change on the year before, in 亿元/km² and in %, worked by
hand; none without an output the year before. And the report's orders as the page asks for them."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain.errors import ValidationError
from registry.domain.land import land_output_yi_yuan_per_km2, output_change_percent, output_change_yi_yuan_per_km2
from registry.domain.land_output import OutputOrder, own_order, parse_output_order

D = Decimal


def test_worked_example_of_the_change_on_the_year_before():
    # 2016: 0.96 亿元 on 20 000 m² → 48 亿元/km²; 2017: 1.2 亿元 on the same land → 60 亿元/km²
    before, now = land_output_yi_yuan_per_km2(D("0.96"), "亿元", 20000), land_output_yi_yuan_per_km2(D("1.2"), "亿元", 20000)
    assert (before, now) == (48, 60)
    assert output_change_yi_yuan_per_km2(now, before) == 12  # 60 − 48
    assert output_change_percent(now, before) == 25  # 12 ÷ 48 × 100
    assert output_change_yi_yuan_per_km2(D(45), D(60)) == -15 and output_change_percent(D(45), D(60)) == -25


@pytest.mark.parametrize("now, before", [(D(60), None), (None, D(48)), (None, None)])
def test_no_change_without_an_output_in_both_years(now, before):
    assert output_change_yi_yuan_per_km2(now, before) is None and output_change_percent(now, before) is None


def test_no_share_of_a_year_before_without_output_value():
    assert output_change_yi_yuan_per_km2(D(60), D(0)) == 60 and output_change_percent(D(60), D(0)) is None


@given(st.decimals(min_value=D("0.1"), max_value=D(1000), places=2), st.decimals(min_value=0, max_value=D(1000), places=2))
def test_the_year_before_plus_its_change_is_this_year(before, now):
    change = output_change_yi_yuan_per_km2(now, before)
    assert before + change == now
    assert output_change_percent(now, before) == pytest.approx(change / before * 100)


def test_orders_as_the_page_asks_for_them():
    assert parse_output_order(None, "district") == own_order("district") == OutputOrder("name", False)
    assert parse_output_order("", "parcel") == OutputOrder("output", True)  # the highest first: the page's 500
    assert parse_output_order("-change_percent", "zone") == OutputOrder("change_percent", True)
    assert parse_output_order("previous", "parcel").param == "previous"
    assert parse_output_order("-parcels", "parcel") == own_order("parcel")  # a parcel is one parcel
    with pytest.raises(ValidationError) as refused:
        parse_output_order("-output; DROP", "district")
    assert refused.value.field_errors[0].field == "sort"
