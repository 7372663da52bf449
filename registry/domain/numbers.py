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

from registry.domain.errors import N_, NOT_A_NUMBER, NOT_A_WHOLE_NUMBER, Number, ValidationError

# IEEE 754 decimal128. Fixed here so results never depend on the caller's decimal context.
PRECISION = 34

# Bounds on input numbers: far beyond any real ledger (10^15 t of coal; 10^-30 of a unit), but
# they keep every product and quotient of inputs finite, so no decimal.Overflow can escape. They
# are the bounds of every quantity of energy (and every other input of the accounting).
MAX_MAGNITUDE = Decimal("1e15")
MIN_MAGNITUDE = Decimal("1e-30")
# Money in 万元, on every path that takes it (the project form and API, the project workbook,
# ``registry load``, parcel redevelopment plans): 10^16 yuan, far above any project or parcel.
MAX_MONEY_WAN_YUAN = Decimal("1e12")

_NUMERIC_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# Digits grouped in thousands as a person writes an amount: 1,200 or 1,234,567.89.
_GROUPED_IN_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")


def calc_context() -> Context:
    """A fresh decimal context for calculations: 34 digits, half-even, errors trapped."""
    return Context(
        prec=PRECISION,
        rounding=ROUND_HALF_EVEN,
        Emin=-999999,
        Emax=999999,
        traps=[InvalidOperation, DivisionByZero, Overflow],
    )


# ``calc_context()`` once, for arithmetic through its methods (``CALC.multiply(a, b)``): the same
# results as ``a * b`` inside ``localcontext(calc_context())`` without building and entering a
# context per operation (a land-output download did that 800,000 times). Its flags are set by
# whichever operation ran last and are never read; its traps raise for the operation that trips them.
CALC = calc_context()
_MAX_WHOLE = 10 ** 15  # MAX_MAGNITUDE as an int


def decimal_from(value: Any, field: str) -> Decimal:
    """Convert a JSON-like number (int, float, Decimal or numeric string) to an exact Decimal.

    Rejects booleans, NaN, infinities, non-numeric strings and magnitudes of 10^15 or more or below
    10^-30 (other than zero), raising ``ValidationError`` on ``field``. Zero is ``Decimal(0)``.
    """
    # The common cases first, with the general path's results: a database's numeric within bounds
    # is returned as it is, an int within bounds as Decimal(int) (zero too: Decimal(0)).
    kind = type(value)
    if kind is Decimal:
        if value.is_finite() and value and MIN_MAGNITUDE <= value.copy_abs() < MAX_MAGNITUDE:
            return value
    elif kind is int and -_MAX_WHOLE < value < _MAX_WHOLE:
        return Decimal(value)
    result = _exact(value, field)
    # copy_abs, unlike abs(), ignores the context, so a huge exponent cannot trap here.
    if result.copy_abs() >= MAX_MAGNITUDE:
        raise ValidationError.single(field, N_("must be less than %(limit)s"), limit=Number(MAX_MAGNITUDE))
    return _not_tiny(result, field)


def money_wan_yuan(value: Any, field: str) -> Decimal:
    """An amount of money in 万元 as every path takes it: a number (read as ``decimal_from`` reads
    it), not negative, at most ``MAX_MONEY_WAN_YUAN``, zero or at least 10^-30, with at most
    ``PRECISION`` digits (so ``numeric`` stores it as given); ``ValidationError`` on ``field``."""
    result = _exact(value, field)
    given = value.strip()[:40] if isinstance(value, str) else str(result)[:40]
    if result < 0:
        raise ValidationError.single(field, N_("must not be negative, got “%(value)s”"), value=given)
    if result > MAX_MONEY_WAN_YUAN:
        raise ValidationError.single(field, N_("must be at most %(maximum)s, got “%(value)s”"),
                                     maximum=Number(MAX_MONEY_WAN_YUAN), value=given)
    result = _not_tiny(result, field)
    if len(result.as_tuple().digits) > PRECISION:
        raise ValidationError.single(field, N_("must have at most %(n)s digits"), n=PRECISION)
    return result


def _exact(value: Any, field: str) -> Decimal:
    """``value`` as a finite Decimal (a string read after NFKC, so full-width digits count)."""
    if isinstance(value, bool):
        raise ValidationError.single(field, N_("must be a number, not true/false"))
    if isinstance(value, int):
        return Decimal(value)  # exact, and no int-to-str digit limit on the way
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError.single(field, N_("must be a finite number"))
        return Decimal(str(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError.single(field, N_("must be a finite number"))
        return value
    if isinstance(value, str):
        if not is_numeric_text(value):
            raise ValidationError.single(field, NOT_A_NUMBER, value=value[:40])
        return Decimal(unicodedata.normalize("NFKC", value).strip())
    raise ValidationError.single(field, N_("must be a number"))


def is_numeric_text(text: str) -> bool:
    """Whether ``text`` is written as a number (after NFKC, spaces around allowed): what the
    accounting reads as one, so a form's field that refuses other text says 必须是数字 as it does."""
    return bool(_NUMERIC_TEXT.fullmatch(unicodedata.normalize("NFKC", text).strip()))


def without_digit_grouping(text: str) -> str:
    """``text`` (after NFKC, so full-width digits and commas count) without its thousands
    separators when they group the digits in threes (1,200.5 → 1200.5), else as it was. A comma
    anywhere else (12,5 — a decimal comma or a slip) is left for the number check to refuse:
    dropping it would read 12,5 as 125."""
    normal = unicodedata.normalize("NFKC", text).strip()
    return normal.replace(",", "") if _GROUPED_IN_THOUSANDS.fullmatch(normal) else text


def written_money_wan_yuan(value: Any, field: str) -> Decimal:
    """``money_wan_yuan`` of an amount as a person writes it in a form: digits grouped in thousands
    (1,200.5, as the pages show amounts) are read (``without_digit_grouping``)."""
    return money_wan_yuan(without_digit_grouping(value) if isinstance(value, str) else value, field)


def _not_tiny(result: Decimal, field: str) -> Decimal:
    if result.is_zero():
        return Decimal(0)
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


_WHOLE_TEXT = re.compile(r"[+-]?[0-9]+")


def year_number(value: Any, field: str, first: int, last: int) -> int:
    """A year as a person types it (full-width digits and spaces around read), from ``first`` to
    ``last``: the one reading of every form's and filter's year field, text fields all, in the
    project form's words — 为必填项 (empty), 必须是数字，实际为“2O23” (text that is no number, which an
    ``<input type=number>`` had sent as nothing: "required", or a filter dropped), 必须是整数，实际为“2017.5” (2017.5),
    必须是 ``first`` 至 ``last`` 之间的年份. ``ValidationError`` on ``field``."""
    typed = "" if value is None else str(value).strip()
    text = unicodedata.normalize("NFKC", typed).strip()
    if not text:
        raise ValidationError.single(field, N_("is required"))
    if not is_numeric_text(text):
        raise ValidationError.single(field, NOT_A_NUMBER, value=typed[:40])
    if not _WHOLE_TEXT.fullmatch(text):
        raise ValidationError.single(field, NOT_A_WHOLE_NUMBER, value=typed[:40])
    # a year has four digits: longer text is out of range, and int() is not asked to read 5,000 of them
    if len(text) > 10 or not first <= int(text) <= last:
        raise ValidationError.single(field, N_("must be a year from %(minimum)s to %(maximum)s"),
                                     minimum=first, maximum=last)
    return int(text)


def optional_year_number(value: Any, field: str, first: int, last: int) -> int | None:
    """``year_number`` of a field that may be left empty ("any year": a filter): ``None`` then."""
    if value is None or not str(value).strip():
        return None
    return year_number(value, field, first, last)


def optional_whole_number(text: Any, field: str) -> int | None:
    """A form or query value that may be left empty: ``None`` when empty, else the whole number;
    ``ValidationError`` on ``field`` when it is something else."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    number = whole_number(text)
    if number is None:
        raise ValidationError.single(field, NOT_A_WHOLE_NUMBER, value=str(text).strip()[:40])
    return number
