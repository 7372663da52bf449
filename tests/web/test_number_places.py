"""One figure reads the same wherever a reader meets it (docs/development.md, Decisions, "One way of
showing numbers"): a project's savings and money on its page, in the rollup's drill-down list, on the
rollup's page and in its workbook; targets as entered. The page had 万元 to 0.1 beside the rollup's
and the workbook's 0.01, Babel rounded half even (200.245 → 200.24) where Excel rounds half up
(200.25), and a target of 400,000 tce read 400,000.00."""
from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import text

from tests.integration import rollup_data
from tests.web.page_text import text_of
from tests.web.report_cells import as_excel_shows, page_row


def test_a_project_s_figures_read_the_same_on_its_page_its_drill_down_the_rollup_and_the_workbook(client, login, session):
    ids = rollup_data.load(session)
    session.execute(text("UPDATE projects SET savings_tce = 200.245, investment_wan_yuan = 120 WHERE reference = 'P2'"))
    login("planner")

    project = text_of(client.get(f"/projects/{ids['P2']}").get_data(as_text=True))
    assert "200.25 吨标准煤" in project  # half up, as Excel: not 200.24
    assert "投资 120.00 万元" in project  # 0.01 万元 as the rollup and the workbook: not 120.0

    drill = client.get("/rollups/projects?year=2013&rule=verified&kind=technical_retrofit").get_data(as_text=True)
    row = next(r for r in drill.split("<tr") if ">P2<" in r)
    assert "200.25" in text_of(row) and "200.24" not in text_of(row)

    rollup = page_row(client.get("/rollups?year=2013").get_data(as_text=True), "data figures", "节能技术改造")
    assert (rollup[2], rollup[4]) == ("200.25", "120.00")

    book = load_workbook(io.BytesIO(client.get("/rollups/export?year=2013&format=xlsx").data))
    header = [cell.value for cell in book["项目"][1]]
    line = next(r for r in book["项目"].iter_rows(min_row=2) if r[0].value == "P2")
    savings, investment = line[header.index("节能量，当量值（吨标准煤）")], line[header.index("投资（万元）")]
    assert as_excel_shows(savings.value, savings.number_format) == "200.25"
    assert as_excel_shows(investment.value, investment.number_format) == "120.00"


def test_targets_show_as_entered_with_their_column_s_decimal_points_aligned(client, login, session):
    rollup_data.load(session)
    rollup_data.add_target(session, "savings_tce", "400000", "tce")
    rollup_data.add_target(session, "energy_intensity_reduction_pct", "1.5", "%")
    login("admin")

    html = client.get("/rollups?year=2013").get_data(as_text=True)
    target = page_row(html, "data progress", "节能量合计（当量值）")[1]
    assert target == "400,000", target  # not 400,000.00
    assert page_row(html, "data progress", "单位增加值能耗下降")[1] == "1.5"
    # 400,000 keeps room for one decimal (".0", drawn by CSS, not text): its point is 1.5's
    assert re.search(r'400,000<span class="decimal-room" data-room=".0"></span>', html)

    targets = text_of(client.get("/targets?year=2013").get_data(as_text=True))
    assert "400,000 " in targets and "400,000.00" not in targets

    book = load_workbook(io.BytesIO(client.get("/rollups/export?year=2013&format=xlsx").data))
    line = next(r for r in book["目标完成情况"].iter_rows(min_row=2) if r[1].value == "吨标准煤" and r[3].value == 400000)
    assert line[3].number_format == "#,##0_._0"  # 400,000 and the width of ".0" left blank
    assert as_excel_shows(line[3].value, line[3].number_format) == "400,000"
