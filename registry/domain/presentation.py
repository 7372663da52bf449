"""Rounding for display — the only place numbers are rounded (half up, as statistics tables do).

Calculations keep full precision; a page, report or CLI rounds the figure it shows, once.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from registry.domain.numbers import calc_context, plain

TCE_PLACES = 2
FORMULA_PLACES = 6


def grouped_pattern(places: int) -> str:
    """The number pattern with digit grouping and ``places`` decimals ("#,##0.00"): for Babel on
    pages and as an Excel number format alike."""
    return "#,##0" + ("." + "0" * places if places else "")


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


# Places a computed figure is shown with on a page, by its unit; the exact value stays in the trace
# (the JSON API, the Excel report) and in the page's title attribute (docs/accounting.md).
DISPLAY_PLACES: dict[str, int] = {
    "tce": TCE_PLACES, "10^4 tce": 4, "kgce": 0, "kWh": 0, "10^4 kWh": 2, "MWh": 1, "kW": 1, "万元": 1,
}
DEFAULT_DISPLAY_PLACES = 2


def display_places(unit: str | None) -> int:
    """Decimal places of a computed figure in ``unit`` on a page (0.01 tce, 1 kWh, 0.1 kW …)."""
    return DISPLAY_PLACES.get(unit or "", DEFAULT_DISPLAY_PLACES)


def given_places(value: Decimal) -> int:
    """Decimal places of a value as it was given (an input or a factor), at most 6, so it is shown
    as typed: 0.68 → 2, 3936.5 → 1, 5000000.0 → 0."""
    normalised = value.normalize()
    exponent = normalised.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return min(places, FORMULA_PLACES)


# Places of a report's figures by unit — the rollup's page, its workbook, the freed-land export: the
# page shows what the workbook shows, rounded once from the same exact figure (a page at 0.1 beside a
# workbook at 0.01 read 3,648.2 亩 where the workbook's 3,648.25 rounds to 3,648.3). tce to 0.01 as
# everywhere (``round_tce``); kW to 0.1, as the project page (a 7.5 kW motor would read "8"); money
# (万元, 亿元) to 0.01 of its unit; 亩 to 0.01 and m² whole, as the freed-land pages and export;
# counts (项, 台, 家) whole; percentages and land output to 0.1 (docs/rollups.md).
REPORT_PLACES: dict[str, int] = {
    "tce": 2, "kW": 1, "万元": 2, "亿元": 2, "亩": 2, "m²": 0, "km²": 3, "亿元/km²": 1, "%": 1,
    "项": 0, "台": 0, "家": 0,
}


def report_places(unit: str) -> int:
    """Decimal places of a report's figure in ``unit`` (a key of ``REPORT_PLACES``), on a page and in a workbook."""
    return REPORT_PLACES[unit]
