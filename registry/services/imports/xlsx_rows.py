"""Cell values of an XLSX workbook's sheets, as openpyxl's read-only ``iter_rows(values_only=True)``
gives them, in a third to a quarter of its time (100k project rows: 8.5 s instead of 22–32 s).

openpyxl reads a read-only sheet twice when the sheet does not state its dimensions (openpyxl's
own write-only files do not) and builds descriptor objects for every inline string; for a
100k-row project workbook that is most of the import. Here openpyxl still reads the package
(manifest, workbook, shared strings, styles: which cells are dates, the 1900/1904 epoch) and
each sheet's cells are read in one ``iterparse`` pass with openpyxl's own conversion rules
(``parse_cell`` with ``data_only``): numbers as int or float (a ``Percent`` where the cell is formatted
as a percentage), dates by their style, shared and
inline strings, booleans, errors as their text, formulas as their cached value (one without
is ``Uncalculated``, where openpyxl reads nothing). The package is
read by the steps of openpyxl's ``ExcelReader.read`` (not its documented API: tests/unit/
test_xlsx_rows.py compares the two readers cell by cell, types included).
"""
from __future__ import annotations

import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import re
from decimal import Decimal

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, STRIP_RE, builtin_format_code
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from registry.domain.errors import N_, ValidationError

_ROW = f"{{{SHEET_MAIN_NS}}}row"
_VALUE = f"{{{SHEET_MAIN_NS}}}v"
_INLINE = f"{{{SHEET_MAIN_NS}}}is"
_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_RUN = f"{{{SHEET_MAIN_NS}}}r"
_FORMULA = f"{{{SHEET_MAIN_NS}}}f"
_MERGED = f"{{{SHEET_MAIN_NS}}}mergeCell"
# A workbook is a zip of XML: openpyxl holds its shared strings in memory, so a small file that
# unpacks to gigabytes (a zip bomb) would exhaust the worker. 100k project rows unpack to ~60 MB.
MAX_UNPACKED_BYTES = 1024**3
_LETTERS = [chr(65 + i) for i in range(26)]
_COLUMNS = {a: i + 1 for i, a in enumerate(_LETTERS)} | {
    a + b: (i + 1) * 26 + j + 1 for i, a in enumerate(_LETTERS) for j, b in enumerate(_LETTERS)}  # A … ZZ


class Uncalculated(str):
    """A formula cell without its result, as ``=`` and its formula (=100+20): a workbook written by a
    program that no spreadsheet has saved stores formulas only. openpyxl reads such a cell as
    empty, so a formula under 总投资 lost the investment unsaid; the reader refuses it by name."""


class Percent(float):
    """A number in a cell formatted as a percentage (0%, 0.0%): Excel shows 0.75 as 75%, and the
    clerk typed 75%. Equal to the number openpyxl reads; ``typed()`` is what the cell shows."""

    def typed(self) -> str:
        return format(Decimal(repr(float(self))).scaleb(2).normalize(), "f") + "%"


def _percent_format(fmt: str | None) -> bool:
    """Whether a number format shows its number as a percentage: a % of its first section not
    quoted ("%"), escaped (\\%) or in brackets (openpyxl's own stripping, as for dates)."""
    return fmt is not None and re.search(r"(?<![_\\])%", STRIP_RE.sub("", fmt.split(";")[0])) is not None


def _number_format(wb, number_format_id: int) -> str | None:
    """A style's number format: built in, or custom — its index in the workbook's list plus 164, as
    openpyxl rebases them on reading (None for an id a damaged file does not define)."""
    if number_format_id < BUILTIN_FORMATS_MAX_SIZE:
        return builtin_format_code(number_format_id)
    index = number_format_id - BUILTIN_FORMATS_MAX_SIZE
    return wb._number_formats[index] if index < len(wb._number_formats) else None


class Workbook:
    """An open workbook: ``sheets()`` names them, ``rows(sheet)`` reads one."""

    def __init__(self, reader: ExcelReader) -> None:
        self._reader = reader
        wb = reader.wb
        self._strings = reader.shared_strings
        self._epoch = wb.epoch
        self._dates = set(wb._date_formats)
        self._durations = set(wb._timedelta_formats)
        self._percents = {i for i, style in enumerate(wb._cell_styles)
                          if i not in self._dates and _percent_format(_number_format(wb, style.numFmtId))}
        found = [(sheet.name, rel.target) for sheet, rel in reader.parser.find_sheets() if "chartsheet" not in rel.Type]
        self._parts = {name: target for name, target in found if target in reader.valid_files}
        self._missing = [name for name, target in found if target not in reader.valid_files]
        self.merged: dict[str, list[str]] = {}  # a sheet's merged ranges (A2:A3), known once its rows are read

    def sheets(self) -> list[str]:
        return list(self._parts)

    def missing(self) -> list[str]:
        """Sheets the workbook lists whose contents are not in the file (a damaged workbook)."""
        return self._missing

    def rows(self, sheet: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, values from column A) for each row the sheet holds; missing cells are None.

        Unlike openpyxl, a sheet's stated dimension is not trusted to cut rows or columns off."""
        merged = self.merged.setdefault(sheet, [])
        with self._reader.archive.open(self._parts[sheet]) as source:
            number = 0
            for _event, element in iterparse(source):
                if element.tag == _MERGED and element.get("ref"):  # they follow the rows
                    merged.append(element.get("ref"))
                if element.tag != _ROW:
                    continue
                r = element.get("r")
                at = int(float(r)) if r else number + 1
                if at > number:  # openpyxl skips a row that does not come after the previous one
                    number = at
                    yield number, self._values(element)
                element.clear()

    def _values(self, row) -> tuple[Any, ...]:
        values: list[Any] = []
        for cell in row:
            ref = cell.get("r")
            column = _column(ref.rstrip("0123456789")) if ref else 0
            if column == 0 or column == len(values) + 1:
                values.append(self._value(cell))
            elif column > len(values):
                values.extend([None] * (column - 1 - len(values)))
                values.append(self._value(cell))
            else:  # a column repeated or out of order: the last one wins, as in openpyxl
                values[column - 1] = self._value(cell)
        return tuple(values)

    def _value(self, cell) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            if inline is None:
                return None
            if len(inline) == 1 and inline[0].tag == _TEXT:  # the usual <is><t>…</t></is>
                return inline[0].text or ""
            parts = [inline.findtext(_TEXT) or ""] + [run.findtext(_TEXT) or "" for run in inline.iterfind(_RUN)]
            return "".join(parts)
        value = cell.findtext(_VALUE) or None
        if value is None:
            # no result, or an empty one (openpyxl writes <v/>): only text may be empty (t="str")
            formula = cell.find(_FORMULA) if kind != "str" else None
            return Uncalculated("=" + (formula.text or "")) if formula is not None else None
        if kind == "n":
            number = float(value) if ("." in value or "E" in value or "e" in value) else int(value)
            style = int(cell.get("s") or 0)
            if style in self._dates:
                try:
                    return from_excel(number, self._epoch, timedelta=style in self._durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"  # openpyxl: a date out of range is read as this error
            return Percent(number) if style in self._percents else number
        if kind == "s":
            return self._strings[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            return from_ISO8601(value)
        return value  # "str" (a formula's text), "e" (an error such as #N/A)


def _column(letters: str) -> int:
    """1 for A, 27 for AA… (openpyxl's ``column_index_from_string``, for any case)."""
    column = _COLUMNS.get(letters)
    if column is None:
        if not (letters.isascii() and letters.isalpha()):
            raise ValueError(f"not a cell reference: {letters!r}")
        column = 0
        for ch in letters.upper():
            column = column * 26 + ord(ch) - 64
    return column


@contextmanager
def open_workbook(path: Path) -> Iterator[Workbook]:
    """Raises what openpyxl raises for a file that is no workbook (BadZipFile, KeyError, ValueError…),
    and ValidationError for one that would unpack to more than ``MAX_UNPACKED_BYTES``."""
    _check_unpacked_size(path)
    reader = ExcelReader(str(path), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        yield Workbook(reader)
    finally:
        reader.archive.close()


def _check_unpacked_size(path: Path) -> None:
    """Declared sizes suffice: Python's zipfile never returns more than a member declares."""
    with zipfile.ZipFile(path) as archive:
        size = sum(member.file_size for member in archive.infolist())
    if size > MAX_UNPACKED_BYTES:
        raise ValidationError.single("file", N_("the archive unpacks to %(size)d bytes; at most %(limit)d are allowed"),
                                     size=size, limit=MAX_UNPACKED_BYTES)
