"""A credit code that some program turned into a number (registry/domain/credit_code.py): Excel's cell of
General format holds an all-digit code as a number, Excel's CSV writes it as 9.13101E+17, a JSON file
may hold it unquoted. Each is refused saying so, never looked up as some other code."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.domain.credit_code import (
    NUMBER_NOT_TEXT, NUMBER_WRITTEN, check_credit_code, json_number_problem, number_cell_problem,
)
from registry.domain.errors import ValidationError


@pytest.mark.parametrize("text", [
    "9.13101E+17",  # Excel's CSV of 913101151234567890 in a General cell (the digits the column shows)
    " 9.13101e+17 ",
    "9.13101151234567E+17",  # Python's (pandas') text of the workbook's float
    "913101151234567000.0",  # a program that wrote the float with its ".0"
    "９.１３１０１Ｅ+１７",  # full-width, as an input method gives it
    "9E+17",
])
def test_a_code_written_out_as_a_number_is_refused_as_one(text):
    problem = number_cell_problem(text)
    assert problem is not None and problem.msgid == NUMBER_WRITTEN
    assert problem.params == {"number": text.strip()}
    assert problem.render().startswith(f"is the number {text.strip()} written as text, not a code: the all-digit "
                                       "code was turned into a number")


def test_a_short_number_written_out_is_refused_as_a_number_not_text():
    """12345.0 lost no digit: it is a number where a code is typed as text, the cell's own message."""
    problem = number_cell_problem("12345.0")
    assert problem is not None and (problem.msgid, problem.params) == (NUMBER_NOT_TEXT, {"number": "12345.0"})


@pytest.mark.parametrize("text", [
    "91310115MA1H000010", "913101151234567890",  # codes (one all digits: a code may be)
    "9131011512345E6789",  # an E between digits, no point nor sign: a code's letter, judged as a code
    "91310115MA1H00001.", "", "abc", "1.2.3", "9.13101E+",
])
def test_other_text_is_left_to_the_code_checks(text):
    assert number_cell_problem(text) is None


@pytest.mark.parametrize(("value", "shown"), [
    (913101151234567890, "913101151234567890"),
    (Decimal("9.13101151234567E+17"), "9.13101151234567E+17"),
    (9.13101151234567e17, "9.13101151234567e+17"),
])
def test_a_json_number_is_refused_asking_for_a_quoted_code(value, shown):
    problem = json_number_problem(value)
    assert problem is not None and problem.params == {"number": shown}
    assert problem.render().startswith(f"is a number ({shown}), not a string: a credit code is text, written "
                                       "in quotes")


@pytest.mark.parametrize("value", ["91310115MA1H000010", True, None, ["9"], {"a": 1}])
def test_anything_else_in_json_is_not_a_number_problem(value):
    assert json_number_problem(value) is None


@pytest.mark.parametrize("code, msgid", [
    ("9.13101E+17", NUMBER_WRITTEN),  # the form, the API, a filter: the imports' message, not "18 characters"
    ("913101151234567000.0", NUMBER_WRITTEN),
    ("12.5", "must be 18 characters long, got %(length)s"),  # no code Excel lost: judged as typed
])
def test_the_one_code_check_refuses_a_code_excel_turned_into_a_number_as_one(code, msgid):
    with pytest.raises(ValidationError) as refused:
        check_credit_code(code)
    assert [(e.field, e.message.msgid) for e in refused.value.field_errors] == [("credit_code", msgid)]
