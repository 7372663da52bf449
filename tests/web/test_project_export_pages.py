"""Downloading the project list and the rollup drill-down: the buttons carry the list's filters, the
download's headers (attachment, a dated name, length, no caching), the content read back, English
headers in English, and bad filter values answered as a field's problem (422), never a 500."""
from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook

from tests.integration import rollup_data
from tests.web.downloads import assert_dated_download

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def loaded(session, login):
    rollup_data.load(session)
    login("city_reviewer")


def _export_links(page: str) -> dict[str, dict[str, list[str]]]:
    links = re.findall(r'<a class="button secondary export" data-format="(\w+)" href="([^"]+)"', page)
    return {fmt: parse_qs(urlsplit(html.unescape(href)).query, keep_blank_values=True) for fmt, href in links}


def test_the_list_buttons_carry_its_filters_and_order(client, loaded):
    page = client.get("/projects?kind=motor_upgrade&year=2013&sort=reference&dir=asc&page_size=50").get_data(as_text=True)
    links = _export_links(page)
    assert set(links) == {"xlsx", "csv"}
    assert links["csv"] == {"format": ["csv"], "kind": ["motor_upgrade"], "year": ["2013"], "sort": ["reference"],
                            "dir": ["asc"], "district": [""]}  # every district, said (district staff open on theirs)
    assert "导出 Excel" in page and "导出 CSV" in page
    # what the list passed over (a sort it does not know, a year that is no number) the buttons leave out
    passed_over = _export_links(client.get("/projects?sort=size&year=abc").get_data(as_text=True))["xlsx"]
    assert passed_over["sort"] == ["updated"] and "year" not in passed_over


def test_the_csv_download_is_a_dated_attachment_with_every_matching_project(client, loaded):
    response = client.get("/projects/export?format=csv&kind=motor_upgrade&sort=reference&dir=asc")
    body = assert_dated_download(response, "projects-filtered", "csv", "text/csv; charset=utf-8", 2)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:3] == ["项目编号", "项目名称", "企业"] and [r[0] for r in rows[1:]] == ["P10", "P4"]
    assert rows[1][1] == "项目 P10" and rows[1][4] == "闵行区"


def test_the_workbook_reads_back_in_english_for_an_english_reader(client, loaded):
    response = client.get("/projects/export?format=xlsx&status=verified&lang=en")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.get_data()))
    sheet, about = book.worksheets
    assert [c.value for c in sheet[1]][:2] == ["Reference", "Project name"] and sheet.max_row == 9
    lines = {row[0].value: row[1].value for row in about.iter_rows(min_row=2)}
    assert lines["Status"] == "Verified" and lines["Exported by"] == "city_reviewer-city"


@pytest.mark.parametrize("query, field", [
    ("year=abc", "year"), ("year=1999", "year"), ("kind=boilers", "kind"), ("status=done", "status"),
    ("district=pudong", "district"), ("sort=size", "sort"), ("dir=up", "dir"), ("format=pdf", "format")])
def test_a_bad_filter_is_a_field_problem_not_a_500(client, loaded, query, field):
    response = client.get(f"/projects/export?{query}")
    assert response.status_code == 422
    assert f"{field}：" in response.get_data(as_text=True)  # the page of refused input names the field


def test_district_staff_download_their_district_unless_they_ask_for_every_one(client, session, login):
    rollup_data.load(session)
    login("district_staff", "310115", username="pudong-staff")
    own = client.get("/projects/export?format=csv").get_data().decode("utf-8-sig")
    assert {r[4] for r in list(csv.reader(io.StringIO(own)))[1:]} == {"浦东新区"}
    every = client.get("/projects/export?format=csv&district=").get_data().decode("utf-8-sig")
    assert {r[4] for r in list(csv.reader(io.StringIO(every)))[1:]} == {"浦东新区", "闵行区"}


def test_the_drill_down_downloads_its_projects(client, loaded):
    page = client.get("/rollups/projects?year=2013&rule=verified&kind=motor_upgrade").get_data(as_text=True)
    links = _export_links(page)
    assert links["xlsx"]["kind"] == ["motor_upgrade"] and links["xlsx"]["year"] == ["2013"]
    response = client.get("/rollups/projects/export?format=csv&year=2013&rule=verified&kind=motor_upgrade")
    assert response.status_code == 200
    assert "rollup-projects-2013-verified-" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["P10", "P4"]
    book = load_workbook(io.BytesIO(client.get("/rollups/projects/export?year=2013&rule=verified").get_data()))
    lines = {row[0].value: row[1].value for row in book.worksheets[1].iter_rows(min_row=2)}
    assert lines["年度"] == 2013 and lines["统计口径"].startswith("已核定")
    refused = client.get("/rollups/projects/export?year=2013&kind=x")
    assert refused.status_code == 422 and "kind：" in refused.get_data(as_text=True)


def test_beyond_the_bound_the_list_says_to_narrow_the_filters_and_the_download_refuses(client, loaded, monkeypatch):
    from registry.services import project_exports

    monkeypatch.setattr(project_exports, "MAX_EXPORT_PROJECTS", 9)
    page = client.get("/projects").get_data(as_text=True)
    assert _export_links(page) == {}
    assert "共有 10 个项目符合条件，一次下载最多 9 个" in page
    refused = client.get("/projects/export?format=csv")
    assert refused.status_code == 422 and "共有 10 个项目符合条件" in refused.get_data(as_text=True)
    assert set(_export_links(client.get("/projects?kind=motor_upgrade").get_data(as_text=True))) == {"xlsx", "csv"}
