"""Exact numbers for the accounting core: strict conversion of input values, one fixed context.

Every quantity is a ``decimal.Decimal``. Inputs pass through ``decimal_from`` (``Decimal(str(x))``,
so a JSON float 0.1 stays 0.1). Calculations run in ``calc_context()``: products and sums of input
values are exact while they fit in 34 significant digits (any real ledger does); the few divisions
that do not terminate (1/η, MJ→kWh, η_old/η_new) are rounded once, at the 34th digit. Rounding to display digits happens only in ``presentation``.
"""
from __future__ import annotations

import math
import re
import unicodedata
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import Any

from registry.domain.errors import N_, ValidationError

# IEEE 754 decimal128. Fixed here so results never depend on the caller's decimal context.
PRECISION = 34

# Bounds on input numbers: far beyond any real ledger (10^15 t of coal; 10^-30 of a unit), but
# they keep every product and quotient of inputs finite, so no decimal.Overflow can escape.
MAX_MAGNITUDE = Decimal("1e15")
MIN_MAGNITUDE = Decimal("1e-30")

_NUMERIC_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def calc_context() -> Context:
    """A fresh decimal context for calculations: 34 digits, half-even, errors trapped."""
    return Context(
        prec=PRECISION,
        rounding=ROUND_HALF_EVEN,
        Emin=-999999,
        Emax=999999,
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )


def decimal_from(value: Any, field: str) -> Decimal:
    """Convert a JSON-like number (int, float, Decimal or numeric string) to an exact Decimal.

    Rejects booleans, NaN, infinities, non-numeric strings and magnitudes of 10^15 or more or below
    10^-30 (other than zero), raising ``ValidationError`` on ``field``. Zero is ``Decimal(0)``.
    """
    if isinstance(value, bool):
        raise ValidationError.single(field, N_("must be a number, not true/false"))
    if isinstance(value, int):
        # Checked before str(): huge ints would hit Python's int-to-str digit limit.
        if abs(value) >= 10**15:
            raise ValidationError.single(field, N_("must be less than %(limit)s"), limit="10^15")
        result = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError.single(field, N_("must be a finite number"))
        result = Decimal(str(value))
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError.single(field, N_("must be a finite number"))
        result = value
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not _NUMERIC_TEXT.fullmatch(text):
            raise ValidationError.single(field, N_("must be a number, got %(value)s"), value=value[:40])
        result = Decimal(text)
    else:
        raise ValidationError.single(field, N_("must be a number"))
    if result.is_zero():
        return Decimal(0)
    # copy_abs, unlike abs(), ignores the context, so a huge exponent cannot trap here.
    if result.copy_abs() >= MAX_MAGNITUDE:
        raise ValidationError.single(field, N_("must be less than %(limit)s"), limit="10^15")
    if result.copy_abs() < MIN_MAGNITUDE:
        raise ValidationError.single(field, N_("must be zero or at least %(limit)s in size"),
                                     limit="10^-30")
    return result


def plain(value: Decimal) -> str:
    """``value`` in positional notation without exponent or trailing zeros after the point."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_ASCII_DIGITS = re.compile(r"[0-9]+")
MAX_WHOLE_NUMBER_DIGITS = 18  # fits a bigint; longer digit strings are no id, year or version


def is_ascii_digits(text: Any) -> bool:
    """True for a non-empty string of the ASCII digits 0–9 only. ``str.isdigit()`` is not this
    test: it is also true for ², ①, ٣ and other characters, some of which ``int()`` refuses."""
    return isinstance(text, str) and _ASCII_DIGITS.fullmatch(text) is not None


def whole_number(text: Any) -> int | None:
    """``text`` (surrounding spaces allowed) as a non-negative int when it is ASCII digits only
    and at most ``MAX_WHOLE_NUMBER_DIGITS`` long; ``None`` otherwise. Never raises."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    return int(text) if is_ascii_digits(text) and len(text) <= MAX_WHOLE_NUMBER_DIGITS else None


def optional_whole_number(text: Any, field: str) -> int | None:
    """A form or query value that may be left empty: ``None`` when empty, else the whole number;
    ``ValidationError`` on ``field`` when it is something else."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    number = whole_number(text)
    if number is None:
        raise ValidationError.single(field, N_("must be a whole number"))
    return number
