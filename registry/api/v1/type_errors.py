"""The API's field errors for a value of the wrong type in the registry's words, not marshmallow's: the
base of every request schema (``core.Schema``, ``core.QuerySchema``) turns "Not a valid number." into
必须是数字，实际为“x”, quoting the value sent at the field's path, as every other path says it."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Mapping

import marshmallow as ma

from registry.domain.errors import N_, NOT_A_DAY, NOT_A_NUMBER, NOT_A_WHOLE_NUMBER, Message


def floats(value: Any) -> Any:
    """``value`` with its Decimals (the parser reads JSON numbers exactly) as floats, nested too."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: floats(v) for k, v in value.items()}
    if isinstance(value, list):
        return [floats(v) for v in value]
    return value


# marshmallow's words for a value of the wrong type ("Not a valid number.") in the registry's, which
# every other path says: what was wanted, then the value as sent in quotation marks (必须是数字，实际为“x”;
# docs/development.md, "Decisions"). A number sent as JSON text ("2013") is told to be sent as a number.
THEIR_TYPE_ERRORS = {
    "Not a valid number.": NOT_A_NUMBER,
    "Not a valid integer.": NOT_A_WHOLE_NUMBER,
    "Not a valid date.": NOT_A_DAY,
    "Not a valid datetime.": N_("must be a date as YYYY-MM-DD or an ISO 8601 time, got “%(value)s”"),
    "Not a valid boolean.": N_("must be true or false, got “%(value)s”"),
    "Not a valid string.": N_("must be text, got “%(value)s”"),
}
NUMBER_AS_TEXT = N_("must be a JSON number, got the text “%(value)s”")
_NUMBER_ERRORS = ("Not a valid number.", "Not a valid integer.")
_ABSENT = object()


def as_sent(value: Any) -> str:
    """A value of a request as its sender wrote it (JSON's words for true, false and null; a list or an
    object as JSON), cut at 40 characters as every refusal cuts the value it quotes."""
    if isinstance(value, str):
        return value[:40]
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, Decimal, float)):
        return str(value)[:40]
    return json.dumps(floats(value), ensure_ascii=False, default=str)[:40]


def _in_our_words(message: Any, value: Any, json_text: bool) -> Any:
    if not isinstance(message, str) or message not in THEIR_TYPE_ERRORS or value is _ABSENT:
        return message
    if json_text and message in _NUMBER_ERRORS and isinstance(value, str) and value.strip():
        try:
            Decimal(value)
            return Message(NUMBER_AS_TEXT, {"value": as_sent(value)})
        except ArithmeticError:  # decimal.InvalidOperation: text that is no number
            pass
    return Message(THEIR_TYPE_ERRORS[message], {"value": as_sent(value)})


def _part(data: Any, key: Any) -> Any:
    if isinstance(data, Mapping) and not isinstance(key, int):
        return data.get(key, _ABSENT)
    if isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
        return data[key]
    return _ABSENT


def said_in_our_words(messages: Any, data: Any, json_text: bool = True) -> Any:
    """marshmallow's messages of a load (``{field: [message]}``, nested as the data) with its type
    errors in the registry's words, each quoting the value sent at its path in ``data``. ``json_text``:
    a text in ``data`` was JSON's string, so a number in it is told to be sent as a number; a query
    string's values are all text (``page=2.5`` wanted a whole number, not a JSON number)."""
    if isinstance(messages, dict):
        for key, inner in messages.items():
            messages[key] = said_in_our_words(inner, data if key == "_schema" else _part(data, key), json_text)
        return messages
    if isinstance(messages, list):
        return [_in_our_words(m, data, json_text) for m in messages]
    return messages


class InOurWords(ma.Schema):
    """A schema whose refusals of a value's type are the registry's words (``said_in_our_words``): the
    one place the API's field errors leave marshmallow's wording; errors_web then renders them in the
    reader's language, as every registry message."""

    json_text = True  # a text value was sent as JSON's string (a query schema's values are all text)

    def handle_error(self, error: ma.ValidationError, data: Any, *, many: bool, **kwargs: Any) -> None:
        if isinstance(error.messages, dict):  # mutated in place: webargs raises this very error
            said_in_our_words(error.messages, data, self.json_text)
