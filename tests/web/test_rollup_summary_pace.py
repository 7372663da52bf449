"""The workbook's summary against targets gives the expected pace of a metric with a target only."""
from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.integration import rollup_data


def test_the_summary_sheet_leaves_the_pace_of_a_metric_without_target_empty(client, login, session):
    # Every row of the demo's 2017 summary read 按进度应完成（%） 100, the 17 without a target too;
    # the page says "—" for them.
    rollup_data.load(session)
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce")
    login("planner")
    sheet = load_workbook(io.BytesIO(client.get("/rollups/export?year=2013&format=xlsx").data))["目标完成情况"]
    header = [cell.value for cell in sheet[1]]
    pace, target = header.index("按进度应完成（%）"), header.index("目标")
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert rows["节能技术改造节能量（当量值）"][target].value == 400 and rows["节能技术改造节能量（当量值）"][pace].value == 100
    without = [name for name, row in rows.items() if row[target].value is None]
    assert "项目（全部类型）" in without and [rows[name][pace].value for name in without] == [None] * len(without)
