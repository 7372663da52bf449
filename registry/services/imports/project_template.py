"""The project workbook's template: its sheets, their columns (Chinese headers that carry their
units), the lists to pick from, and the empty workbook offered for download — what a district
fills in. Reading a filled one is ``project_sheet``'s.
"""
from __future__ import annotations

import io

from registry.catalogues import translator
from registry.domain.energies import ENERGIES
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
# Fractions from 0 to 1, as the notes say (0.75 or 75%); a header with (%) added (负载率（%）) takes
# percentages instead (75): project_sheet reads which, typed_values the cells.
RATIO_KEYS = frozenset({"efficiency_before", "efficiency_after", "load_factor"})
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


def header_of(kind: str, key: str) -> str:
    """The header of ``key``'s column on a sheet of ``kind`` ("enterprise": the 企业 sheet); else ``key``."""
    for k, h in ENTERPRISE_COLUMNS if kind == "enterprise" else COMMON + KIND_COLUMNS.get(kind, ()):
        if k == key:
            return h
    return key


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
