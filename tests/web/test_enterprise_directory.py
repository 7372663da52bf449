"""The enterprise directory's page (/enterprises/): in both languages, its filters in the query,
district staff on their own district, sort links, pages, and where the registry links to it."""
from __future__ import annotations

import re

import pytest

from tests.integration.directory_data import BING, DING, JIA, NAMES, YI, seed_directory

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def firms(session):
    return seed_directory(session)


def rows(html: str) -> str:
    return html.split("<tbody>")[1].split("</tbody>")[0]


def listed(html: str) -> list[str]:
    """The enterprises' names in the table's order."""
    return re.findall(r'<a href="/enterprises/\d+">([^<]+)</a>', rows(html))


def test_the_directory_lists_each_enterprise_with_a_link_to_its_page_in_both_languages(client, login, firms):
    login("city_reviewer")
    html = client.get("/enterprises/?q=名录").get_data(as_text=True)
    assert "<title>企业名录" in html and "最近项目年份" in html
    assert '<small class="muted">共 4 家</small>' in html  # enterprises are counted in 家, not 项
    assert listed(html) == [NAMES[DING], NAMES[BING], NAMES[JIA], NAMES[YI]]
    assert f'<a href="/enterprises/{firms[JIA]}">{NAMES[JIA]}</a>' in rows(html)
    jia = rows(html).split(NAMES[JIA])[1].split("</tr>")[0]
    assert "C261" in jia and "浦东新区" in jia and ">2</td>" in jia and ">2015</td>" in jia
    english = client.get("/enterprises/?q=名录&lang=en").get_data(as_text=True)
    assert "<title>Enterprise directory" in english and "Latest project year" in english and "Pudong" in english
    assert '<small class="muted">4 enterprises found</small>' in english


def test_district_staff_open_on_their_district_and_count_what_they_may_read(client, login, firms):
    login("district_staff", "310115", username="pudong-staff")
    html = client.get("/enterprises/?q=名录").get_data(as_text=True)
    assert '<option value="310115" selected>' in html
    assert listed(html) == [NAMES[BING], NAMES[JIA]]
    everywhere = client.get("/enterprises/?q=名录&district=").get_data(as_text=True)  # the filter's 全部
    assert listed(everywhere) == [NAMES[DING], NAMES[BING], NAMES[JIA], NAMES[YI]]
    yi = rows(everywhere).split(NAMES[YI])[1].split("</tr>")[0]
    assert ">1</td>" in yi and ">2014</td>" in yi  # Minhang's approved project, not its draft
    assert "项目数只计您可查看的项目" in everywhere
    # the sort links keep the choice of every district
    links = re.findall(r'href="(/enterprises/\?[^"]*sort=[^"]*)"', everywhere)
    assert len(links) == 5 and all(re.search(r"district=(&amp;|$)", link) for link in links)


def test_the_filters_and_the_order_are_read_from_the_query(client, login, firms):
    login("planner")
    assert listed(client.get("/enterprises/?q=名录&industry=C").get_data(as_text=True)) == [NAMES[DING], NAMES[JIA]]
    finer = client.get("/enterprises/?q=名录&industry=c26").get_data(as_text=True)
    assert listed(finer) == [NAMES[JIA]] and '<option value="C26" selected>' in finer  # shown as chosen
    assert listed(client.get("/enterprises/?q=名录&projects=without").get_data(as_text=True)) == [NAMES[BING]]
    by_count = client.get("/enterprises/?q=名录&sort=projects").get_data(as_text=True)  # the largest first
    assert listed(by_count) == [NAMES[JIA], NAMES[YI], NAMES[DING], NAMES[BING]]
    assert 'aria-sort="descending"' in by_count
    # a click on the active column turns it round; on another column, names sort A to Z
    assert re.search(r'href="/enterprises/\?[^"]*sort=projects&amp;dir=asc[^"]*"', by_count)
    assert re.search(r'href="/enterprises/\?[^"]*sort=name&amp;dir=asc[^"]*"', by_count)
    # what it cannot use is passed over, as the project list passes over a typed ?year=abc
    assert listed(client.get("/enterprises/?q=名录&industry=Z9&projects=maybe&sort=x").get_data(as_text=True)) == [
        NAMES[DING], NAMES[BING], NAMES[JIA], NAMES[YI]]


def test_a_page_beyond_the_last_goes_to_the_last(client, login, firms):
    login("planner")
    response = client.get("/enterprises/?q=名录&page_size=25&page=9")
    assert response.status_code == 302 and "page=1" in response.headers["Location"]
    assert "q=" in response.headers["Location"]


def test_the_top_bar_and_the_overviews_enterprise_count_lead_to_the_directory(client, login, firms):
    login("district_staff", "310115", username="pudong-staff")
    html = client.get("/").get_data(as_text=True)
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert '<a href="/enterprises/">企业</a>' in nav
    holdings = html.split('class="holdings"')[1].split("</p>")[0]
    # for every district, as the line counts them
    assert re.search(r'<a href="/enterprises/\?district=">企业 <span class="figure">[\d,]+</span></a>', holdings)


def test_a_reviewers_bar_links_the_directory_too(client, login, firms):
    # the bar folds the registry's name where it is full (js/topbar.js), so every role has 企业
    login("city_reviewer")
    html = client.get("/").get_data(as_text=True)
    assert '<a href="/enterprises/">企业</a>' in html.split('class="main-nav"')[1].split("</nav>")[0]
    assert re.search(r'<a href="/enterprises/">企业 <span class="figure">', html.split('class="holdings"')[1])
