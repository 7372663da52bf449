"""How the workbooks the registry writes show numbers and dates: one Excel number format per unit,
the same on every sheet of every workbook (the rollup report, the freed-land export), defined here
only. The cells keep every digit; the format rounds only what Excel shows, to the places the
rollup's page shows too (``presentation.REPORT_PLACES``, where the places are explained).
"""
from __future__ import annotations

from openpyxl.styles import PatternFill

from registry.domain.presentation import REPORT_PLACES, grouped_pattern

COUNT = "项"  # any count: projects (项), boilers (台), enterprises (家)
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm:ss"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")  # a header row's light blue


def unit_format(unit: str) -> str:
    """The Excel number format of a figure in ``unit`` (a key of ``REPORT_PLACES``): "#,##0.00" for tce."""
    return grouped_pattern(REPORT_PLACES[unit])
