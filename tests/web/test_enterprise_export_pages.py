"""Downloading the enterprise directory (/enterprises/export): the buttons carry the directory's filters
and order, the download's headers (attachment, a dated name, length, no caching) and content read back,
district staff on their own district unless they ask for every one, the audit entry, and a bad filter
value answered as a field's problem (422), never a 500."""
from __future__ import annotations

import csv
import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from registry.models import AuditEntry
from tests.integration.directory_data import BING, DING, JIA, NAMES, YI, seed_directory
from tests.web.downloads import assert_dated_download

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def firms(session):
    return seed_directory(session)


def _export_links(page: str) -> dict[str, dict[str, list[str]]]:
    links = re.findall(r'<a class="button secondary export" data-format="(\w+)" href="([^"]+)"', page)
    return {fmt: parse_qs(urlsplit(html.unescape(href)).query, keep_blank_values=True) for fmt, href in links}


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def test_the_buttons_carry_the_directorys_filters_and_order(client, login, firms):
    login("city_reviewer")
    page = client.get("/enterprises/?q=名录&industry=c&projects=with&sort=projects&page=1&page_size=50")
    links = _export_links(page.get_data(as_text=True))
    assert set(links) == {"xlsx", "csv"}
    assert links["csv"] == {"format": ["csv"], "q": ["名录"], "industry": ["C"], "projects": ["with"],
                            "sort": ["projects"], "dir": ["desc"], "district": [""]}  # every district, said
    text = page.get_data(as_text=True)
    assert "导出 Excel" in text and "导出包含全部 2 家符合条件的企业（所有页），按当前顺序排列。" in text
    # what the page passed over (an industry that is no code, an unknown sort) the buttons leave out
    passed_over = _export_links(client.get("/enterprises/?industry=Z9&sort=size").get_data(as_text=True))["xlsx"]
    assert passed_over["sort"] == ["name"] and "industry" not in passed_over
    assert _export_links(client.get("/enterprises/?q=无此企业").get_data(as_text=True)) == {}  # nothing to download


def test_the_csv_download_is_a_dated_attachment_of_every_page_in_the_directorys_order(client, login, firms, session):
    user = login("city_reviewer")
    response = client.get("/enterprises/export?format=csv&q=名录&sort=projects&page=2&page_size=1")
    body = assert_dated_download(response, "enterprises", "csv", "text/csv; charset=utf-8", 4)
    assert body.startswith(b"\xef\xbb\xbf")
    rows = _rows(response)
    assert rows[0][:4] == ["企业名称", "统一社会信用代码", "行业代码", "行业门类（GB/T 4754-2017）"]
    assert [r[1] for r in rows[1:]] == [JIA, YI, DING, BING]  # by number of projects, the largest first
    assert rows[1][2:7] == ["C261", "制造业", "浦东新区", "", "2"]
    (entry,) = session.scalars(select(AuditEntry).where(AuditEntry.action == "export"))
    assert (entry.user_id, entry.channel, entry.entity) == (user.id, "web", "enterprise_list")
    assert entry.changes == {"format": "csv", "rows": 4, "text": "名录", "sort": "projects", "descending": True}


def test_the_workbook_reads_back_in_english_for_an_english_reader(client, login, firms):
    login("planner")
    response = client.get("/enterprises/export?q=名录&district=310112&lang=en")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet, about = load_workbook(io.BytesIO(response.get_data())).worksheets
    assert [c.value for c in sheet[1]][:2] == ["Enterprise name", "Unified social credit code"]
    assert [sheet.cell(r, 1).value for r in (2, 3)] == [NAMES[DING], NAMES[YI]] and sheet.max_row == 3
    assert "Online monitoring years" not in [c.value for c in sheet[1]]  # planners read no monitoring
    lines = {row[0].value: row[1].value for row in about.iter_rows(min_row=2)}
    assert lines["District"] == "Minhang" and lines["Exported by"] == "planner-city"


def test_district_staff_download_their_district_unless_they_ask_for_every_one(client, login, firms):
    login("district_staff", "310115", username="pudong-staff")
    own = _rows(client.get("/enterprises/export?format=csv&q=名录"))
    assert [r[1] for r in own[1:]] == [BING, JIA] and {r[4] for r in own[1:]} == {"浦东新区"}
    every = _rows(client.get("/enterprises/export?format=csv&q=名录&district="))
    assert [r[1] for r in every[1:]] == [DING, BING, JIA, YI]
    assert every[4][6:8] == ["1", "2014"]  # Minhang's approved project, not its draft


@pytest.mark.parametrize("query, field", [
    ("industry=Z9", "industry"), ("district=pudong", "district"), ("projects=maybe", "projects"),
    ("check=project_without_parcel", "check"), ("sort=size", "sort"), ("dir=up", "dir"), ("format=pdf", "format")])
def test_a_bad_filter_is_a_field_problem_not_a_500(client, login, query, field):
    login("city_reviewer")
    response = client.get(f"/enterprises/export?{query}")
    assert response.status_code == 422
    assert f"{field}：" in response.get_data(as_text=True)  # the page of refused input names the field


def test_beyond_the_bound_the_directory_says_to_narrow_the_filters_and_the_download_refuses(
        client, login, firms, monkeypatch, session):
    from registry.services import enterprise_exports

    login("city_reviewer")
    monkeypatch.setattr(enterprise_exports, "MAX_EXPORT_ENTERPRISES", 3)
    page = client.get("/enterprises/?q=名录").get_data(as_text=True)
    assert _export_links(page) == {} and "共有 4 家企业符合条件，一次下载最多 3 家" in page
    refused = client.get("/enterprises/export?format=csv&q=名录")
    assert refused.status_code == 422 and "共有 4 家企业符合条件" in refused.get_data(as_text=True)
    assert session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all() == []
    assert set(_export_links(client.get("/enterprises/?q=名录&district=310115").get_data(as_text=True))) == {"xlsx", "csv"}
