"""JSON text from users: malformed, too deep, or holding text the database cannot store is refused
with a message and the path of the value, never a RecursionError or a UnicodeEncodeError later."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.domain import json_text
from registry.domain.json_text import MAX_DEPTH, DocumentError, dump_json, load_json


def refusal(text) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        load_json(text)
    return info.value


@pytest.mark.parametrize("text", ['{"a":' * 50000 + "1" + "}" * 50000, "[" * 100000 + "]" * 100000,
                                  "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)])
def test_deep_nesting_is_refused_as_malformed(text):
    error = refusal(text)
    assert error.path == ""
    assert error.message.render() == "malformed JSON: nested more than 64 levels deep"


def test_nesting_up_to_the_limit_is_read():
    assert load_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None


def test_a_lone_surrogate_is_refused_naming_the_value():
    error = refusal('{"title": "ok", "new_parcels": [{"overlap_reason": "x\\ud800y"}]}')
    assert error.path == "new_parcels[0].overlap_reason"
    assert error.message.render() == "contains an invalid character: a lone UTF-16 surrogate (U+D800)"


def test_a_surrogate_pair_is_an_ordinary_character():
    assert load_json('"\\ud83d\\ude00"') == "\U0001F600"


def test_nul_in_a_key_or_value_is_refused():
    assert refusal('{"inputs": {"note\\u0000": 1}}').path == "inputs.note\x00"
    error = refusal('["a", "b\\u0000"]')
    assert error.path == "[1]" and "U+0000" in error.message.render()


def test_malformed_text_names_line_and_column():
    error = refusal('{\n  "a": nope}')
    assert error.path == "" and error.message.render() == "malformed JSON at line 2, column 8"
    assert refusal(b'{"title": "\xff\xfe"}').message.render() == "malformed JSON: the text is not UTF-8"


def test_ordinary_documents_are_returned():
    assert load_json(b'{"a": [1, 2.5, "\xe4\xb8\x8a\xe6\xb5\xb7", null, true]}') == {"a": [1, 2.5, "上海", None, True]}


def test_exact_reading_keeps_every_digit_of_a_number_with_a_fraction():
    assert load_json('{"a": 123456789012.3456789, "b": 1e400, "c": 7}', exact=True) == {
        "a": Decimal("123456789012.3456789"), "b": Decimal("1E+400"), "c": 7}


def test_decimals_are_written_as_json_numbers_with_their_digits():
    text = dump_json({"a": Decimal("123456789012.3456789"), "b": [Decimal("1E+12"), 0.5, "x"]}, sort_keys=True)
    assert text == '{"a": 123456789012.3456789, "b": [1E+12, 0.5, "x"]}'
    assert load_json(text, exact=True)["a"] == Decimal("123456789012.3456789")


def test_other_types_go_to_the_default_or_are_refused():
    assert dump_json({"d": Decimal("NaN")}, default=str) == '{"d": "NaN"}'
    with pytest.raises(TypeError):
        dump_json({"s": {1}})


def test_a_value_without_a_decimal_draws_no_marker_and_one_with_decimals_draws_one(monkeypatch):
    """An import writes 100,000 projects' inputs, none with a Decimal: each used to draw a marker
    from the OS (0.5 s in all); now only a value holding a Decimal draws one, once."""
    drawn = []

    def token_hex(n: int) -> str:
        drawn.append(n)
        return "f" * 2 * n

    monkeypatch.setattr(json_text.secrets, "token_hex", token_hex)
    assert dump_json({"kind": "motor_upgrade", "motors": [{"count": 2, "rated_kw": "55"}]}) \
        == '{"kind": "motor_upgrade", "motors": [{"count": 2, "rated_kw": "55"}]}'
    assert drawn == []
    assert dump_json({"a": Decimal("1.50"), "b": [Decimal("2"), "ffff"]}) == '{"a": 1.50, "b": [2, "ffff"]}'
    assert len(drawn) == 1
