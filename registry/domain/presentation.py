"""Rounding for display — the only place numbers are rounded (half up, as statistics tables do).

Calculations keep full precision; a page, report or CLI rounds the figure it shows, once.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from registry.domain.numbers import calc_context, plain

TCE_PLACES = 2
FORMULA_PLACES = 6


def round_half_up(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimal places (2.345 → 2.35, −2.345 → −2.35)."""
    with localcontext(calc_context()) as ctx:
        # Enough digits that quantize never fails for any value the calculators produce.
        ctx.prec = max(ctx.prec, value.adjusted() + places + 2)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_tce(value: Decimal, places: int = TCE_PLACES) -> Decimal:
    """A tce figure for display: half up to 0.01 tce unless ``places`` says otherwise."""
    return round_half_up(value, places)


def formula_number(value: Decimal) -> str:
    """A number inside a trace formula: at most 6 decimal places, no trailing zeros, no exponent."""
    return plain(round_half_up(value, FORMULA_PLACES))
