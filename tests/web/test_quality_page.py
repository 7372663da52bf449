"""The data-quality page (/quality/): in both languages, each check's count linked to the list that
shows those records — which finds as many — district staff on their own district, the overview's
link, and the lists' data-quality filter. Its JSON is tests/web/api/test_quality_api.py."""
from __future__ import annotations

import html as markup
import re

import pytest

from tests.integration.quality_data import PUDONG_STAFF, REVIEWER_CITY, REVIEWER_MINHANG, seed_quality

pytestmark = pytest.mark.usefixtures("districts")
LABELS = {"enterprise_without_industry": "无行业代码的企业", "possible_duplicates": "可能重复登记的项目",
          "parcel_without_project": "未关联任何项目的地块"}


@pytest.fixture
def records(session):
    return seed_quality(session)


def counted(html: str) -> list[tuple[str, int, str | None]]:
    """(check name, count, link) of each row of the page's table, in order."""
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    found = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        name = re.search(r'<td class="prose what whole">([^<]+)</td>', row).group(1)
        link = re.search(r'<a href="([^"]+)"[^>]*>([\d,]+)</a>', row)
        figure = link.group(2) if link else re.search(r'<td class="num nowrap"[^>]*>([\d,]+)</td>', row).group(1)
        found.append((name, int(figure.replace(",", "")), markup.unescape(link.group(1)) if link else None))
    return found


def found_on(client, href: str) -> int:
    """The "N found" of the list page at ``href``."""
    page = client.get(href)
    assert page.status_code == 200, href
    heading = re.search(r'<small class="muted">([^<]+)</small>', page.get_data(as_text=True)).group(1)
    return int(re.sub(r"\D", "", heading))


def test_the_page_lists_every_check_with_why_it_matters_and_its_count_in_both_languages(client, login, records):
    login("city_reviewer")
    html = client.get("/quality/").get_data(as_text=True)
    assert "<title>数据质量检查" in html and "为何重要" in html and "全市需要关注的记录" in html
    rows = counted(html)
    assert [count for _name, count, _link in rows] == list(REVIEWER_CITY.values())
    names = [name for name, _count, _link in rows]
    assert [names[i] for i in (0, 5, 6)] == list(LABELS.values())
    assert "同一节能量或土地被计算两次会虚增全市的数字" in html
    english = client.get("/quality/?lang=en").get_data(as_text=True)
    assert "<title>Data-quality checks" in english and "Why it matters" in english
    assert [name for name, _c, _l in counted(english)][5] == "Projects that may be registered twice"
    assert 'href="/help/review#quality"' in html


def test_each_count_opens_a_list_that_finds_as_many(client, login, records):
    login("city_reviewer")
    rows = counted(client.get("/quality/").get_data(as_text=True))
    links = {name: link for name, _count, link in rows}
    assert links[LABELS["possible_duplicates"]] == "/projects?check=possible_duplicates"
    assert links[LABELS["parcel_without_project"]] == "/land/parcels?project=without"
    assert links[LABELS["enterprise_without_industry"]] == "/enterprises/?check=enterprise_without_industry"
    for _name, count, link in rows:
        assert link is not None and found_on(client, link) == count, link


def test_district_staff_check_their_own_district_and_their_links_say_so(client, login, records):
    login("district_staff", "310115", username="pudong-staff")
    html = client.get("/quality/?district=310112").get_data(as_text=True)  # another district: still their own
    assert "浦东新区需要关注的记录" in html and 'name="district"' not in html
    rows = counted(html)
    assert [count for _name, count, _link in rows] == list(PUDONG_STAFF.values())
    for _name, count, link in rows:
        assert "district=310115" in link and found_on(client, link) == count, link


def test_a_city_role_chooses_a_district_and_a_value_that_is_none_is_passed_over(client, login, records):
    login("planner")
    html = client.get("/quality/?district=310112").get_data(as_text=True)
    assert '<option value="310112" selected>' in html and "闵行区需要关注的记录" in html
    assert [count for _name, count, _link in counted(html)] == list(REVIEWER_MINHANG.values())
    for bad in ("31011", "<script>", "３１０１１２"):
        page = client.get(f"/quality/?district={bad}")
        assert page.status_code == 200 and "全市需要关注的记录" in page.get_data(as_text=True)


def test_a_check_with_nothing_to_look_at_shows_0_without_a_link(client, login):
    login("city_reviewer")
    rows = counted(client.get("/quality/").get_data(as_text=True))
    assert {count for _name, count, _link in rows} == {0} and {link for *_rest, link in rows} == {None}


def test_the_overview_links_to_the_page_for_every_role(client, login):
    login("district_staff", "310115")
    assert 'href="/quality/">数据质量检查</a>' in client.get("/").get_data(as_text=True)


def test_the_overviews_link_stands_apart_from_the_counted_items_saying_where_its_counts_are(client, login, records):
    # it read as an item of 待您处理 without its count: the checks' counts cost the page 0.2-0.4 s
    # (docs/performance.md, "The data-quality page"), so the overview links to them, set apart
    login("city_reviewer")
    todo = client.get("/").get_data(as_text=True).split('<section class="todo"', 1)[1].split("</section>", 1)[0]
    listed, _, after = todo.rpartition("</ul>")
    assert "/quality/" not in listed
    assert re.search(r'<p class="quality-link"><a href="/quality/">数据质量检查</a>\s*'
                     r'<span class="hint">需更正的记录，计数见该页</span></p>', after)
    assert 'class="count"' not in after


def test_the_lists_filter_offers_their_checks_and_keeps_the_one_chosen(client, login, records):
    login("city_reviewer")
    projects = client.get("/projects?check=possible_duplicates").get_data(as_text=True)
    assert '<option value="possible_duplicates" selected>可能重复登记的项目</option>' in projects
    assert "enterprise_without_address" not in projects.split('name="check"')[1].split("</select>")[0]
    assert re.search(r'href="/projects/export\?[^"]*check=possible_duplicates', projects)  # the download: these only
    directory = client.get("/enterprises/?check=enterprise_without_address").get_data(as_text=True)
    assert '<option value="enterprise_without_address" selected>无地址的企业</option>' in directory
    # a check another list shows, or none at all, is passed over as the lists pass over a typed ?year=abc
    assert found_on(client, "/projects?check=enterprise_without_address") == found_on(client, "/projects")
