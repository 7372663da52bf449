"""Workbooks of many rows, written fast: openpyxl lays out the workbook (sheets, column widths, the
frozen header row with its filter buttons, the styles and number formats), and each sheet's rows are
written as SpreadsheetML straight into its part of the ZIP as they come.

Why not openpyxl's write-only mode for the rows: it builds a cell object and an XML element per cell,
and 100,000 projects of 23 columns took it 75–115 s (80 s with lxml) on the loaded 2-core machine,
against a few seconds here (docs/performance.md, "Downloading the project list"). Memory stays flat
either way: rows go to the file as they come.

Cells as openpyxl writes them: text as an inline string (never a formula: text that looks like one
also gets Excel's quote prefix, as ``spreadsheet_cells`` does, so it stays text when edited), numbers
as numbers with their column's format, days and moments as Excel serial dates with theirs.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, BinaryIO, Callable, Iterable, Sequence
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from registry.services.sheet_formats import DATE_FORMAT, HEADER_FILL, MOMENT_FORMAT
from registry.services.spreadsheet_cells import formula_like

_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")  # control characters XML 1.0 cannot hold
_EPOCH = datetime(1899, 12, 30)  # Excel's day 0 (1900 date system, past its 1900-02-29)
_ROWS_PER_WRITE = 500


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header (as written), width in characters, and the number format of
    its figures (days and moments have theirs)."""

    header: str
    width: int
    number_format: str | None = None


@dataclass(frozen=True)
class Sheet:
    """A sheet to write: ``rows`` are read once, in order; a callable is called when the sheets
    before it are written (an "about" sheet that says what the first held). ``autofilter`` puts
    the filter buttons on its header row. ``caption``: a bold line above the header row that says
    what the sheet holds (a report's name, year, the date of its figures), frozen with it."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]] | Callable[[], Iterable[Sequence[Any]]]
    autofilter: bool = False
    caption: str | None = None

    @property
    def header_row(self) -> int:
        return 2 if self.caption else 1


def _style_id(sheet, number_format: str | None = None, quote: bool = False, wrap: bool = False) -> int:
    """The id (``s=``) of a cell style, registered with openpyxl's workbook: every style a sheet's
    rows use is registered before the layout is saved, since styles.xml is written with it."""
    cell = WriteOnlyCell(sheet)
    if number_format:
        cell.number_format = number_format
    if quote:
        cell.quotePrefix = True
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell.style_id


def _serial(value: date) -> str:
    if isinstance(value, datetime):
        delta = value.replace(tzinfo=None) - _EPOCH
        return repr(delta.days + delta.seconds / 86400)
    return str((value - _EPOCH.date()).days)


class _Row:
    """One sheet's rows as XML, each cell at its column with its column's style."""

    def __init__(self, sheet, columns: Sequence[Column]) -> None:
        self.letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
        formats = [column.number_format for column in columns]
        self.numbers = [_style_id(sheet, f) if f else 0 for f in formats]
        self.days = [_style_id(sheet, f if f and _is_date_format(f) else DATE_FORMAT) for f in formats]
        self.moment = _style_id(sheet, MOMENT_FORMAT)
        # text: (looks like a formula, holds a line break) → style
        self.text = {(quote, wrap): _style_id(sheet, quote=quote, wrap=wrap) if quote or wrap else 0
                     for quote in (False, True) for wrap in (False, True)}

    def xml(self, number: int, values: Sequence[Any]) -> str:
        cells = []
        for letter, value, numbers, days in zip(self.letters, values, self.numbers, self.days):
            if value is None or value == "":
                continue
            ref = f"{letter}{number}"
            if isinstance(value, str):
                style = self.text[formula_like(value), "\n" in value]
                text = escape(_ILLEGAL.sub("", value))
                cells.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float, Decimal)):
                number_text = value if isinstance(value, int) else repr(float(value))
                cells.append(f'<c r="{ref}" s="{numbers}"><v>{number_text}</v></c>')
            elif isinstance(value, date):
                style = self.moment if isinstance(value, datetime) else days
                cells.append(f'<c r="{ref}" s="{style}"><v>{_serial(value)}</v></c>')
            else:
                raise TypeError(f"no cell for {type(value).__name__}")
        return f'<row r="{number}">{"".join(cells)}</row>'


def _is_date_format(number_format: str) -> bool:
    return "yy" in number_format


def _layout(sheets: Sequence[Sheet]) -> tuple[bytes, list[_Row]]:
    """The workbook with each sheet's header row only (openpyxl), and each sheet's row writer."""
    book = Workbook(write_only=True)
    writers = []
    for spec in sheets:
        sheet = book.create_sheet(spec.title[:31])
        for index, column in enumerate(spec.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = f"A{spec.header_row + 1}"
        # printed as the rollup's workbook is (services/rollup_xlsx.py): the header (and its caption)
        # on every page, A4 landscape, one page wide; a printed export had its header on page 1 only
        sheet.print_title_rows = f"1:{spec.header_row}"
        sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", Worksheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        if spec.caption:
            caption = WriteOnlyCell(sheet, value=_ILLEGAL.sub("", spec.caption))
            caption.font = Font(bold=True)
            sheet.append([caption])
        header = []
        for column in spec.columns:
            cell = WriteOnlyCell(sheet, value=column.header)
            cell.font, cell.fill = Font(bold=True), HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            header.append(cell)
        sheet.append(header)
        if spec.autofilter and spec.columns:
            sheet.auto_filter.ref = "A1:A1"  # set to the rows written once they are (_write_sheet)
        writers.append(_Row(sheet, spec.columns))
    layout = io.BytesIO()
    book.save(layout)
    return layout.getvalue(), writers


def _write_rows(target: BinaryIO, writer: _Row, rows: Iterable[Sequence[Any]], header_row: int) -> int:
    batch, number = [], header_row
    for number, values in enumerate(rows, start=header_row + 1):
        batch.append(writer.xml(number, values))
        if len(batch) == _ROWS_PER_WRITE:
            target.write("".join(batch).encode("utf-8"))
            batch.clear()
    target.write("".join(batch).encode("utf-8"))
    return number - header_row


def _write_sheet(target: zipfile.ZipFile, info: zipfile.ZipInfo, layout: bytes, spec: Sheet, writer: _Row) -> None:
    head, end, tail = layout.partition(b"</sheetData>")
    part_info = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    part_info.compress_type = zipfile.ZIP_DEFLATED
    with target.open(part_info, "w", force_zip64=True) as part:
        part.write(head)
        header = spec.header_row
        written = _write_rows(part, writer, spec.rows() if callable(spec.rows) else spec.rows, header)
        if spec.autofilter and spec.columns:
            tail = re.sub(rb'<autoFilter ref="[^"]*"',
                          f'<autoFilter ref="A{header}:{writer.letters[-1]}{written + header}"'.encode(), tail, count=1)
        part.write(end + tail)


def write_xlsx(out: BinaryIO, sheets: Sequence[Sheet]) -> None:
    """The sheets as a workbook into ``out``, each sheet's ``rows`` read once, in order (a callable
    is called once the sheets before it are written: an "about" sheet that says what they held)."""
    layout, writers = _layout(sheets)
    parts = {f"xl/worksheets/sheet{index}.xml": index - 1 for index in range(1, len(sheets) + 1)}
    with zipfile.ZipFile(io.BytesIO(layout)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in parts:
                index = parts[info.filename]
                _write_sheet(target, info, source.read(info.filename), sheets[index], writers[index])
            else:
                target.writestr(info, source.read(info.filename))
