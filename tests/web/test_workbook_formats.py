"""The workbooks the registry writes show each unit's figures in one number format on every sheet
(registry/services/sheet_formats.py): the rollup report's kW stood with 2 decimals on three sheets
and whole on the summary, its tce with 2 and 1, its 亩 with 1 where the freed-land export has 2.
Targets are shown as entered (400,000 tce, not 400,000.00: docs/development.md "One way of showing
numbers"); a figure may keep blank room for its column's other decimals ("_0"), which shows nothing."""
from __future__ import annotations

import io
import re
from collections import defaultdict

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from tests.integration import rollup_data

# The formats decided, written out here rather than read from the module under test.
PROMISED = {"tce": "#,##0.00", "kW": "#,##0.0", "万元": "#,##0.00", "亿元": "#,##0.00", "亩": "#,##0.00",
            "m²": "#,##0", "km²": "#,##0.000", "%": "#,##0.0", "亿元/km²": "#,##0.0", "count": "#,##0"}
# A column's unit by the end of its header, in Chinese and in English.
HEADER_UNITS = {"（吨标准煤）": "tce", "(tce)": "tce", "（千瓦）": "kW", "(kW)": "kW", "（万元）": "万元",
                "(10,000 yuan)": "万元", "（亩）": "亩", "(mu)": "亩", "（m²）": "m²", "(m²)": "m²",
                "（项）": "count", "(count)": "count"}
# A summary line's unit by the name its unit column gives it.
SUMMARY_UNITS = {"吨标准煤": "tce", "tce": "tce", "千瓦": "kW", "kW": "kW", "亿元": "亿元", "100 million yuan": "亿元",
                 "亩": "亩", "mu": "亩", "km²": "km²", "%": "%", "亿元/km²": "亿元/km²", "100 million yuan/km²": "亿元/km²",
                 "项": "count", "projects": "count", "台": "count", "boilers": "count", "家": "count", "enterprises": "count"}
SUMMARY_FIGURES = (5, 8)  # actual, reported actual (0-based)
SUMMARY_TARGETS = (3, 4)  # target, its upper end: as entered


def shown_format(number_format: str) -> str:
    """What a number format shows: without the blank room ("_0", "_.") kept for a column's alignment."""
    return re.sub(r"_.", "", number_format)


def formats_by_unit(content: bytes) -> dict[str, set[tuple[str, str]]]:
    """Each unit's (sheet, number format) pairs over every figure of the workbook."""
    seen = defaultdict(set)
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        rows = list(sheet.iter_rows())
        for column, header in enumerate(rows[0]):
            unit = next((u for mark, u in HEADER_UNITS.items() if str(header.value).endswith(mark)), None)
            for row in rows[1:] if unit else ():
                if isinstance(row[column].value, (int, float)):
                    seen[unit].add((sheet.title, shown_format(row[column].number_format)))
        if sheet.title in ("目标完成情况", "Summary vs targets"):
            for row in rows[1:]:
                for column in SUMMARY_FIGURES:
                    if isinstance(row[column].value, (int, float)):
                        seen[SUMMARY_UNITS[row[1].value]].add((sheet.title, shown_format(row[column].number_format)))
                for column in SUMMARY_TARGETS:
                    if isinstance(row[column].value, (int, float)):
                        seen["as entered"].add((sheet.title, shown_format(row[column].number_format)))
    return seen


def assert_promised(seen: dict[str, set[tuple[str, str]]]) -> None:
    for unit, found in seen.items():
        if unit == "as entered":
            continue
        assert {number_format for _sheet, number_format in found} == {PROMISED[unit]}, (unit, sorted(found))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_rollup_workbook_shows_each_unit_alike_on_every_sheet(client, login, session, lang):
    rollup_data.load(session)
    for metric, value, unit in (("savings_tce", "1500", "tce"), ("motor_kw", "1000", "kW"),
                                ("cleaner_production_investment_yi_yuan", "0.5", "亿元"),
                                ("freed_land_mu", "40", "亩"), ("projects_total", "12", "项")):
        rollup_data.add_target(session, metric, value, unit)
    login("admin")
    assert client.post("/rollups/close", data={"year": "2013", "rule": "verified"}).status_code == 302
    session.execute(text("UPDATE projects SET savings_tce = 210 WHERE reference = 'P2'"))  # an adjustments sheet
    seen = formats_by_unit(client.get(f"/rollups/export?year=2013&format=xlsx&lang={lang}").data)
    assert_promised(seen)
    # the targets were entered whole (1500 tce, 12 projects) or with one place (0.5 亿元): shown so
    assert {number_format for _sheet, number_format in seen.pop("as entered")} == {"#,##0", "#,##0.0"}
    sheets = {unit: {sheet for sheet, _ in found} for unit, found in seen.items()}
    assert set(seen) >= {"tce", "kW", "万元", "亿元", "亩", "count"}
    assert len(sheets["tce"]) == 5 and len(sheets["kW"]) == 4 and len(sheets["亩"]) == 4, sheets  # summary too


def test_the_freed_land_workbook_shows_areas_as_the_rollup_does(client, ids, login):
    login("planner")
    response = client.get("/api/v1/land/freed/export.xlsx")
    assert response.status_code == 200, response.status_code
    seen = formats_by_unit(response.data)
    assert set(seen) == {"m²", "亩"}
    assert_promised(seen)
