"""A freed-land query that finds nothing says what to do: which of its filters to drop, and how many
parcels each drop would find. It said "没有符合这些条件的腾出土地。" and left the planner to guess
which of five conditions emptied the list."""
from __future__ import annotations

import re

import pytest

from tests.integration.land_data import A
from tests.web.page_text import text_of

EMPTY = f"/land/freed?district={A}&zone_kind=region_198&year_from=2015"


@pytest.fixture
def planner(login):
    return login("planner")


def suggestions(html: str) -> list[tuple[str | None, str]]:
    """(href or None, text) of each suggested drop."""
    block = html.split('class="relax"', 1)[1].split("</ul>", 1)[0]
    found = []
    for item in re.findall(r"<li>(.*?)</li>", block, re.S):
        link = re.search(r'href="([^"]*)"', item)
        said = re.sub(r"\s+([：:])", r"\1", text_of(item)).strip()  # a link's end is no space in the page
        found.append((link[1].replace("&amp;", "&") if link else None, said))
    return found


def test_each_filter_can_be_dropped_with_the_count_it_would_find(client, ids, planner):
    html = client.get(EMPTY).get_data(as_text=True)
    assert "没有符合这些条件的腾出土地。" in html and "去掉一个条件再试：" in text_of(html)
    assert suggestions(html) == [
        (None, "去掉“区：测试A区”：仍没有"),
        (f"?district={A}&year_from=2015#freed-table", "去掉“区域类型：198区域”：1 个地块"),
        (f"?district={A}&zone_kind=region_198#freed-table", "去掉“腾出年度：2015–…”：1 个地块"),
    ]
    assert 'href="/land/freed">重置</a>' in html


def test_in_english(client, ids, planner):
    html = client.get(EMPTY + "&lang=en").get_data(as_text=True)
    assert "Drop one of the filters:" in text_of(html)
    assert [t for _href, t in suggestions(html)] == [
        "Without “District: Test A”: still none", "Without “Zone kind: 198 region”: 1 parcel",
        "Without “Year freed: 2015–…”: 1 parcel"]


def test_a_query_without_filters_finding_nothing_says_none_is_freed_yet(client, ids, planner, session):
    from sqlalchemy import text
    session.execute(text("UPDATE parcels SET status = 'in_use', freed_on = NULL"))
    html = client.get("/land/freed").get_data(as_text=True)
    assert 'class="relax"' not in html
    assert "还没有腾出土地：产业结构调整项目报告完成后，其地块才成为腾出土地。" in text_of(html)


def test_an_empty_result_shows_no_table_whose_head_a_phone_shows_as_sort_buttons(client, ids, planner):
    # on a phone the table's head is a row of sort links (排序：地块编号 区 …) over nothing
    html = client.get(EMPTY).get_data(as_text=True)
    assert 'id="freed-table"' not in html and 'data-label="排序：' not in html
    assert '<p class="empty-list">没有符合这些条件的腾出土地。</p>' in html
    assert 'id="freed-table"' in client.get(f"/land/freed?district={A}").get_data(as_text=True)
