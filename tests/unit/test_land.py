"""Land measures and land output (DOMAIN.md §3): 亩, ha, km², 亿元/km²."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain.errors import ValidationError
from registry.domain.land import (
    M2_PER_MU, area_ha, area_km2, area_m2_from_mu, area_mu, land_output_yi_yuan_per_km2,
    output_yi_yuan,
)

D = Decimal


def test_domain_example_land_output():
    # 30 亩 = 30 × 10000/15 m² = 20000 m² = 0.02 km²; 1.2 亿元 / 0.02 km² = 60 亿元/km²
    area = area_m2_from_mu(30)
    assert area == 20000
    assert area_km2(area) == D("0.02")
    assert land_output_yi_yuan_per_km2(D("1.2"), "亿元", area) == 60


def test_land_output_from_wan_yuan():
    # 12 000 万元 = 1.2 亿元 on 20 000 m² → 60 亿元/km²; 68 亿元/km² target: 6.8 亿元 on 0.1 km²
    assert land_output_yi_yuan_per_km2(12000, "万元", 20000) == 60
    assert land_output_yi_yuan_per_km2(68000, "wan_yuan", 100000) == 68
    assert land_output_yi_yuan_per_km2("6.8", "yi_yuan", 100000) == 68


@pytest.mark.parametrize("m2, mu, ha, km2", [
    (1000000, 1500, 100, 1),   # 1 km² = 1500 亩 = 100 ha
    (10000, 15, 1, "0.01"),    # 1 ha = 15 亩
    (20000, 30, 2, "0.02"),
    (0, 0, 0, 0),
])
def test_area_units(m2, mu, ha, km2):
    assert (area_mu(m2), area_ha(m2), area_km2(m2)) == (D(mu), D(ha), D(km2))


def test_one_mu_is_666_67_square_metres():
    assert round(M2_PER_MU, 2) == D("666.67")
    assert area_mu(area_m2_from_mu(1)) == 1


@pytest.mark.parametrize("call, field", [
    (lambda: land_output_yi_yuan_per_km2(1, "亿元", 0), "area_m2"),
    (lambda: land_output_yi_yuan_per_km2(1, "亿元", -5), "area_m2"),
    (lambda: land_output_yi_yuan_per_km2(1, "美元", 100), "output_unit"),
    (lambda: land_output_yi_yuan_per_km2(-1, "亿元", 100), "output_value"),
    (lambda: land_output_yi_yuan_per_km2("many", "亿元", 100), "output_value"),
    (lambda: area_mu(float("nan")), "area_m2"),
    (lambda: area_m2_from_mu(True), "area_mu"),
    (lambda: output_yi_yuan(1, None), "output_unit"),
])
def test_bad_land_input_names_the_field(call, field):
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.field_errors[0].field == field


@given(st.decimals(min_value=0, max_value=10**9, places=4))
def test_mu_round_trip(mu):
    back = area_mu(area_m2_from_mu(mu))
    if mu % 3 == 0:
        assert back == mu  # 10000/15 × 3 m² is whole: exact both ways
    else:
        assert abs(back - mu) <= mu * D("1e-32")  # ÷15 rounded once, at the 34th digit
