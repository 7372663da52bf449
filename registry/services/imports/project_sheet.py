"""The reading of a filled project workbook (XLSX, or a CSV of one kind; its template is
``project_template``'s) into ``SheetRow``s, which ``project_rows`` turns into records.

Columns are found by header text, so their order may change. Motor groups take one row each:
rows sharing a 项目编号 are one project, as the template's notes say (``project_notes``).
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping, Sequence

from openpyxl.utils import get_column_letter, range_boundaries

from registry.domain.errors import N_, Listed, Message, ValidationError
from registry.services.imports.project_notes import NOTES_SHEET
from registry.services.imports.project_template import (
    COMMON, ENTERPRISE_COLUMNS, ENTERPRISE_SHEET, FORMER_HEADERS, KIND_COLUMNS, KIND_OF_SHEET, RATIO_KEYS, SHEET_NAMES,
)
from registry.services.imports.xlsx_rows import Percent, open_workbook

CSV = "csv"  # the sheet a CSV's rows are read as of (a CSV has none: its cells are H2, not csv!H2)
HEADER_ROWS = 10  # the header is looked for in a sheet's first rows (a title may stand above it)
NOT_IN_TEMPLATE = N_("column “%(header)s” is not in the template: not imported")
SHEET_NOT_IN_TEMPLATE = N_("sheet not in the template: not imported (only the template's sheets are: %(expected)s)")
TEMPLATE_SHEETS = Listed(tuple((*SHEET_NAMES.values(), ENTERPRISE_SHEET)))
_NO_PERCENT: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class SheetProblem:
    row: int | None  # the row in its sheet, as Excel numbers it; None: a notice of a whole sheet
    field: str  # "<sheet>.<header>"
    value: str | None
    message: Message
    action: str = "refused"
    label: tuple[Message, ...] = ()  # none: the field is named by the sheet's own header
    cell: str | None = None  # as Excel names it (高效电机!M7); none where the sheet has no such column


@dataclass(frozen=True, slots=True)
class SheetRow:
    sheet: str
    row: int
    kind: str
    cells: tuple[Any, ...]
    columns: Mapping[str, int]  # key → position in ``cells``, shared by the rows of a sheet
    merged: Sequence[str] = ()  # the sheet's merged ranges (A2:A3), shared; filled once the sheet is read
    percent: Mapping[str, str] = field(default_factory=dict)  # key → header, of ratios headed in percent (负载率（%）)

    def get(self, key: str) -> Any:
        """The cell under ``key``'s header (None when the sheet has no such column or the row stops short)."""
        i = self.columns.get(key)
        return self.cells[i] if i is not None and i < len(self.cells) else None

    def merged_over(self, key: str) -> tuple[str, str] | None:
        """(range, first cell) of merged cells holding ``key``'s cell, not first: empty whatever the screen shows."""
        i = self.columns.get(key)
        for ref in self.merged if i is not None else ():
            left, top, right, bottom = range_boundaries(ref)
            if left <= i + 1 <= right and top <= self.row <= bottom and (i + 1, self.row) != (left, top):
                return ref, f"{get_column_letter(left)}{top}"
        return None

    def cell(self, key: str) -> str | None:
        """The cell under ``key``'s header as Excel names it (高效电机!M7; M7 in a CSV), None without that column."""
        i = self.columns.get(key)
        return None if i is None else cell_name(self.sheet, i, self.row)


def field_name(sheet: str, header: str) -> str:
    """A problem's field as the report names it: 高效电机.额定功率（千瓦）; 额定功率（千瓦） in a CSV, which has no sheet."""
    return header if sheet == CSV else f"{sheet}.{header}"


def cell_name(sheet: str, position: int, row: int) -> str:
    """The cell at ``position`` (0: column A) of ``row`` as Excel names it: 高效电机!M7; M7 in a CSV."""
    cell = f"{get_column_letter(position + 1)}{row}"
    return cell if sheet == CSV else f"{sheet}!{cell}"


def read_rows(path: Path, kind: str | None = None) -> tuple[list[SheetRow], list[SheetRow], list[SheetProblem]]:
    """(project rows, enterprise rows, notices of the columns and sheets left unread as not in the
    template) of an XLSX workbook or of a CSV of one ``kind``.

    Sheets are known by their names (blanks around them ignored); the header is the first of a
    sheet's first rows that holds its key column (项目编号, or 统一社会信用代码 on the 企业 sheet), so
    a title row above it does no harm. A workbook without any known sheet, a sheet whose contents
    are missing from the file and a sheet with rows but no header are ``ValidationError``s on ``file``.
    """
    if Path(path).suffix.lower() == ".csv":
        text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
        table = enumerate(csv.reader(io.StringIO(text)), start=1)
        ignored: list[SheetProblem] = []
        rows = list(rows_under_header(table, CSV, kind or "", COMMON + KIND_COLUMNS.get(kind or "", ()),
                                      ignored=ignored))
        return rows, [], ignored
    with open_workbook(path) as book:
        if book.missing():
            raise ValidationError.single("file", N_("is damaged: the contents of sheet %(sheet)s are missing; "
                                                    "open the file in Excel and save it again"),
                                         sheet=book.missing()[0].strip())
        projects, enterprises, ignored, known = [], [], [], 0
        for title in book.sheets():
            name = title.strip()
            if name not in KIND_OF_SHEET and name != ENTERPRISE_SHEET:
                if name != NOTES_SHEET and _holds_anything(book, title):
                    ignored.append(SheetProblem(None, name, shown(name), Message(SHEET_NOT_IN_TEMPLATE, {
                        "expected": TEMPLATE_SHEETS}), action="ignored"))
                continue
            with closing(book.rows(title)) as table:  # closed (its zip member too) when a header is refused
                merged = book.merged.setdefault(title, [])
                if name == ENTERPRISE_SHEET:
                    enterprises.extend(rows_under_header(table, name, "enterprise", ENTERPRISE_COLUMNS, merged,
                                                         ignored))
                else:
                    kind_of = KIND_OF_SHEET[name]
                    projects.extend(rows_under_header(table, name, kind_of, COMMON + KIND_COLUMNS[kind_of], merged,
                                                      ignored))
            known += 1
        if not known:
            raise ValidationError.single("file", N_("has no sheet of the project template; expected sheets named "
                                                    "%(expected)s"), expected=TEMPLATE_SHEETS)
        return projects, enterprises, ignored


def _blank(row) -> bool:
    return not row or all(v is None or str(v).strip() == "" for v in row)


def _holds_anything(book, title: str) -> bool:
    """Whether a sheet holds a value (read up to its first): an empty Sheet2 loses nothing unread."""
    with closing(book.rows(title)) as table:
        return any(not _blank(row) for _number, row in table)


def rows_under_header(table: Iterator[tuple[int, Any]], sheet: str, kind: str, columns,
                      merged: Sequence[str] = (), ignored: list[SheetProblem] | None = None) -> Iterator[SheetRow]:
    """Rows under the header that hold anything; ``table`` gives (row number, values), ``columns``
    (key, header) pairs, the first the key column the header row is known by (a key may have
    several headers; a ratio's header with (%) added, 负载率（%）, is its column in percent). A sheet
    with rows but no header is a ``ValidationError`` on ``file``. A column the template does not
    have (备注) is left unread, and ``ignored`` (if given) gets a notice saying so for each."""
    known = {header_key(h): k for k, h in columns}
    known |= {header_key(h): k for h, k in FORMER_HEADERS.items() if k in known.values() and header_key(h) not in known}
    in_percent = {header_key(f"{h}(%)"): k for k, h in columns if k in RATIO_KEYS}
    index: dict[str, int] | None = None
    percent: Mapping[str, str] = _NO_PERCENT
    before_header = False  # a row that holds something, above the header
    for number, row in table:
        if index is None:
            found, percent, unknown = _header_cells(row, known, in_percent)
            if columns[0][0] in found:
                _no_other_unit(sheet, number, row, columns, in_percent)
                _each_once(sheet, number, row, columns, known | in_percent)
                index = found
                if ignored is not None:
                    ignored.extend(SheetProblem(number, field_name(sheet, header), shown(header),
                                                Message(NOT_IN_TEMPLATE, {"header": shown(header)}), action="ignored",
                                                cell=cell_name(sheet, i, number)) for i, header in unknown)
            elif not _blank(row):
                if number >= HEADER_ROWS:
                    _no_header(sheet, columns)
                before_header = True
            continue
        if not _blank(row):
            yield SheetRow(sheet, number, kind, tuple(row), index, merged, percent)
    if index is None and before_header:
        _no_header(sheet, columns)


def _header_cells(row, known: Mapping[str, str], in_percent: Mapping[str, str]):
    """Of a row read as the header: (key → position, key → header of the ratios given in percent,
    [(position, header)] of the headers the template does not have)."""
    found: dict[str, int] = {}
    percent: dict[str, str] = {}
    unknown: list[tuple[int, str]] = []
    for i, cell in enumerate(row or ()):
        if cell is None or not str(cell).strip():
            continue
        key = header_key(cell)
        if key in known:
            found[known[key]] = i
        elif key in in_percent:
            found[in_percent[key]] = i
            percent[in_percent[key]] = str(cell).strip()
        else:
            unknown.append((i, str(cell).strip()))
    return found, (percent or _NO_PERCENT), unknown


def header_key(text: Any) -> str:
    """A header as it is compared: after NFKC (a half-width bracket is the template's full-width one:
    额定功率(千瓦) is 额定功率（千瓦）) and without blanks (台 数 is 台数)."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


_BRACKETED = re.compile(r"(.+?)\((.*)\)")


def _no_other_unit(sheet: str, number: int, row, columns, in_percent: Mapping[str, str]) -> None:
    """Refuse a header that is a template's header with something else in its brackets (总投资（元）
    for 总投资（万元）; 负载率（千瓦） for 负载率, which takes (%) only): left unread, as columns the
    template does not have are, every value of the column would be lost; read, they would be taken
    in the template's unit."""
    names = {m.group(1): header for _, header in columns if (m := _BRACKETED.fullmatch(header_key(header)))}
    names |= {header_key(header): header for key, header in columns if key in RATIO_KEYS}
    for i, cell in enumerate(row or ()):
        typed = _BRACKETED.fullmatch(header_key(cell)) if cell is not None else None
        if typed and typed.group(1) in names and header_key(names[typed.group(1)]) != header_key(cell) \
                and header_key(cell) not in in_percent:
            raise ValidationError.single("file", N_("%(cell)s: the header %(header)s is not the template's "
                                                    "%(expected)s, whose unit the values are read in; write the "
                                                    "template's header, with the values in its unit"),
                                         cell=cell_name(sheet, i, number), header=str(cell).strip(),
                                         expected=names[typed.group(1)])


def _each_once(sheet: str, number: int, row, columns, known: Mapping[str, str]) -> None:
    """Refuse a header row that heads two columns with one of the template's (项目名称 twice, or
    负载率 and 负载率（%）): one of them would be read and the other dropped unsaid."""
    seen: dict[str, int] = {}
    for i, cell in enumerate(row or ()):
        key = known.get(header_key(cell)) if cell is not None else None
        if key is None:
            continue
        if key in seen:
            raise ValidationError.single("file", N_("%(first)s and %(second)s are both headed as the template's "
                                                    "“%(header)s”, and only one can be read; delete or rename one "
                                                    "of them"),
                                         first=cell_name(sheet, seen[key], number), second=cell_name(sheet, i, number),
                                         header=next(h for k, h in columns if k == key))
        seen[key] = i


NO_HEADER_IN_CSV = N_("has no header row in its first %(n)s rows; expected headers %(expected)s…")
NO_HEADER_IN_SHEET = N_("sheet %(sheet)s: no header row in its first %(n)s rows; expected headers %(expected)s…")


def _no_header(sheet: str, columns) -> None:
    """A sheet, or a CSV (which has none to name: the file has no header row), without its header."""
    expected = Listed(tuple(h for _, h in columns[:6]))
    if sheet == CSV:
        raise ValidationError.single("file", NO_HEADER_IN_CSV, n=HEADER_ROWS, expected=expected)
    raise ValidationError.single("file", NO_HEADER_IN_SHEET, sheet=sheet, n=HEADER_ROWS, expected=expected)


_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)], "\ufffd")
SHOWN_CHARS = 500


def shown(value: Any) -> str | None:
    """A cell's value as the error report shows it: control characters (which neither PostgreSQL
    text nor an XLSX cell can hold) replaced by U+FFFD, at most ``SHOWN_CHARS`` characters; a
    percentage as the cell shows it (150%, not 1.5)."""
    if value is None:
        return None
    if isinstance(value, datetime) and value.time() == time(0):  # a date cell
        value = value.date()
    elif isinstance(value, Percent):
        value = value.typed()
    text = str(value)
    return (text[:SHOWN_CHARS] + "…" if len(text) > SHOWN_CHARS else text).translate(_CONTROL)
