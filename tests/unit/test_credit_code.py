"""Unified social credit code, GB 32100-2015 (DOMAIN.md §5)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain.credit_code import (
    ALPHABET, WEIGHTS, check_credit_code, credit_code_check_char, is_valid_credit_code,
    normalize_credit_code,
)
from registry.domain.errors import ValidationError


def reason(code: object) -> str:
    with pytest.raises(ValidationError) as info:
        check_credit_code(code)
    assert [e.field for e in info.value.field_errors] == ["credit_code"]
    return info.value.field_errors[0].render()


def test_domain_example_is_valid():
    assert is_valid_credit_code("91110000600037341L")
    check_credit_code("91110000600037341L")


def test_check_character_by_hand():
    # 9·1 + 1·3 + 1·9 + 1·27 + 0·19 + 0·26 + 0·16 + 0·17 + 6·20 + 0·29 + 0·25 + 0·13 + 3·8
    # + 7·24 + 3·10 + 4·30 + 1·28 = 538; 538 mod 31 = 11; 31 − 11 = 20 → ALPHABET[20] = "L"
    assert WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    assert credit_code_check_char("91110000600037341") == "L"


def test_codes_may_begin_with_letters():
    first17 = "Y1310115MA1K4ABCD"
    assert is_valid_credit_code(first17 + credit_code_check_char(first17))


def test_wrong_length():
    assert reason("91110000600037341") == "must be 18 characters long, got 17"
    assert "got 19" in reason("91110000600037341LL")


@pytest.mark.parametrize("code, char, position", [
    ("9111000060003734IL", "I", 17), ("O1110000600037341L", "O", 1),
    ("91110000600037341l", "l", 18), ("91110000-00037341L", "-", 9),
])
def test_illegal_character_and_its_position(code, char, position):
    assert reason(code).startswith(f"illegal character “{char}” at position {position}")


def test_wrong_check_character():
    assert reason("91110000600037341M") == "check character should be L, got “M”"


@pytest.mark.parametrize("value", [None, 91110000600037341, b"91110000600037341L"])
def test_non_text_is_invalid(value):
    assert not is_valid_credit_code(value)


def test_normalize_folds_full_width_case_and_spaces():
    assert normalize_credit_code(" ９１１１０００ 0600037341l ") == "91110000600037341L"


codes17 = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


@given(codes17)
def test_any_17_characters_with_their_check_character_are_valid(first17):
    assert is_valid_credit_code(first17 + credit_code_check_char(first17))


@given(codes17, st.integers(0, 17), st.sampled_from(ALPHABET))
def test_every_single_substitution_is_detected(first17, position, replacement):
    code = first17 + credit_code_check_char(first17)
    changed = code[:position] + replacement + code[position + 1:]
    assert is_valid_credit_code(changed) == (changed == code)


def test_normalize_drops_the_hyphens_a_code_is_often_grouped_with():
    """“9131-0115-MA1K…” or a full-width “－”: no hyphen is in the alphabet, so none can be meant."""
    assert normalize_credit_code("9111-0000 6000－37341‐l") == "91110000600037341L"
