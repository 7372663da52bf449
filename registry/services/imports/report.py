"""The error report of an import: one line per problem — row, field, value, reason in Chinese and
in English, action (refused or repaired) — as CSV (UTF-8 with BOM, so Excel reads the Chinese) or
XLSX."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterable, Protocol

from registry.domain.errors import Message, Translate
from registry.i18n import DEFAULT_LOCALE, cli_translator, presenter
from registry.services.spreadsheet_cells import append_xlsx_row, csv_rows

HEADERS = ("行号 row", "字段 field", "值 value", "原因", "reason", "处理 action")
# A workbook's report names each line's cell too, as Excel does (高效电机!M7), beside its row.
CELL_HEADER = "单元格 cell"
ACTIONS = {"refused": "拒绝 refused", "repaired": "已修复 repaired", "ignored": "未导入 ignored"}


class ReportLine(Protocol):
    row: int | None  # None: a line about a whole sheet of a workbook
    field: str
    value: str | None
    message: Message
    action: str
    label: tuple[Message, ...]  # the field's label (a file of parcels, zones, districts), else none


def field_text(line: ReportLine, translate: Translate = lambda msgid: msgid, beside_cell: bool = False) -> str:
    """The field of a line as a reader knows it: its label in their language (用地性质 / Land use),
    not the registry's name (land_use_class); a sheet's header as the sheet has it (高效电机.台数).
    ``beside_cell``: where the line's cell is shown too, which names the sheet (高效电机!M7), the
    header alone (台数), so the sheet is not said twice."""
    if line.label:
        return " / ".join(translate(label.msgid) for label in line.label)
    if beside_cell and getattr(line, "cell", None):
        return line.field.partition(".")[2] or line.field  # "<sheet>.<header>": a sheet's name holds no dot
    return line.field


def names_cells(problems: Iterable[ReportLine]) -> bool:
    """Whether the report has a cell column: some line names its cell (a workbook's report)."""
    return any(getattr(p, "cell", None) for p in problems)


def report_headers(problems: Iterable[ReportLine]) -> tuple[str, ...]:
    return (HEADERS[0], CELL_HEADER, *HEADERS[1:]) if names_cells(problems) else HEADERS


def report_rows(problems: Iterable[ReportLine]) -> Iterable[tuple]:
    """The report's lines, bilingual as its headers and actions: the field in one cell in Chinese
    and English (用地性质 Land use), the reason in a column of each language; after the row, the
    cell where some line names one (``report_headers``)."""
    problems = list(problems)
    cells = names_cells(problems)
    zh, show_zh, show_en = cli_translator("zh_CN"), presenter(DEFAULT_LOCALE), presenter("en")
    for p in problems:
        field = f"{field_text(p, zh)} {field_text(p)}" if p.label else field_text(p, beside_cell=True)
        line = ("" if p.row is None else p.row, field, p.value if p.value is not None else "", p.message.render(zh, show_zh),
                p.message.render(show=show_en), ACTIONS.get(p.action, p.action))
        yield (line[0], getattr(p, "cell", None) or "", *line[1:]) if cells else line


def csv_bytes(problems: Iterable[ReportLine]) -> bytes:
    problems = list(problems)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(report_headers(problems))
    writer.writerows(csv_rows(report_rows(problems)))  # the values are what the file held
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(problems: Iterable[ReportLine]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "错误报告 report"
    problems = list(problems)
    headers = report_headers(problems)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in report_rows(problems):
        append_xlsx_row(sheet, row)
    widths = (8, 16, 24, 50, 50, 14) if len(headers) == len(HEADERS) else (8, 16, 24, 24, 50, 50, 14)
    for column, width in zip("ABCDEFG", widths):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    book.close()
    return buffer.getvalue()


def write_report(path: Path, problems: Iterable[ReportLine]) -> None:
    """Write the report; XLSX when ``path`` ends in .xlsx, else CSV."""
    data = xlsx_bytes(problems) if Path(path).suffix.lower() == ".xlsx" else csv_bytes(problems)
    Path(path).write_bytes(data)
