"""The land-output page's year before (同比), its sortable columns, its parcel cap said in words, and
its downloads (导出 Excel / CSV, the API's): headers, every line, the order shown, an audit entry,
a bad parameter refused with its reason (422), never a 500."""
from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from registry import clock
from registry.models import AuditEntry
from registry.services import land_output
from tests.web.page_text import text_of
from tests.web.test_land_output_page import _headers, _record


@pytest.fixture
def outputs(session, ids):
    """P5 (district A, development zone) 50 then 60; P2 (B, 104 block) 90 in 2017 only."""
    _record(session, ids["P5"], 2016, "0.5")
    _record(session, ids["P5"], 2017, "0.6")
    _record(session, ids["P2"], 2017, "0.9")
    return ids


def _rows(page: str) -> list[list[str]]:
    """The table's body and foot, row by row, each cell's text."""
    table = page[page.index('id="output-table"'):page.index("</table>", page.index('id="output-table"'))]
    table = table[table.index("<tbody>"):]
    return [[text_of(cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)]


def _exports(session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id)))


def test_each_line_shows_the_year_before_and_the_change_at_no_extra_statement(client, login, outputs, statements):
    login("planner")
    statements.clear()
    page = client.get("/land/output?year=2017&level=development_zone").get_data(as_text=True)
    # the year before comes with each line's statement: years, lines, city, all zones (as before it came)
    read = [sql for sql, _ in statements if "parcel_outputs" in sql]
    assert len(read) == 4, read
    assert _headers(page)[5:8] == ["上年单位土地产出（亿元/km²）", "同比增减（亿元/km²）", "同比增减（%）"]
    rows = _rows(page)
    assert rows[0][:1] + rows[0][5:8] == ["测试Z1", "50.0", "+10.0", "+20.0"]
    assert rows[1][0] == "全部开发区" and rows[1][5:8] == ["50.0", "+10.0", "+20.0"]  # the foot: all zones, the city
    assert rows[2][0] == "全市" and rows[2][5] == "50.0" and rows[2][8] == "—"
    districts = _rows(client.get("/land/output?year=2017").get_data(as_text=True))
    assert districts[1][:1] + districts[1][5:] == ["测试B区", "—", "—", "—"]  # no output in 2016


def test_columns_sort_by_a_click_kept_in_the_form_and_followed_by_the_downloads(client, login, outputs):
    login("planner")
    page = client.get("/land/output?year=2017").get_data(as_text=True)
    assert [r[0] for r in _rows(page)[:2]] == ["测试A区", "测试B区"]
    head = page[page.index('id="output-table"'):page.index("</thead>")]
    assert '<a href="/land/output?year=2017&amp;level=district&amp;sort=change">' in head
    assert 'aria-sort="ascending"><a href="/land/output?year=2017&amp;level=district&amp;sort=-name">' in head
    page = client.get("/land/output?year=2017&sort=-output").get_data(as_text=True)
    assert [r[0] for r in _rows(page)[:2]] == ["测试B区", "测试A区"]
    assert '<input type="hidden" name="sort" value="-output">' in page
    links = re.findall(r'<a class="button secondary export" data-format="(\w+)" href="([^"]+)"', page)
    assert {fmt: parse_qs(urlsplit(html.unescape(href)).query) for fmt, href in links} == {
        fmt: {"format": [fmt], "year": ["2017"], "level": ["district"], "sort": ["-output"]} for fmt in ("xlsx", "csv")}
    rows = list(csv.reader(io.StringIO(client.get(
        "/land/output/export?format=csv&year=2017&sort=-output").get_data().decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["测试B区", "测试A区", "全市"]


def test_the_parcel_level_says_how_many_are_left_out_and_the_download_holds_them_all(
        client, login, session, outputs, monkeypatch):
    monkeypatch.setattr(land_output, "MAX_PARCEL_ROWS", 1)
    reviewer = login("city_reviewer")
    page = client.get("/land/output?year=2017&level=parcel").get_data(as_text=True)
    assert [r[0] for r in _rows(page)] == ["T-P2", "全市"]
    assert "显示产出最高的 1 块，共 2 块；下载文件包含全部。" in text_of(page)
    assert "按此排序显示前 1 块，共 2 块；下载文件包含全部。" in text_of(
        client.get("/land/output?year=2017&level=parcel&sort=area_km2").get_data(as_text=True))
    response = client.get("/land/output/export?format=xlsx&year=2017&level=parcel")
    assert response.status_code == 200 and response.headers["X-Registry-Exported"] == "2"
    assert f'filename="land-output-2017-parcel-{clock.today().isoformat()}.xlsx"' in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    assert sheet["A1"].value.startswith("2017 年土地产出（亿元/km²）；按地块；数据截至 ")
    assert [c.value for c in sheet[2]][:4] == ["地块", "产值（万元）", "面积（km²）", "单位土地产出（亿元/km²）"]
    assert [row[0].value for row in sheet.iter_rows(min_row=3)] == ["T-P2", "T-P5", "全市"]
    (entry,) = _exports(session)
    assert (entry.entity, entry.entity_id, entry.user_id) == ("land_output", "2017/parcel", reviewer.id)
    assert entry.changes == {"format": "xlsx", "rows": 2, "year": 2017, "level": "parcel", "sort": "output",
                             "descending": True}
    english = load_workbook(io.BytesIO(client.get("/land/output/export?format=xlsx&year=2017&lang=en").get_data()))
    assert [c.value for c in english.active[2]][5:8] == [
        "Land output the year before (100 million yuan/km²)", "Change on the year before (100 million yuan/km²)",
        "Change on the year before (%)"]


def test_the_api_downloads_the_same_report_and_answers_the_year_before(client, login, session, outputs):
    login("city_reviewer")
    body = client.get("/api/v1/land/output?year=2017&level=parcel&sort=-change").get_json()
    assert [line["key"] for line in body["lines"]] == ["T-P5", "T-P2"] and body["total_lines"] == 2
    assert body["lines"][0]["change_yi_yuan_per_km2"] == pytest.approx(10) and body["previous_year"] == 2016
    response = client.get("/api/v1/land/output/export.csv?year=2017&level=parcel&sort=-change")
    assert response.status_code == 200 and response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert [r[0] for r in csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")))][1:] == ["T-P5", "T-P2", "全市"]
    assert client.get("/api/v1/land/output/export.json?year=2017").get_json()["lines"][0]["key"] == "310101"
    assert [(e.entity, e.changes["format"]) for e in _exports(session)] == [("land_output", "csv"),
                                                                           ("land_output", "json")]


@pytest.mark.parametrize("query, field", [
    ("format=pdf", "format"), ("level=street", "level"), ("sort=street", "sort"),
    ("year=abc", "year"), ("year=1999", "year")])
def test_a_bad_parameter_is_refused_with_its_reason_not_a_500(client, login, session, outputs, query, field):
    login("planner")
    page = client.get(f"/land/output/export?{query}")
    assert page.status_code == 422 and f"{field}：" in text_of(page.get_data(as_text=True))
    fmt = "pdf" if field == "format" else "csv"
    api = client.get(f"/api/v1/land/output/export.{fmt}?{query}")
    assert api.status_code == 422 and api.mimetype == "application/problem+json" and field in api.get_json()["errors"]
    assert _exports(session) == []
