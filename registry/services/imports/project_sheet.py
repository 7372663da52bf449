"""The project workbook: a template (Chinese headers with units, one sheet per kind, lists to
pick from) and the reading of a filled one (XLSX, or a CSV of one kind) into ``SheetRow``s, which
``project_rows`` turns into records.

Columns are found by header text, so their order may change. Motor groups take one row each:
rows sharing a 项目编号 are one project, as the template's notes say (``project_notes``).
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from openpyxl.utils import get_column_letter, range_boundaries

from registry.catalogues import translator
from registry.domain.energies import ENERGIES
from registry.domain.errors import N_, Listed, Message, ValidationError
from registry.domain.vocabulary import EMC_MODELS, PROJECT_STATUSES, SAVINGS_METHODS, STRUCTURAL_MODES
from registry.services.imports.project_notes import INTRO, NOTES, NOTES_SHEET

# (key, header) — headers carry their units.
COMMON = (
    ("reference", "项目编号"), ("title", "项目名称"), ("year", "年度"), ("status", "状态"),
    ("credit_code", "统一社会信用代码"), ("district_code", "区代码"), ("parcel_codes", "地块编号（逗号分隔）"),
    ("investment_wan_yuan", "总投资（万元）"), ("output_value_wan_yuan", "产值（万元）"),
    ("planned_completion", "计划完成日期"), ("completed_on", "完成日期"), ("verified_on", "核定日期"),
)
# Headers earlier templates wrote, still read: 核验日期 until the pages' word 核定 (已核定, 核定日期) was
# taken for the column too (2026-12-05).
FORMER_HEADERS = {"核验日期": "verified_on"}
KIND_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "structural_adjustment": (
        ("structural_mode", "调整方式"), ("baseline_year", "基准年"),
        ("electricity_10k_kwh", "上年用电（万千瓦时）"), ("raw_coal_t", "上年原煤（吨）"),
        ("natural_gas_10k_m3", "上年天然气（万立方米）"), ("fuel_oil_t", "上年燃料油（吨）")),
    "boiler_replacement": (
        ("fuel", "原燃料"), ("fuel_t", "原燃料年用量（吨）"), ("efficiency_before", "原锅炉效率"),
        ("efficiency_after", "新锅炉效率"), ("natural_gas_after_10k_m3", "替代后天然气（万立方米）")),
    "motor_upgrade": (
        ("count", "台数"), ("rated_kw", "额定功率（千瓦）"), ("load_factor", "负载率"),
        ("hours_per_year", "年运行时间（小时）"), ("efficiency_before", "改造前效率"),
        ("efficiency_after", "改造后效率"), ("remanufactured", "再制造（是/否）")),
    "technical_retrofit": (
        ("method", "核算方法"), ("electricity_before_10k_kwh", "改造前用电（万千瓦时）"),
        ("electricity_after_10k_kwh", "改造后用电（万千瓦时）"), ("intensity_before", "改造前单耗"),
        ("intensity_after", "改造后单耗"), ("intensity_unit", "单耗单位"), ("output_reporting", "报告期产量")),
    "cleaner_production": (
        ("natural_gas_before_10k_m3", "审核前天然气（万立方米）"),
        ("natural_gas_after_10k_m3", "审核后天然气（万立方米）")),
}
KIND_COLUMNS["contract_energy_management"] = KIND_COLUMNS["technical_retrofit"] + (("emc_model", "合同模式"),)
SHEET_NAMES = {
    "structural_adjustment": "产业结构调整", "boiler_replacement": "锅炉替代", "motor_upgrade": "高效电机",
    "technical_retrofit": "节能技术改造", "contract_energy_management": "合同能源管理",
    "cleaner_production": "清洁生产审核",
}
ENTERPRISE_SHEET = "企业"
ENTERPRISE_COLUMNS = (("credit_code", "统一社会信用代码"), ("name", "企业名称"), ("industry_code", "行业代码"),
                      ("district_code", "区代码"), ("address", "地址"))
_zh = translator("zh_Hans_CN")
# Lists to pick from: the code stored → the Chinese label the template offers. A filled sheet may
# hold either (the codes are what earlier templates offered, and what the CLI's CSVs carry).
CHOICES: dict[str, dict[str, str]] = {
    "status": {code: _zh(msgid) for code, msgid in PROJECT_STATUSES.items()},
    "structural_mode": {code: _zh(msgid) for code, msgid in STRUCTURAL_MODES.items()},
    "fuel": {code: _zh(ENERGIES[code].label) for code in ("raw_coal", "fuel_oil")},
    "method": {"measured": _zh(SAVINGS_METHODS["measured"]), "intensity": _zh(SAVINGS_METHODS["intensity"]),
               "ipmvp_b": "IPMVP 选项B", "ipmvp_c": "IPMVP 选项C"},
    "remanufactured": {"是": "是", "否": "否"},
    "emc_model": {code: _zh(msgid) for code, msgid in EMC_MODELS.items()},
    "intensity_unit": {"tce/t": "吨标准煤/吨", "tce/10^4 CNY": "吨标准煤/万元"},
}


def choice_code(key: str, text: str) -> str | None:
    """The code a cell of list ``key`` means: given as its label or as the code itself."""
    options = CHOICES[key]
    if text in options:
        return text
    return next((code for code, label in options.items() if label == text), None)
KIND_OF_SHEET = {v: k for k, v in SHEET_NAMES.items()}
HEADER_ROWS = 10  # the header is looked for in a sheet's first rows (a title may stand above it)


@dataclass(frozen=True)
class SheetProblem:
    row: int  # the row in its sheet, as Excel numbers it
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
        if i is None:
            return None
        return f"{get_column_letter(i + 1)}{self.row}" if self.sheet == "csv" else \
            f"{self.sheet}!{get_column_letter(i + 1)}{self.row}"


def template_bytes() -> bytes:
    """The empty workbook offered for download."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    for kind, name in SHEET_NAMES.items():
        sheet = book.create_sheet(name)
        columns = COMMON + KIND_COLUMNS[kind]
        sheet.append([header for _, header in columns])
        for index, (key, header) in enumerate(columns, start=1):
            sheet.cell(1, index).font = Font(bold=True)
            if header in NOTES:  # said where the column is typed in, and on the 说明 sheet
                sheet.cell(1, index).comment = Comment(NOTES[header], "registry", width=320, height=120)
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = 18
            if key in CHOICES:
                rule = DataValidation(type="list", formula1='"' + ",".join(CHOICES[key].values()) + '"',
                                      allow_blank=True)
                letter = sheet.cell(1, index).column_letter
                rule.add(f"{letter}2:{letter}100000")
                sheet.add_data_validation(rule)
        sheet.freeze_panes = "A2"
    enterprises = book.create_sheet(ENTERPRISE_SHEET)
    enterprises.append([header for _, header in ENTERPRISE_COLUMNS])
    _notes_sheet(book, Font)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _notes_sheet(book, font) -> None:
    """The 说明 sheet, first, so the workbook opens on it: what each non-obvious column means."""
    notes = book.create_sheet(NOTES_SHEET, 0)
    notes.append([INTRO])
    notes.append([])
    notes.append(["列", "说明"])
    for header, note in NOTES.items():
        notes.append([header, note])
    for cell in (notes["A1"], notes["A3"], notes["B3"]):
        cell.font = font(bold=True)
    notes.column_dimensions["A"].width = 22
    notes.column_dimensions["B"].width = 110


def read_rows(path: Path, kind: str | None = None) -> tuple[list[SheetRow], list[SheetRow]]:
    """(project rows, enterprise rows) of an XLSX workbook or of a CSV of one ``kind``.

    Sheets are known by their names (blanks around them ignored); the header is the first of a
    sheet's first rows that holds its key column (项目编号, or 统一社会信用代码 on the 企业 sheet), so
    a title row above it does no harm. A workbook without any known sheet, a sheet whose contents
    are missing from the file and a sheet with rows but no header are ``ValidationError``s on ``file``.
    """
    if Path(path).suffix.lower() == ".csv":
        text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
        table = enumerate(csv.reader(io.StringIO(text)), start=1)
        return list(rows_under_header(table, "csv", kind or "", COMMON + KIND_COLUMNS.get(kind or "", ()))), []
    from registry.services.imports.xlsx_rows import open_workbook

    with open_workbook(path) as book:
        if book.missing():
            raise ValidationError.single("file", N_("is damaged: the contents of sheet %(sheet)s are missing; "
                                                    "open the file in Excel and save it again"),
                                         sheet=book.missing()[0].strip())
        projects, enterprises, known = [], [], 0
        for title in book.sheets():
            name = title.strip()
            if name not in KIND_OF_SHEET and name != ENTERPRISE_SHEET:
                continue
            with closing(book.rows(title)) as table:  # closed (its zip member too) when a header is refused
                merged = book.merged.setdefault(title, [])
                if name == ENTERPRISE_SHEET:
                    enterprises.extend(rows_under_header(table, name, "enterprise", ENTERPRISE_COLUMNS, merged))
                else:
                    kind_of = KIND_OF_SHEET[name]
                    projects.extend(rows_under_header(table, name, kind_of, COMMON + KIND_COLUMNS[kind_of], merged))
            known += 1
        if not known:
            raise ValidationError.single("file", N_("has no sheet of the project template; expected sheets named "
                                                    "%(expected)s"),
                                         expected=Listed(tuple((*SHEET_NAMES.values(), ENTERPRISE_SHEET))))
        return projects, enterprises


def _blank(row) -> bool:
    return not row or all(v is None or str(v).strip() == "" for v in row)


def rows_under_header(table: Iterator[tuple[int, Any]], sheet: str, kind: str, columns,
                      merged: Sequence[str] = ()) -> Iterator[SheetRow]:
    """Rows under the header that hold anything; ``table`` gives (row number, values), ``columns``
    (key, header) pairs, the first the key column the header row is known by (a key may have
    several headers). A sheet with rows but no header is a ``ValidationError`` on ``file``."""
    known = {header_key(h): k for k, h in columns}
    known |= {header_key(h): k for h, k in FORMER_HEADERS.items() if k in known.values() and header_key(h) not in known}
    index: dict[str, int] | None = None
    before_header = False  # a row that holds something, above the header
    for number, row in table:
        if index is None:
            found = {known[header_key(h)]: i for i, h in enumerate(row or ())
                     if h is not None and header_key(h) in known}
            if columns[0][0] in found:
                _no_other_unit(sheet, number, row, columns)
                index = found
            elif not _blank(row):
                if number >= HEADER_ROWS:
                    _no_header(sheet, columns)
                before_header = True
            continue
        if not _blank(row):
            yield SheetRow(sheet, number, kind, tuple(row), index, merged)
    if index is None and before_header:
        _no_header(sheet, columns)


def header_key(text: Any) -> str:
    """A header as it is compared: after NFKC (a half-width bracket is the template's full-width one:
    额定功率(千瓦) is 额定功率（千瓦）) and without blanks (台 数 is 台数)."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split())


_BRACKETED = re.compile(r"(.+?)\((.*)\)")


def _no_other_unit(sheet: str, number: int, row, columns) -> None:
    """Refuse a header that is a template's header with something else in its brackets (总投资（元）
    for 总投资（万元）): left unread, as columns the template does not have are, every value of the
    column would be lost unsaid; read, they would be taken in the template's unit."""
    names = {m.group(1): header for _, header in columns if (m := _BRACKETED.fullmatch(header_key(header)))}
    for i, cell in enumerate(row or ()):
        typed = _BRACKETED.fullmatch(header_key(cell)) if cell is not None else None
        if typed and typed.group(1) in names and header_key(names[typed.group(1)]) != header_key(cell):
            raise ValidationError.single("file", N_("%(cell)s: the header %(header)s is not the template's "
                                                    "%(expected)s, whose unit the values are read in; write the "
                                                    "template's header, with the values in its unit"),
                                         cell=f"{sheet}!{get_column_letter(i + 1)}{number}", header=str(cell).strip(),
                                         expected=names[typed.group(1)])


def _no_header(sheet: str, columns) -> None:
    raise ValidationError.single("file", N_("sheet %(sheet)s: no header row in its first %(n)s rows; expected "
                                            "headers %(expected)s…"),
                                 sheet=sheet, n=HEADER_ROWS, expected=Listed(tuple(h for _, h in columns[:6])))


_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)], "\ufffd")
SHOWN_CHARS = 500


def shown(value: Any) -> str | None:
    """A cell's value as the error report shows it: control characters (which neither PostgreSQL
    text nor an XLSX cell can hold) replaced by U+FFFD, at most ``SHOWN_CHARS`` characters."""
    if value is None:
        return None
    if isinstance(value, datetime) and value.time() == time(0):  # a date cell
        value = value.date()
    text = str(value)
    return (text[:SHOWN_CHARS] + "…" if len(text) > SHOWN_CHARS else text).translate(_CONTROL)


def header_of(kind: str, key: str) -> str:
    """The header of ``key``'s column on a sheet of ``kind`` ("enterprise": the 企业 sheet); else ``key``."""
    for k, h in ENTERPRISE_COLUMNS if kind == "enterprise" else COMMON + KIND_COLUMNS.get(kind, ()):
        if k == key:
            return h
    return key
