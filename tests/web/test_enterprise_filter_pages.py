"""The project list narrowed to one enterprise (``/projects?enterprise=<credit code>``, the link of its
page): the line that says it and the link that removes it, the hidden field that keeps it when the
filters change, its download; a code nobody has (an empty list, said), a malformed one (said, set
aside as a typed ?year=abc is; the download refuses it, naming it)."""
from __future__ import annotations

import csv
import html
import io
import re

import pytest
from sqlalchemy import select

from registry.models import Enterprise
from tests.integration import enterprise_filter_data as data
from tests.web.page_text import text_of

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def loaded(session):
    data.load(session)


def references(page: str) -> list[str]:
    return sorted(re.findall(r'<td class="nowrap reference">([^<]+)</td>', page))


def form_of(page: str) -> str:
    start = page.index('<form class="filters project-filters"')
    return page[start:page.index("</form>", start)]


def line_of(page: str) -> tuple[str, str]:
    """The enterprise's line: its words and the href of its link that removes it."""
    found = re.search(r'<p class="enterprise-filter[^"]*"[^>]*>(.*?)</p>', page, re.S)
    assert found, page
    return text_of(found.group(1)).strip(), html.unescape(re.search(r'href="([^"]+)"', found.group(1)).group(1))


def export_hrefs(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'class="button secondary export"[^>]*href="([^"]+)"', page)]


def test_the_list_says_the_enterprise_and_lists_its_projects_exactly(client, login, loaded):
    login("city_reviewer")
    typed = data.FIRST.lower()  # read as its page's address reads it
    page = client.get(f"/projects?enterprise={typed}&year=2016&sort=year&dir=asc").get_data(as_text=True)
    assert references(page) == ["2016-310112-0001", "2016-310115-0001"]  # not 乙's, whose title holds the code
    words, remove = line_of(page)
    assert words == f"企业：上海甲电机有限公司（{data.FIRST}） 移除此筛选"
    assert remove == "/projects?year=2016&sort=year&dir=asc"
    form = form_of(page)
    assert f'<input type="hidden" name="enterprise" value="{data.FIRST}">' in form
    assert '<details class="more-filters">' in form  # not counted among 更多筛选: it is said above
    assert all(f"enterprise={data.FIRST}" in href for href in export_hrefs(page)) and export_hrefs(page)
    sort_links = re.findall(r'<a href="(/projects\?[^"]*sort=title[^"]*)"', page)
    assert sort_links and all(f"enterprise={typed}" in html.unescape(href) for href in sort_links)


def test_the_download_holds_the_enterprises_projects_and_refuses_a_malformed_code(client, login, loaded):
    login("city_reviewer")
    response = client.get(f"/projects/export?format=csv&enterprise={data.FIRST}")
    assert response.status_code == 200 and response.headers["X-Registry-Exported"] == "3"
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))[1:]
    assert sorted(r[0] for r in rows) == ["2015-310115-0001", "2016-310112-0001", "2016-310115-0001"]
    refused = client.get(f"/projects/export?format=csv&enterprise={data.FIRST[:17]}")
    assert refused.status_code == 422 and "enterprise：必须为 18 位，实际为 17 位" in text_of(refused.get_data(as_text=True))


def test_a_code_nobody_has_lists_nothing_and_says_so(client, login, loaded):
    login("city_reviewer")
    page = client.get(f"/projects?enterprise={data.UNKNOWN}").get_data(as_text=True)
    assert references(page) == [] and "项目 共 0 项" in text_of(page)
    assert line_of(page)[0] == f"企业：没有统一社会信用代码为 {data.UNKNOWN} 的已登记企业。 移除此筛选"
    assert f'name="enterprise" value="{data.UNKNOWN}"' in form_of(page)


def test_a_malformed_code_is_said_and_set_aside(client, login, loaded):
    login("city_reviewer")
    response = client.get("/projects?enterprise=9131%3Cb%3E&district=")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and len(references(page)) == 4  # the list, not narrowed by it
    words, remove = line_of(page)
    assert words == "企业筛选“9131<b>”未使用：统一社会信用代码必须为 18 位，实际为 7 位。 移除此筛选"
    assert "9131<b>" not in page and remove == "/projects?district="
    assert 'name="enterprise"' not in form_of(page)
    assert export_hrefs(page) and not any("enterprise" in href for href in export_hrefs(page))


def test_the_enterprise_page_links_its_projects_in_the_list(client, login, session, loaded):
    enterprise_id = session.scalar(select(Enterprise.id).where(Enterprise.credit_code == data.FIRST))
    login("district_staff", "310115", username="pudong-staff")
    page = client.get(f"/enterprises/{enterprise_id}").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)">在项目列表中查看（可筛选、导出）</a>', page)
    assert link and html.unescape(link.group(1)) == f"/projects?enterprise={data.FIRST}&district="
    # every district, as the enterprise page counts them: Pudong's staff read no Minhang draft
    listed = client.get(html.unescape(link.group(1))).get_data(as_text=True)
    assert references(listed) == ["2015-310115-0001", "2016-310115-0001"]
