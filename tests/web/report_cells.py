"""Reading a report as its readers do: a page's table row, a workbook's cells as Excel shows them."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from tests.web.page_text import text_of


def as_excel_shows(value: float, number_format: str) -> str:
    """A cell's number as Excel shows it in a "#,##0.00"-style format: grouped, rounded half up (a
    blank of a character's width, "_0", adds no digit: "#,##0_._0" shows 400,000)."""
    places = len(re.sub(r"_.", "", number_format).partition(".")[2])
    return f"{Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,f}"


def page_row(html: str, table: str, label: str) -> list[str]:
    """The cells' texts of the row of ``label`` in the page's table whose class is ``table``."""
    body = html.split(f'<table class="{table}">')[1].split("</table>")[0]
    # the label ends its cell or comes before the unit: 产业结构调整项目（项）, Projects (projects)
    row = next(r for r in body.split("<tr") if any(f">{label}{after}" in r for after in ("<", " <", "（", " (")))
    return [text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def body_rows(table: str) -> dict[str, list[str]]:
    """The text of each body row of a table's HTML, by its first cell."""
    return {cells[0]: cells[1:] for cells in (
        [text_of(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table[table.index("<tbody>"):], re.S))}


def sheet_row(sheet, label: str) -> dict[str, tuple[float, str]]:
    """A workbook row by its first cell: each figure's (value, number format) under its header."""
    header = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == label)
    return {header[i]: (cell.value, cell.number_format) for i, cell in enumerate(row) if isinstance(cell.value, (int, float))}
