"""Rounding for display — the only place numbers are rounded (half up, as statistics tables do).

Calculations keep full precision; a page, report or CLI rounds the figure it shows, once.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from types import MappingProxyType
from typing import Callable, Iterable, Mapping

from registry.domain.numbers import calc_context, plain

FORMULA_PLACES = 6


def grouped_pattern(places: int) -> str:
    """The number pattern with digit grouping and ``places`` decimals ("#,##0.00"): for Babel on
    pages and as an Excel number format alike."""
    return "#,##0" + ("." + "0" * places if places else "")


def aligned_pattern(places: int, column_places: int) -> str:
    """An Excel number format with ``places`` decimals that keeps room for ``column_places``: the
    missing decimals (and the point) are blank spaces of their width ("#,##0_._0_0" for 400,000 in a
    column of 0.01), so the decimal points of a column whose figures have different places line up."""
    missing = max(column_places - places, 0)
    pad = ("_." if missing and not places else "") + "_0" * missing
    return grouped_pattern(places) + pad


def round_half_up(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half up to ``places`` decimal places (2.345 → 2.35, −2.345 → −2.35)."""
    with localcontext(calc_context()) as ctx:
        # Enough digits that quantize never fails for any value the calculators produce.
        ctx.prec = max(ctx.prec, value.adjusted() + places + 2)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_tce(value: Decimal, places: int | None = None) -> Decimal:
    """A tce figure for display: half up to 0.01 tce unless ``places`` says otherwise."""
    return round_half_up(value, TCE_PLACES if places is None else places)


def formula_number(value: Decimal) -> str:
    """A number inside a trace formula: at most 6 decimal places, no trailing zeros, no exponent."""
    return plain(round_half_up(value, FORMULA_PLACES))


# How many decimal places a figure in each unit is shown with: on every page, chart, history, workbook,
# export and in the CLI alike, so the same figure reads the same wherever a reader meets it
# (docs/development.md, Decisions, "One way of showing numbers"). Only display rounds; the exact
# value stays in the database, the trace, the JSON API and a workbook's cell (a page's title attribute).
PLACES: Mapping[str, int] = MappingProxyType({
    # energy: 0.01 tce (10 kgce) as the statistics bureau's tables; the other units to about the same grain
    "tce": 2, "10^4 tce": 4, "kgce": 0, "kWh": 0, "10^4 kWh": 2, "MWh": 1, "GJ": 2, "MJ": 0,
    # quantities of fuel (inputs show as typed; a computed quantity takes these)
    "t": 2, "10^4 t": 4, "kg": 0, "m3": 0, "10^4 m3": 2,
    "kW": 1,  # a 7.5 kW motor would read "8" whole
    "万元": 2, "亿元": 2,  # money to 0.01 of its unit, as financial statements
    "元/tce": 0,  # a subsidy rule's rate: 600 元/tce
    "m²": 0, "亩": 2, "ha": 2, "km²": 3,  # land: 1 m², 0.01 亩 (6.7 m²), 0.01 ha, 0.001 km²
    "亿元/km²": 1,  # land output (68 亿元/km² in the 2017 plan)
    "%": 1,  # 1.5 %, 12.5 % as the seed documents write them
    "项": 0, "台": 0, "家": 0,  # counts: projects, boilers, enterprises
})
DEFAULT_PLACES = 2  # a unit not in the table (an intensity's tce/t)
TCE_PLACES = PLACES["tce"]


def places_of(unit: str | None) -> int:
    """Decimal places a figure in ``unit`` is shown with (``PLACES``): 2 for tce, 0 for kWh, 1 for kW …"""
    return PLACES.get(unit or "", DEFAULT_PLACES)


def shown_rounded(value: Decimal, unit: str | None) -> Decimal:
    """``value`` rounded half up to the places of ``unit``: the figure a reader sees."""
    return round_half_up(value, places_of(unit))


def given_places(value: Decimal) -> int:
    """Decimal places of a value as it was given (an input or a factor), at most 6, so it is shown
    as typed: 0.68 → 2, 3936.5 → 1, 5000000.0 → 0."""
    normalised = value.normalize()
    exponent = normalised.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return min(places, FORMULA_PLACES)


def entered_places(values: Iterable[Decimal | None]) -> int:
    """The most decimals any of ``values`` was entered with (``given_places``; 0 for none): the room
    a column of figures shown as entered keeps so that their decimal points line up."""
    return max((given_places(Decimal(v)) for v in values if v is not None), default=0)


def percent_text(value: Decimal, formatted: Callable[[Decimal, int], str], signed: bool = False) -> str:
    """A percentage to one place as the monitoring's cards say it ("+14.8 %"; ``signed``: a plus on a
    rise), its number by the caller's locale (``formatted(value, places)``); the pages' macro is
    ``_macros.signed_percent``."""
    return f"{'+' if signed and value > 0 else ''}{formatted(value, 1)} %"
