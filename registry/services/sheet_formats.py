"""How the workbooks the registry writes show numbers and dates: one Excel number format per unit,
the same on every sheet of every workbook (the rollup report, the freed-land export), defined here
only. The cells keep every digit; the format rounds only what Excel shows, to the places every
page shows too (``presentation.PLACES``, docs/development.md "One way of showing numbers").
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from openpyxl.styles import PatternFill

from registry import clock
from registry.domain.presentation import PLACES, aligned_pattern, given_places, grouped_pattern

COUNT = "项"  # any count: projects (项), boilers (台), enterprises (家)
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm:ss"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")  # a header row's light blue


def sheet_moment(moment: datetime) -> datetime:
    """A timestamp as an Excel date-time (``MOMENT_FORMAT``): Shanghai wall-clock time to the second
    (Excel has no zones, so the header names it: 北京时间)."""
    return clock.local(moment).replace(tzinfo=None, microsecond=0)


def unit_format(unit: str) -> str:
    """The Excel number format of a figure in ``unit`` (a key of ``PLACES``): "#,##0.00" for tce."""
    return grouped_pattern(PLACES[unit])


def entered_format(value: Decimal | None, column_places: int) -> str:
    """The Excel number format of a value shown as entered (a target: 400,000, not 400,000.00) in a
    column whose figures have up to ``column_places`` decimals: its own places, its decimal point
    aligned with theirs (``aligned_pattern``)."""
    places = given_places(value) if value is not None else 0
    return aligned_pattern(places, max(column_places, places))


def signed_format(unit: str) -> str:
    """The Excel number format of a change in ``unit``: its sign always shown (+12.0, -3.5, 0.0)."""
    pattern = unit_format(unit)
    return f"+{pattern};-{pattern};{pattern}"
