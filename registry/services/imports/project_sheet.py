"""The project workbook: a template (Chinese headers with units, one sheet per kind, lists to
pick from) and the reading of a filled one (XLSX, or a CSV of one kind) into ``ProjectRecord``s.

Columns are found by header text, so their order may change. Motor groups take one row each:
rows sharing a 项目编号 are one project. Each sheet row becomes the accounting engine's input
document (docs/accounting.md); the engine, not this module, judges the numbers.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterator, Mapping

from registry.domain.errors import N_, Message
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES, STRUCTURAL_MODES
from registry.services.records import EnterpriseRecord, ProjectRecord

# (key, header) — headers carry their units.
COMMON = (
    ("reference", "项目编号"), ("title", "项目名称"), ("year", "年度"), ("status", "状态"),
    ("credit_code", "统一社会信用代码"), ("district_code", "区代码"), ("parcel_codes", "地块编号（逗号分隔）"),
    ("investment_wan_yuan", "总投资（万元）"), ("output_value_wan_yuan", "产值（万元）"),
    ("planned_completion", "计划完成日期"), ("completed_on", "完成日期"),
)
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
CHOICES = {
    "status": tuple(PROJECT_STATUSES), "structural_mode": tuple(STRUCTURAL_MODES),
    "fuel": ("raw_coal", "fuel_oil"), "method": ("measured", "intensity", "ipmvp_b", "ipmvp_c"),
    "remanufactured": ("是", "否"), "emc_model": ("shared_savings", "guaranteed_savings"),
    "intensity_unit": ("tce/t", "tce/10^4 CNY"),
}
KIND_OF_SHEET = {v: k for k, v in SHEET_NAMES.items()}


@dataclass(frozen=True)
class SheetProblem:
    row: int  # the row in its sheet (header = 1)
    field: str  # "<sheet>.<header>"
    value: str | None
    message: Message
    action: str = "refused"


@dataclass(frozen=True, slots=True)
class SheetRow:
    sheet: str
    row: int
    kind: str
    cells: tuple[Any, ...]
    columns: Mapping[str, int]  # key → position in ``cells``, shared by the rows of a sheet

    def get(self, key: str) -> Any:
        """The cell under ``key``'s header (None when the sheet has no such column or the row stops short)."""
        i = self.columns.get(key)
        return self.cells[i] if i is not None and i < len(self.cells) else None


def template_bytes() -> bytes:
    """The empty workbook offered for download."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    for kind, name in SHEET_NAMES.items():
        sheet = book.create_sheet(name)
        columns = COMMON + KIND_COLUMNS[kind]
        sheet.append([header for _, header in columns])
        for index, (key, _header) in enumerate(columns, start=1):
            sheet.cell(1, index).font = Font(bold=True)
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = 18
            if key in CHOICES:
                rule = DataValidation(type="list", formula1='"' + ",".join(CHOICES[key]) + '"', allow_blank=True)
                letter = sheet.cell(1, index).column_letter
                rule.add(f"{letter}2:{letter}100000")
                sheet.add_data_validation(rule)
        sheet.freeze_panes = "A2"
    enterprises = book.create_sheet(ENTERPRISE_SHEET)
    enterprises.append([header for _, header in ENTERPRISE_COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_rows(path: Path, kind: str | None = None) -> tuple[list[SheetRow], list[SheetRow]]:
    """(project rows, enterprise rows) of an XLSX workbook or of a CSV of one ``kind``."""
    if Path(path).suffix.lower() == ".csv":
        text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
        table = enumerate(csv.reader(io.StringIO(text)), start=1)
        return list(_rows(table, "csv", kind or "")), []
    from registry.services.imports.xlsx_rows import open_workbook

    with open_workbook(path) as book:
        projects, enterprises = [], []
        for title in book.sheets():
            if title == ENTERPRISE_SHEET:
                enterprises.extend(_rows(book.rows(title), title, "enterprise", ENTERPRISE_COLUMNS))
            elif title in KIND_OF_SHEET:
                projects.extend(_rows(book.rows(title), title, KIND_OF_SHEET[title]))
        return projects, enterprises


def _rows(table: Iterator[tuple[int, Any]], sheet: str, kind: str, columns=None) -> Iterator[SheetRow]:
    """Rows under the header (row 1) that hold anything; ``table`` gives (row number, values)."""
    known = {h: k for k, h in (columns or COMMON + KIND_COLUMNS.get(kind, ()))}
    index: dict[str, int] | None = None
    for number, row in table:
        if index is None:
            header = row if number == 1 else ()
            index = {known[str(h).strip()]: i for i, h in enumerate(header)
                     if h is not None and str(h).strip() in known}
            if number == 1:
                continue
        if not row or all(v is None or str(v).strip() == "" for v in row):
            continue
        yield SheetRow(sheet, number, kind, tuple(row), index)


def header_of(kind: str, key: str) -> str:
    for k, h in COMMON + KIND_COLUMNS.get(kind, ()) + ENTERPRISE_COLUMNS:
        if k == key:
            return h
    return key


class RowReader:
    """Typed values of one sheet row; problems are collected, naming sheet, row and header."""

    def __init__(self, row: SheetRow) -> None:
        self.row = row
        self.problems: list[SheetProblem] = []

    def _bad(self, key: str, msgid: str, **params) -> None:
        value = self.row.get(key)
        self.problems.append(SheetProblem(self.row.row, f"{self.row.sheet}.{header_of(self.row.kind, key)}",
                                          None if value is None else str(value), Message(msgid, params)))

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.row.get(key)
        if value is None or str(value).strip() == "":
            if required:
                self._bad(key, N_("is required"))
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def number(self, key: str, required: bool = False) -> Decimal | None:
        text = self.text(key, required)
        if text is None:
            return None
        try:
            number = Decimal(text.replace(",", ""))
            if not number.is_finite():
                raise InvalidOperation
            return number
        except InvalidOperation:
            self._bad(key, N_("must be a number, got %(value)r"), value=text)
            return None

    def integer(self, key: str, required: bool = False) -> int | None:
        number = self.number(key, required)
        if number is not None and number != number.to_integral_value():
            self._bad(key, N_("must be a whole number"))
            return None
        return int(number) if number is not None else None

    def day(self, key: str) -> date | None:
        value = self.row.get(key)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = self.text(key)
        if text is None:
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            self._bad(key, N_("must be a date as YYYY-MM-DD, got %(value)r"), value=text)
            return None

    def choice(self, key: str, allowed: tuple[str, ...], required: bool = False) -> str | None:
        text = self.text(key, required)
        if text is not None and text not in allowed:
            self._bad(key, N_("unknown value %(value)s; allowed: %(allowed)s"), value=text, allowed=", ".join(allowed))
            return None
        return text


def enterprise_record(row: SheetRow) -> tuple[EnterpriseRecord | None, list[SheetProblem]]:
    r = RowReader(row)
    code, name = r.text("credit_code", required=True), r.text("name", required=True)
    record = EnterpriseRecord(code or "", name or "", r.text("industry_code"), r.text("district_code"),
                              r.text("address")) if code and name else None
    return record, r.problems


def project_record(rows: list[SheetRow]) -> tuple[ProjectRecord | None, list[SheetProblem]]:
    """One project from its row (several rows for motor groups)."""
    first = RowReader(rows[0])
    kind = rows[0].kind
    if kind not in PROJECT_KINDS:
        first._bad("reference", N_("unknown value %(value)s; allowed: %(allowed)s"), value=kind or "-",
                   allowed=", ".join(PROJECT_KINDS))
        return None, first.problems
    year = first.integer("year", required=True)
    readers = [first] + [RowReader(row) for row in rows[1:]]
    inputs = _inputs(kind, year, readers)
    codes = first.text("parcel_codes") or ""
    record = ProjectRecord(
        reference=first.text("reference", required=True) or "", title=first.text("title", required=True) or "",
        kind=kind, year=year or 0, status=first.choice("status", CHOICES["status"]) or "draft",
        enterprise_credit_code=first.text("credit_code", required=True) or "",
        district_code=first.text("district_code", required=True) or "", inputs=inputs,
        parcel_codes=tuple(c.strip() for c in codes.replace("，", ",").split(",") if c.strip()),
        structural_mode=first.choice("structural_mode", CHOICES["structural_mode"]) if kind == "structural_adjustment" else None,
        investment_wan_yuan=first.number("investment_wan_yuan"), output_value_wan_yuan=first.number("output_value_wan_yuan"),
        planned_completion=first.day("planned_completion"), completed_on=first.day("completed_on"),
    )
    problems = [p for reader in readers for p in reader.problems]
    return (None if problems else record), problems


def _line(energy: str, quantity: Decimal | None, unit: str) -> list[dict]:
    return [{"energy": energy, "quantity": str(quantity), "unit": unit}] if quantity is not None else []


def _inputs(kind: str, year: int | None, readers: list[RowReader]) -> dict[str, Any]:
    r = readers[0]
    doc: dict[str, Any] = {"kind": kind, "year": year}
    if kind == "structural_adjustment":
        doc["baseline_year"] = r.integer("baseline_year") or (year - 1 if year else None)
        doc["energy_use"] = (_line("electricity", r.number("electricity_10k_kwh"), "10^4 kWh")
                             + _line("raw_coal", r.number("raw_coal_t"), "t")
                             + _line("natural_gas", r.number("natural_gas_10k_m3"), "10^4 m3")
                             + _line("fuel_oil", r.number("fuel_oil_t"), "t"))
    elif kind == "boiler_replacement":
        doc["energy_before"] = _line(r.choice("fuel", CHOICES["fuel"], required=True) or "raw_coal",
                                     r.number("fuel_t", required=True), "t")
        gas = r.number("natural_gas_after_10k_m3")
        if gas is not None:
            doc["energy_after"] = _line("natural_gas", gas, "10^4 m3")
        else:
            doc["efficiency_before"] = str(r.number("efficiency_before", required=True))
            doc["efficiency_after"] = str(r.number("efficiency_after", required=True))
    elif kind == "motor_upgrade":
        doc["motors"] = [{
            "count": m.integer("count", required=True), "rated_kw": str(m.number("rated_kw", required=True)),
            "load_factor": str(m.number("load_factor", required=True)),
            "hours_per_year": str(m.number("hours_per_year", required=True)),
            "efficiency_before": str(m.number("efficiency_before", required=True)),
            "efficiency_after": str(m.number("efficiency_after", required=True)),
            "remanufactured": m.choice("remanufactured", CHOICES["remanufactured"]) == "是",
        } for m in readers]
    elif kind in ("technical_retrofit", "contract_energy_management"):
        method = r.choice("method", CHOICES["method"]) or "measured"
        doc["method"] = method
        if method == "intensity":
            doc |= {"intensity_before": str(r.number("intensity_before", required=True)),
                    "intensity_after": str(r.number("intensity_after", required=True)),
                    "intensity_unit": r.choice("intensity_unit", CHOICES["intensity_unit"]) or "tce/t",
                    "output_reporting": str(r.number("output_reporting", required=True))}
        else:
            doc["energy_before"] = _line("electricity", r.number("electricity_before_10k_kwh", required=True), "10^4 kWh")
            doc["energy_after"] = _line("electricity", r.number("electricity_after_10k_kwh", required=True), "10^4 kWh")
        if kind == "contract_energy_management":
            doc["emc_model"] = r.choice("emc_model", CHOICES["emc_model"], required=True)
    else:
        before, after = r.number("natural_gas_before_10k_m3"), r.number("natural_gas_after_10k_m3")
        if before is not None or after is not None:
            doc["energy_before"] = _line("natural_gas", before or Decimal(0), "10^4 m3")
            doc["energy_after"] = _line("natural_gas", after or Decimal(0), "10^4 m3")
    return doc
