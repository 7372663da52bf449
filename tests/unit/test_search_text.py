"""The search box's text as people type and paste it (registry/domain/search.py)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.domain.credit_code import credit_code_check_char
from registry.domain.errors import ValidationError
from registry.domain.search import MAX_LENGTH, SearchText, normalize_query, parse_search, search_key

CREDIT = "91310115MA1K00002" + credit_code_check_char("91310115MA1K00002")


@pytest.mark.parametrize("typed, meant", [
    ("  SH-310115-000123  ", "SH-310115-000123"),
    ("ＳＨ－３１０１１５－０００１２３", "SH-310115-000123"),  # full-width, as a Chinese input method types it
    ("\u3000宝钢\u3000", "宝钢"),  # the ideographic space
    ("上海  宝钢\t化工\n", "上海 宝钢 化工"),
    ("\u200b2013-310115-0042\ufeff", "2013-310115-0042"),  # zero-width space and BOM pasted with a code
    ("a\u0007b", "ab"),  # a control character
    ("％＿＼", "%_\\"),  # LIKE's wildcards stay as typed: the repository escapes them
])
def test_text_is_read_as_meant(typed, meant):
    assert normalize_query(typed) == meant


@pytest.mark.parametrize("typed", [None, "", "   ", "\u3000\u3000", "\u200b", "\t\n"])
def test_nothing_to_look_for_is_no_search(typed):
    assert parse_search(typed) is None


def test_an_over_long_text_is_refused_with_its_length_and_the_limit():
    with pytest.raises(ValidationError) as refused:
        parse_search("化" * (MAX_LENGTH + 1))
    [error] = refused.value.field_errors
    assert error.field == "q"
    assert error.render() == "is 101 characters long; search for at most 100, e.g. a name, a code or a reference"


def test_the_limit_counts_the_text_as_meant_not_as_typed():
    padded = "  " + "化" * MAX_LENGTH + "\u3000" * 20
    assert parse_search(padded) == SearchText("化" * MAX_LENGTH)


@pytest.mark.parametrize("text, anywhere", [("宝", False), ("宝钢", False), ("宝钢厂", True), ("SH", False), ("SH-", True)])
def test_three_characters_are_looked_for_anywhere_fewer_at_the_start(text, anywhere):
    assert SearchText(text).anywhere is anywhere


def test_a_credit_code_is_known_in_groups_and_small_letters():
    grouped = f"{CREDIT[:4]} {CREDIT[4:8]} {CREDIT[8:]}".lower()
    assert parse_search(grouped).credit_code == CREDIT
    assert parse_search(CREDIT[:-1] + ("0" if CREDIT[-1] != "0" else "1")).credit_code is None  # wrong check character
    assert parse_search("宝钢").credit_code is None


def test_an_identifier_read_in_groups_is_also_tried_without_its_spaces():
    assert parse_search("SH 310115 000123").identifiers == ("SH 310115 000123", "SH310115000123")
    assert parse_search("SH-310115-000123").identifiers == ("SH-310115-000123",)


@given(st.text(max_size=300))
def test_any_text_is_either_no_search_a_refusal_or_a_clean_line(typed):
    try:
        found = parse_search(typed)
    except ValidationError:
        assert len(normalize_query(typed)) > MAX_LENGTH
        return
    if found is not None:
        assert found.text == found.text.strip() and "  " not in found.text and 0 < len(found.text) <= MAX_LENGTH
        assert normalize_query(found.text) == found.text  # reading it again changes nothing


@pytest.mark.parametrize("text, key", [
    ("上海ＡＢ化工（集团）有限公司", "上海ab化工(集团)有限公司"),  # full-width letters and brackets as ASCII
    ("Müller Präzision", "müller präzision"), ("ÉCOLE", "école"), ("ＳＨ－３１０１１５", "sh-310115"),
    ("İzmir", "izmir"),  # one character for one, as PostgreSQL's lower() (Python's lower() writes i̇)
])
def test_the_search_key_is_nfkc_in_lower_case(text, key):
    assert search_key(text) == key


@given(st.text(max_size=30))
def test_the_search_key_of_a_key_is_itself(text):
    """A text's key and a stored name's key are compared: keying twice changes nothing."""
    assert search_key(search_key(text)) == search_key(text)
