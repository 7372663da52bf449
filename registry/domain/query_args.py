"""Reading a query string's parameters, each problem recorded against its name (``Errors``): the
lists' filters (the freed land, the parcel list) read their values through these."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Mapping, Sequence

from registry.domain.errors import N_, NOT_A_WHOLE_NUMBER, UNKNOWN_VALUE
from registry.domain.fields import Errors
from registry.domain.numbers import decimal_from, optional_year_number, without_digit_grouping
from registry.domain.vocabulary import named_choices

Args = Mapping[str, Sequence[str]]


def values(args: Args, name: str) -> list[str]:
    """All values of ``name``: repeated parameters and comma-separated lists alike."""
    raw = args.get(name) or ()
    if isinstance(raw, str):
        raw = [raw]
    return [v.strip() for item in raw for v in str(item).split(",") if v.strip()]


def one(args: Args, name: str) -> str | None:
    """The first non-blank value of ``name``, whole (a bbox or a polygon holds commas)."""
    raw = args.get(name) or ()
    if isinstance(raw, str):
        raw = [raw]
    found = [str(v).strip() for v in raw if str(v).strip()]
    return found[0] if found else None


def codes(errors: Errors, args: Args, name: str, allowed: Mapping[str, str]) -> tuple[str, ...]:
    """The values of ``name``, each a code of the vocabulary ``allowed`` (code → label), in the order
    given, each once; an unknown one is refused naming the choices by their labels."""
    given = values(args, name)
    for value in given:
        if value not in allowed:
            errors.add(name, UNKNOWN_VALUE, value=value[:40],
                       allowed=named_choices(allowed))
    return tuple(dict.fromkeys(given))


def whole_number(errors: Errors, args: Args, name: str, low: int, high: int) -> int | None:
    text = one(args, name)
    if text is None:
        return None
    if not re.fullmatch(r"[+-]?[0-9]{1,9}", text):
        errors.add(name, NOT_A_WHOLE_NUMBER, value=text[:40])
        return None
    value = int(text)
    if not low <= value <= high:
        errors.add(name, N_("must be between %(low)s and %(high)s"), low=low, high=high)
        return None
    return value


def year(errors: Errors, args: Args, name: str, first: int, last: int) -> int | None:
    """A year filter (``year_from``), as every year field is read (``year_number``: 2O23 is said to be
    no number, not passed over)."""
    return errors.capture(optional_year_number, one(args, name), name, first, last)


def number(errors: Errors, args: Args, name: str) -> Decimal | None:
    """A decimal as a person types it: digits grouped in thousands (10,000, as the pages show areas) read."""
    text = one(args, name)
    if text is None:
        return None
    return errors.capture(decimal_from, without_digit_grouping(text), name)
