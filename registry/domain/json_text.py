"""Reading JSON text that users send (API bodies, the wizard's JSON form fields), safely.

``json.loads`` alone is not enough: deeply nested text raises RecursionError (a 500, not a
ValueError), and ``"\\ud800"`` decodes to a lone surrogate that no UTF-8 database column can hold,
nor can PostgreSQL hold U+0000. ``load_json`` refuses all of these with a message for the user.
``load_stored_json`` and ``dump_json`` read and write the registry's own JSON (jsonb, responses)
with exact decimal numbers.
"""
from __future__ import annotations

import json
import re
import secrets
from decimal import Decimal
from typing import Any, Callable

from registry.domain.errors import N_, FieldError, Message, ValidationError

MAX_DEPTH = 64  # GeoJSON multipolygons inside a project body need about 8
NUL = N_("must not contain the NUL character (U+0000)")


class DocumentError(ValueError):
    """JSON text the registry refuses. ``path`` is '' for the text as a whole (malformed),
    else the path of the offending value, e.g. ``new_parcels[0].overlap_reason``."""

    def __init__(self, path: str, message: Message) -> None:
        super().__init__(message.render())
        self.path = path
        self.message = message


def load_json(text: str | bytes, exact: bool = False) -> Any:
    """The value of JSON ``text`` (UTF-8 if bytes); DocumentError if it is malformed, nested more
    than MAX_DEPTH levels, or holds a string with U+0000 or a lone surrogate. With ``exact``, a
    number with a fraction or an exponent is a ``Decimal`` of the digits as written, not a float."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise DocumentError("", Message(N_("malformed JSON: the text is not UTF-8"))) from None
    try:
        value = json.loads(text, parse_float=Decimal if exact else None)
    except RecursionError:
        raise _too_deep() from None
    except json.JSONDecodeError as error:
        raise DocumentError("", Message(N_("malformed JSON at line %(line)s, column %(column)s"),
                                        {"line": error.lineno, "column": error.colno})) from None
    check_document(value)
    return value


def load_document(text: str | bytes, field: str) -> Any:
    """A JSON file a person gives (``registry load``, ``registry savings``), read as the API reads a
    body (``load_json(..., exact=True)``: 0.1 stays 0.1, and 34 digits stay 34); refused with a
    ``ValidationError`` on ``field`` (or the offending value's path under it)."""
    try:
        return load_json(text, exact=True)
    except DocumentError as error:
        path = f"{field}.{error.path}" if error.path and not error.path.startswith("[") else field + error.path
        raise ValidationError([FieldError(path, error.message)]) from None


def load_stored_json(text: str | bytes) -> Any:
    """JSON the registry stored itself (a jsonb value read back), its numbers exact as
    ``load_json(..., exact=True)`` reads them. Unchecked: it was checked on its way in, and reading
    what the database holds must not refuse it."""
    return json.loads(text, parse_float=Decimal)


def check_document(value: Any) -> None:
    """Refuse (DocumentError) nesting deeper than MAX_DEPTH and strings the registry cannot store;
    iterative, so any depth is safe to look at."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            _check_text(item, path)
            continue
        if not isinstance(item, (dict, list, tuple)):
            continue
        if depth >= MAX_DEPTH:
            raise _too_deep()
        children = []
        if isinstance(item, dict):
            for key, child in item.items():
                child_path = f"{path}.{key}".lstrip(".")
                _check_text(str(key), child_path)
                children.append((child, child_path, depth + 1))
        else:
            children = [(child, f"{path}[{i}]", depth + 1) for i, child in enumerate(item)]
        stack.extend(reversed(children))  # report problems in document order


def _check_text(text: str, path: str) -> None:
    if "\x00" in text:
        raise DocumentError(path, Message(NUL))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        code = f"U+{ord(text[error.start]):04X}"
        raise DocumentError(path, Message(N_("contains an invalid character: a lone UTF-16 surrogate (%(code)s)"),
                                          {"code": code})) from None


def _too_deep() -> DocumentError:
    return DocumentError("", Message(N_("malformed JSON: nested more than %(depth)s levels deep"), {"depth": MAX_DEPTH}))


def dump_json(value: Any, default: Callable[[Any], Any] | None = None, **options: Any) -> str:
    """``json.dumps`` that writes a finite ``Decimal`` as a JSON number with its digits as they are
    (``json`` itself writes only floats as numbers, and refuses Decimals). ``default`` and
    ``options`` are ``json.dumps``'s, for every other type."""
    # json has no way to emit raw text, so a Decimal goes out as a string between two copies of a
    # marker no value can know in advance, and the quotes and markers are then taken off. The
    # marker is drawn at the first Decimal (after the value was made): a value without one, such as
    # an imported project's inputs, draws none (100,000 draws from the OS were 0.5 s of an import).
    markers: list[str] = []

    def number_or_default(item: Any) -> Any:
        if isinstance(item, Decimal) and item.is_finite():
            if not markers:
                markers.append(secrets.token_hex(8))
            return f"{markers[0]}{item}{markers[0]}"
        if default is None:
            raise TypeError(f"Object of type {type(item).__name__} is not JSON serializable")
        return default(item)

    text = json.dumps(value, default=number_or_default, **options)
    if not markers:
        return text
    marker = markers[0]
    return re.sub(f'"{marker}([-+.0-9Ee]+){marker}"', r"\1", text) if marker in text else text
