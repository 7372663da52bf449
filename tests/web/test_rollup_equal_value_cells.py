"""Absent figures of the rollup read "—": a 等价值 cell whose projects with a figure sum to 0 while others
have none (not 0.00), and a drill-down project without a savings calculation (not an empty cell)."""
from __future__ import annotations

from sqlalchemy import text

from tests.integration import rollup_data
from tests.web.report_cells import body_rows


def _table(html: str, heading: str, until: str) -> dict[str, list[str]]:
    return body_rows(html[html.index(f"<h2>{heading}</h2>"):html.index(until)])


def test_a_district_whose_only_equal_value_is_an_audits_zero_reads_a_dash(client, login, session):
    # The demo's 松江区 in 2017 read 0.00 (其中 2 个项目缺等价值) beside 9,902.04 当量值: its two closures
    # of 2016 have no 等价值, its cleaner-production audit saved 0 on both bases. Here 闵行区 in 2013:
    # the audit P5 (0, 0) and P3, P4 and P10 without one.
    rollup_data.load(session)
    session.execute(text("UPDATE projects SET savings_tce_equal_value = NULL WHERE reference IN ('P3', 'P4')"))
    login("planner")
    html = client.get("/rollups?year=2013").get_data(as_text=True)
    districts = _table(html, "分区", "各区节能量（地图）")
    assert districts["闵行区"][:3] == ["4", "165.00", "— 其中 3 个项目缺等价值"]
    assert districts["浦东新区"][:3] == ["2", "1,200.00", "1,760.00"]  # all known: its figure
    kinds = _table(html, "分类", "<h2>分区</h2>")
    assert kinds["清洁生产审核"][:3] == ["1", "0.00", "0.00"]  # an audit alone: its 0 is known
    assert kinds["合计"][2] == "1,760.00 其中 3 个项目缺等价值"  # some known, not 0: the partial sum


def test_a_project_without_a_savings_calculation_reads_a_dash_in_the_drill_down(client, login, session):
    # The demo's cleaner-production audit of 松江区 (无能耗数据) had an empty calculation cell, on a phone
    # a line 节能量计算式（当量值，吨标准煤）： with nothing after it, where every other absent figure reads "—".
    rollup_data.load(session)  # written with plain SQL: no trace
    login("planner")
    html = client.get("/rollups/projects?year=2013&kind=cleaner_production").get_data(as_text=True)
    cell = html.split('<td class="worked whole"')[1].split("</td>")[0]
    assert cell.endswith(">—") and "<code>" not in cell
