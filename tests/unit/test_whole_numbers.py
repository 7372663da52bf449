"""The one parser of whole numbers typed by users (ids, years, versions): ASCII digits only."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain.errors import ValidationError
from registry.domain.numbers import is_ascii_digits, optional_whole_number, whole_number


@pytest.mark.parametrize("text, expected", [("2017", 2017), (" 42 ", 42), ("007", 7), ("9" * 18, 10 ** 18 - 1)])
def test_reads_ascii_digits(text, expected):
    assert whole_number(text) == expected


# ² and ① pass str.isdigit() but int() refuses them; ٣ and ３ int() would read: all are refused alike.
@pytest.mark.parametrize("text", ["²", "①", "٣", "３", "1²", "", " ", "-1", "+1", "1.0", "1_000", "9" * 19, None, 5])
def test_refuses_everything_else(text):
    assert whole_number(text) is None


@given(st.text(max_size=8))
def test_never_raises_and_agrees_with_int_on_what_it_accepts(text):
    number = whole_number(text)
    assert number is None or number == int(text)
    assert is_ascii_digits(text) == (text != "" and all(c in "0123456789" for c in text))


def test_an_optional_value_may_be_empty_but_not_wrong():
    assert optional_whole_number(None, "year") is None and optional_whole_number(" ", "year") is None
    assert optional_whole_number("2017", "year") == 2017
    with pytest.raises(ValidationError) as info:
        optional_whole_number("²", "year")
    assert info.value.field_errors[0].field == "year"
