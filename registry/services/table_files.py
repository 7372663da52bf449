"""A table as a file people open in a spreadsheet: CSV (UTF-8 with BOM, so Excel reads the Chinese) or
XLSX (openpyxl). Text that starts like a formula is written as text in both
(``registry.services.spreadsheet_cells``), so an exported name or note never runs when the file opens."""
from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any, BinaryIO, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from registry.services.sheet_formats import MOMENT_FORMAT
from registry.services.spreadsheet_cells import FORMULA_STARTS, csv_cell, formula_like


def write_csv(out: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """The table as CSV into ``out``, row by row; a moment as ``YYYY-MM-DD HH:MM:SS`` (as given: pass
    it in the zone you mean), a day as ``YYYY-MM-DD``, a Decimal with its digits."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")  # the BOM: Excel then reads UTF-8
    try:
        writer = csv.writer(text)
        writer.writerow([csv_cell(h) for h in headers])
        for row in rows:
            # csv_cell inlined for text (a call per cell cost a quarter of a 100,000-row export)
            writer.writerow([("'" + v if v.startswith(FORMULA_STARTS) and formula_like(v) else v) if type(v) is str
                             else v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, datetime) else v for v in row])
        text.flush()
    finally:
        text.detach()  # ``out`` stays open: it is the caller's


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The table as CSV (``write_csv``) in memory."""
    buffer = io.BytesIO()
    write_csv(buffer, headers, rows)
    return buffer.getvalue()


def _cell(sheet, value: Any) -> WriteOnlyCell:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))  # Excel has no zones: the moment as given
        cell.number_format = MOMENT_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if formula_like(value):
        # openpyxl would store "=…" as a formula: store the text, and mark it as text for an editing user
        cell.data_type = "s"
        cell.quotePrefix = True
    elif isinstance(value, str) and "\n" in value:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def xlsx_bytes(sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]],
               widths: Sequence[int] = ()) -> bytes:
    """The table as a one-sheet workbook, its header row bold and frozen (write-only: rows are not
    held as cell objects, so a long table costs little memory)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    header_cells = []
    for header in headers:
        cell = _cell(sheet, header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
