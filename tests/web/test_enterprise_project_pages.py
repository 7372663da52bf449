"""An enterprise's page with more projects than a page holds (it listed at most 200, silently): its
projects a page of 50 at a time, the latest year first, counted in the heading (共 N 项), the house
pager below them, a page beyond the last sent to the last; its monitoring section lists every compared
project whichever page is read."""
from __future__ import annotations

import re

import pytest

from registry.services.loading import load_dataset
from registry.services.records import Dataset, ProjectRecord
from tests.integration.monitoring_data import monitored_enterprise
from tests.integration.project_data import CREDIT
from tests.web.page_text import text_of

pytestmark = pytest.mark.usefixtures("districts")

LOADED = 201  # with monitored_enterprise's four: 205 projects


@pytest.fixture
def crowded(session, tmp_path) -> dict[str, int]:
    """``monitored_enterprise`` (its four projects of 2013 and 2015 compared with the monitoring) and 201
    approved cleaner-production audits of 2016 (claiming no consumption) of the same enterprise, loaded
    in one statement as ``registry load`` does, so they are listed first."""
    ids = monitored_enterprise(session, tmp_path)
    load_dataset(session, Dataset(projects=tuple(
        ProjectRecord(f"2016-310115-{n:04d}", f"清洁生产审核 {n}", "cleaner_production", 2016, "approved", CREDIT,
                      "310115", {"kind": "cleaner_production", "year": 2016}) for n in range(1, LOADED + 1))))
    return ids


def projects_part(html: str) -> str:
    """The projects' heading, table and pager (the details card after 曾用名/Address)."""
    return re.search(r'<h2 id="projects">.*?</section>', html, re.S).group(0)


def references(html: str) -> list[str]:
    return re.findall(r'<a href="/projects/\d+">([^<]+)</a>', projects_part(html))


def test_the_projects_come_a_page_at_a_time_counted_in_the_heading(client, login, crowded):
    login("city_reviewer")
    first = client.get(f"/enterprises/{crowded['enterprise']}").get_data(as_text=True)
    part = projects_part(first)
    assert "项目 共 205 项" in text_of(part)
    assert references(first)[:2] == ["2016-310115-0201", "2016-310115-0200"] and len(references(first)) == 50
    assert "第 1 页，共 5 页" in text_of(part)
    assert f'href="/enterprises/{crowded["enterprise"]}?page=2#projects"' in part
    last = client.get(f"/enterprises/{crowded['enterprise']}?page=5").get_data(as_text=True)
    assert len(references(last)) == 5 and references(last)[0] == "2016-310115-0001"  # 200 + 5: none lost
    assert "第 5 页，共 5 页" in text_of(projects_part(last)) and "?page=4#projects" in projects_part(last)
    beyond = client.get(f"/enterprises/{crowded['enterprise']}?page=9")
    assert beyond.status_code == 302 and beyond.location.endswith(f"/enterprises/{crowded['enterprise']}?page=5")
    english = client.get(f"/enterprises/{crowded['enterprise']}?page=2&lang=en").get_data(as_text=True)
    assert "Projects 205 found" in text_of(projects_part(english))


def test_the_monitoring_lists_every_compared_project_whichever_page_is_read(client, login, crowded):
    login("city_reviewer")
    for page in (1, 3):
        html = client.get(f"/enterprises/{crowded['enterprise']}?page={page}").get_data(as_text=True)
        monitoring = re.search(r'<section class="card enterprise-monitoring".*?</section>', html, re.S).group(0)
        compared = {int(n) for n in re.findall(r'href="/projects/(\d+)#monitoring"', monitoring)}
        assert compared == {crowded[k] for k in ("exit", "motors", "minhang", "later")}  # all on page 5


def test_district_staff_count_what_they_read_and_are_told_so(client, login, crowded):
    login("district_staff", "310112")
    html = client.get(f"/enterprises/{crowded['enterprise']}").get_data(as_text=True)
    # Pudong's drafts are not theirs; its approved audits and Minhang's own draft are
    assert "项目 共 202 项" in text_of(projects_part(html))
    assert "项目数只计您可查看的项目" in text_of(projects_part(html))
