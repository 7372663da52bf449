"""The rollup's money on the dashboard and in its downloads, in both languages."""
from __future__ import annotations

import csv
import io
import re

from openpyxl import load_workbook
from sqlalchemy import text

from tests.integration import rollup_data
from tests.web.page_text import text_of


def _with_subsidies(session) -> None:
    rollup_data.load(session)
    session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 1234.5, subsidy_requested_wan_yuan = 1300 "
                         "WHERE reference = 'P1'"))  # 310115, structural adjustment
    session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 30.125, subsidy_requested_wan_yuan = 30 "
                         "WHERE reference = 'P3'"))  # 310112, EMC
    session.execute(text("UPDATE projects SET subsidy_requested_wan_yuan = 999 WHERE reference = 'P9'"))  # not counted


def _panel(html: str, heading: str) -> list[str]:
    panel = html[html.index(f"<h2>{heading}</h2>"):]
    return text_of(panel[:panel.index("</section>")]).split()


def test_the_dashboard_shows_the_subsidies_by_kind_and_by_district(client, login, session):
    _with_subsidies(session)
    login("planner")
    words = _panel(client.get("/rollups?year=2013").get_data(as_text=True), "补贴")
    assert words[:4] == ["补贴", "类型", "批准补贴（万元）", "申请补贴（万元）"]
    text_ = " ".join(words)
    assert "产业结构调整（淘汰落后产能） 1,234.50 1,300.00" in text_
    assert "合同能源管理 30.13 30.00" in text_  # to 0.01 万元, half up
    assert "浦东新区 1,234.50 1,300.00" in text_ and "闵行区 30.13 30.00" in text_
    assert text_.count("合计 1,264.63 1,330.00") == 2  # P9's request is not counted
    english = _panel(client.get("/rollups?year=2013&lang=en").get_data(as_text=True), "Subsidies")
    assert "Subsidy approved (10,000 yuan)" in " ".join(english) and "1,264.63" in english
    assert "<h2>补贴</h2>" not in client.get("/rollups?year=2016").get_data(as_text=True)  # nothing counted


def test_the_json_csv_and_workbook_carry_the_subsidies(client, login, session):
    _with_subsidies(session)
    login("planner")
    for lang in ("zh", "en"):
        body = client.get(f"/api/v1/rollups?year=2013&lang={lang}").get_json()
        assert body["totals"]["subsidy_approved_wan_yuan"] == 1264.625
        assert body["totals"]["subsidy_requested_wan_yuan"] == 1330
        districts = {d["district_code"]: d["subsidy_approved_wan_yuan"] for d in body["by_district"]}
        assert districts == {"310112": 30.125, "310115": 1234.5}
        kinds = {k["kind"]: k["subsidy_requested_wan_yuan"] for k in body["by_kind"]}
        assert kinds["structural_adjustment"] == 1300 and kinds["boiler_replacement"] == 0
        rows = list(csv.DictReader(io.StringIO(
            client.get(f"/rollups/export?year=2013&format=csv&lang={lang}").data.decode("utf-8-sig"))))
        assert rows[-1]["subsidy_approved_wan_yuan"] == "1264.625" and rows[-1]["subsidy_requested_wan_yuan"] == "1330"
        emc = [r for r in rows if r["kind"] == "contract_energy_management"]
        assert [r["subsidy_approved_wan_yuan"] for r in emc] == ["30.125"]
        book = load_workbook(io.BytesIO(client.get(f"/rollups/export?year=2013&format=xlsx&lang={lang}").data))
        approved = "批准补贴（万元）" if lang == "zh" else "Subsidy approved (10,000 yuan)"
        for sheet in book.worksheets[1:3]:  # 分区, 分类
            header = [c.value for c in sheet[1]]
            column = header.index(approved)
            assert header[column + 1] == approved.replace("批准", "申请").replace("approved", "requested")
            total = list(sheet.iter_rows(values_only=True))[-1]
            assert total[column:column + 2] == (1264.625, 1330)
            assert sheet.cell(row=2, column=column + 1).number_format == "#,##0.00"


def test_the_projects_behind_a_figure_show_each_projects_subsidies(client, login, session):
    _with_subsidies(session)
    login("planner")
    html = client.get("/rollups/projects?year=2013").get_data(as_text=True)
    header = text_of(html[html.index("<thead>"):html.index("</thead>")]).split()
    approved = header.index("批准补贴（万元）")
    assert header[approved + 1] == "申请补贴（万元）"
    rows = {cells[0]: cells for cells in (
        [text_of(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", html[html.index("<tbody>"):], re.S))}
    assert rows["P1"][approved:approved + 2] == ["1,234.50", "1,300.00"]  # 万元 to 0.01, grouped
    assert rows["P3"][approved:approved + 2] == ["30.13", "30.00"]
    assert rows["P2"][approved:approved + 2] == ["—", "—"]  # none recorded: not 0
    assert 'data-label="批准补贴（万元）："' in html  # the phone's card names it
    english = client.get("/rollups/projects?year=2013&lang=en").get_data(as_text=True)
    assert "Subsidy requested (10,000 yuan)" in english and "1,234.50" in english
