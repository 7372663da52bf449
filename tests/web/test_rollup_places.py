"""The rollup's page shows each figure to the places its workbook shows it (presentation.PLACES,
docs/rollups.md "Pages and workbooks round alike"): the page had tce and 亩 to 0.1 and 万元 whole
beside the workbook's 0.01, so 1,000.24 read 1,000.2 on the page, and a workbook's 30.02 亩 read 30.0.
Targets read as entered on both (1,000 亩, not 1,000.00: docs/development.md "One way of showing numbers")."""
from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import text

from tests.integration import rollup_data
from tests.web.report_cells import as_excel_shows, page_row, sheet_row


def test_the_rollup_page_shows_each_figure_to_the_places_of_its_workbook(client, login, session):
    rollup_data.load(session)
    session.execute(text("UPDATE projects SET savings_tce = 200.2449, investment_wan_yuan = 300.456 WHERE reference = 'P2'"))
    session.execute(text("UPDATE projects SET freed_land_m2 = 20011 WHERE reference = 'P1'"))  # 30.0165 亩
    rollup_data.add_target(session, "freed_land_mu", "1000", "亩")
    rollup_data.add_target(session, "retrofit_savings_tce", "400", "tce")
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    book = load_workbook(io.BytesIO(client.get("/rollups/export?year=2013&format=xlsx").data))

    kind = sheet_row(book["分类"], "节能技术改造")
    shown = page_row(html, "data figures", "节能技术改造")
    assert (shown[2], shown[4]) == (as_excel_shows(*kind["节能量，当量值（吨标准煤）"]), as_excel_shows(*kind["投资（万元）"]))
    assert (shown[2], shown[4]) == ("200.24", "300.46"), shown  # not 200.2 and 300

    summary = book["目标完成情况"]
    for label, expected in (("产业结构调整腾出土地", ["1,000", "30.02"]), ("节能技术改造节能量（当量值）", ["400", "200.24"])):
        line = next(r for r in summary.iter_rows(min_row=2) if r[0].value == label and r[1].value in ("亩", "吨标准煤"))
        target, actual = line[3], line[5]
        shown = page_row(html, "data progress", label)
        assert [as_excel_shows(target.value, target.number_format), as_excel_shows(actual.value, actual.number_format)] == expected
        assert shown[1:3] == expected, (label, shown)
