"""A table as a file people open in a spreadsheet: CSV (UTF-8 with BOM, so Excel reads the Chinese) or
XLSX (openpyxl). Text that starts like a formula is written as text in both
(``registry.services.spreadsheet_cells``), so an exported name or note never runs when the file opens."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO, Callable, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from registry.services.sheet_formats import DATE_FORMAT, HEADER_FILL, MOMENT_FORMAT
from registry.services.spreadsheet_cells import csv_cell, formula_like


def write_csv(out: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """The table as CSV into ``out``, row by row; a moment as ``YYYY-MM-DD HH:MM:SS`` (as given: pass
    it in the zone you mean), a day as ``YYYY-MM-DD``, a Decimal with its digits."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")  # the BOM: Excel then reads UTF-8
    try:
        writer = csv.writer(text)
        writer.writerow([csv_cell(h) for h in headers])
        for row in rows:
            writer.writerow([csv_cell(v.strftime("%Y-%m-%d %H:%M:%S") if isinstance(v, datetime) else v)
                             for v in row])
        text.flush()
    finally:
        text.detach()  # ``out`` stays open: it is the caller's


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The table as CSV (``write_csv``) in memory."""
    buffer = io.BytesIO()
    write_csv(buffer, headers, rows)
    return buffer.getvalue()


def _cell(sheet, value: Any, number_format: str | None = None) -> WriteOnlyCell:
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value=value.replace(tzinfo=None))  # Excel has no zones: the moment as given
        cell.number_format = MOMENT_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, date):
        cell.number_format = number_format or DATE_FORMAT
    elif number_format and isinstance(value, (int, float, Decimal)):
        cell.number_format = number_format
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


@dataclass(frozen=True)
class Column:
    """A column of a workbook's sheet: its header (as written), width in characters, and the number
    format of its figures (days and moments have theirs)."""

    header: str
    width: int
    number_format: str | None = None


@dataclass(frozen=True)
class Sheet:
    """A sheet to write: ``rows`` are read once, in order; a callable is called when the sheets
    before it are written (an "about" sheet that says what the first one held)."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]] | Callable[[], Iterable[Sequence[Any]]]
    autofilter: bool = False


def _header_cell(sheet, text: str) -> WriteOnlyCell:
    cell = _cell(sheet, text)
    cell.font, cell.fill = Font(bold=True), HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def write_xlsx(out: BinaryIO, sheets: Sequence[Sheet]) -> None:
    """The sheets as a workbook into ``out`` (write-only: rows go to temporary files as they come, so
    a sheet of 100,000 rows is not held in memory). Each sheet's header row is bold and frozen, its
    columns as wide as said; ``autofilter`` puts the filter buttons on its header."""
    book = Workbook(write_only=True)
    created = []
    for spec in sheets:
        sheet = book.create_sheet(spec.title[:31])
        for index, column in enumerate(spec.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        created.append(sheet)
    for spec, sheet in zip(sheets, created):
        sheet.append([_header_cell(sheet, column.header) for column in spec.columns])
        formats = [column.number_format for column in spec.columns]
        count = 0
        for row in spec.rows() if callable(spec.rows) else spec.rows:
            # plain text needs no cell object (the cheapest write); figures, days and formula-like text do
            sheet.append([value if isinstance(value, str) and not formula_like(value) and "\n" not in value
                          or value is None else _cell(sheet, value, number_format)
                          for value, number_format in zip(row, formats)])
            count += 1
        if spec.autofilter and spec.columns:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{count + 1}"
    book.save(out)
