"""Cells of the CSV and XLSX files the registry writes, safe to open in a spreadsheet (OWASP "CSV
injection"). Project titles, parcel codes, enterprise names and the values an import refused are
typed by users; a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return
before one) as a formula: ``=HYPERLINK("http://…", "点击")`` or a DDE call in the reviewer's Excel.

- CSV has no types: such text gets a leading apostrophe, which spreadsheets show as the start of
  text and never evaluate. A number written as text ("-12.5", "+3", "1e-3") is left alone, so
  negative figures stay numbers.
- XLSX has types: such text is written as a string cell (openpyxl would store a leading = as a
  formula) with Excel's quote prefix, so it shows exactly as typed and stays text when edited.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def formula_like(value: Any) -> bool:
    """Whether ``value`` is text a spreadsheet would run as a formula (a number as text is not)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value)


def csv_cell(value: Any) -> Any:
    """``value``, with an apostrophe before text a spreadsheet would run as a formula."""
    return "'" + value if formula_like(value) else value


def csv_rows(rows: Iterable[Sequence[Any]]) -> Iterable[list[Any]]:
    """``rows`` for ``csv.writer.writerows``, every cell through ``csv_cell``."""
    return ([csv_cell(value) for value in row] for row in rows)


def append_xlsx_row(sheet, row: Sequence[Any]) -> None:
    """``sheet.append(row)``, with formula-like text kept as text (see the module)."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
