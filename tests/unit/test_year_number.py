"""One reading of a typed year (domain/numbers.year_number) for every form and filter: what is wrong
is said in the project form's words, text that is no number (2O23, the letter O) as such."""
from __future__ import annotations

import pytest

from registry.domain.errors import ValidationError
from registry.domain.numbers import optional_year_number, year_number


def refusal(value) -> str:
    with pytest.raises(ValidationError) as refused:
        year_number(value, "year", 2000, 2100)
    [error] = refused.value.field_errors
    assert error.field == "year"
    return error.render()


@pytest.mark.parametrize("typed, year", [("2017", 2017), (" 2017 ", 2017), ("２０１７", 2017), (2017, 2017)])
def test_a_year_is_read_as_typed_full_width_digits_too(typed, year):
    assert year_number(typed, "year", 2000, 2100) == year


@pytest.mark.parametrize("typed, said", [
    ("2O23", "must be a number, got “2O23”"), ("12e", "must be a number, got “12e”"), ("二〇一七", "must be a number, got “二〇一七”"),
    ("2017.5", "must be a whole number, got “2017.5”"), ("2.017e3", "must be a whole number, got “2.017e3”"),
    ("1999", "must be a year from 2000 to 2100"), ("-2017", "must be a year from 2000 to 2100"),
    ("9" * 5000, "must be a year from 2000 to 2100"),  # int() is not asked to read 5,000 digits
    ("", "is required"), (None, "is required"),
])
def test_what_is_wrong_with_a_year_is_said_in_the_project_forms_words(typed, said):
    assert refusal(typed) == said


def test_an_optional_year_left_empty_is_any_year():
    assert optional_year_number(" ", "year", 2000, 2100) is None
    assert optional_year_number(None, "year", 2000, 2100) is None
    assert optional_year_number("2013", "year", 2000, 2100) == 2013
