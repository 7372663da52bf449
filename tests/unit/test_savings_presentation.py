"""Rounding happens only for display: half up, tce to 0.01 by default."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.domain.presentation import formula_number, round_half_up, round_tce

D = Decimal


@pytest.mark.parametrize("value, expected", [
    ("419.263043", "419.26"), ("0.875", "0.88"), ("2.345", "2.35"), ("-2.345", "-2.35"),
    ("1200", "1200.00"), ("0.005", "0.01"), ("0.0049999", "0.00"),
    ("123456789012.125", "123456789012.13"),
])
def test_round_tce_half_up_to_hundredths(value, expected):
    assert str(round_tce(D(value))) == expected


def test_round_tce_other_places():
    assert round_tce(D("0.87281"), 3) == D("0.873")
    assert round_half_up(D("7101.78"), 0) == D(7102)


def test_formula_numbers_show_at_most_six_places():
    assert formula_number(D("7953321.0569140507901")) == "7953321.056914"
    assert formula_number(D("1200.000")) == "1200"
    assert formula_number(D("0.1229")) == "0.1229"
