"""How the workbooks the registry writes show numbers and dates: one Excel number format per unit,
the same on every sheet of every workbook (the rollup report, the freed-land export), defined here
only. The cells keep every digit; the format rounds only what Excel shows.

The places: tce to 0.01 as everywhere (docs/accounting.md, ``round_tce``); kW to 0.1, as the project
page shows them (a 7.5 kW motor, common in the motor programme, would read "8" whole); money (万元,
亿元) to 0.01 of its unit; 亩 to 0.01 and m² whole, as the freed-land export promises
(docs/freed-land.md); counts whole; percentages and land output to 0.1, as their metrics.
"""
from __future__ import annotations

from registry.domain.presentation import grouped_pattern

COUNT = "项"  # any count: projects (项), boilers (台), enterprises (家)
UNIT_PLACES: dict[str, int] = {
    "tce": 2, "kW": 1, "万元": 2, "亿元": 2, "亩": 2, "m²": 0, "km²": 3, "亿元/km²": 1, "%": 1,
    "项": 0, "台": 0, "家": 0,
}
DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm:ss"


def unit_format(unit: str) -> str:
    """The Excel number format of a figure in ``unit`` (a key of ``UNIT_PLACES``): "#,##0.00" for tce."""
    return grouped_pattern(UNIT_PLACES[unit])
