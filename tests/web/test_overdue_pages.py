"""Overdue projects (逾期未完成) on the pages: the list's filter and badges, the project page's notice,
the overview's to-do and the list's download (tests/integration/test_overdue_projects.py for the counts)."""
from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import text

from registry import clock
from tests.integration.project_data import OVERDUE_TODAY, overdue_set
from tests.web.page_text import text_of

pytestmark = pytest.mark.usefixtures("districts")


@pytest.fixture
def projects(session):
    return overdue_set(session)


def _get(client, url: str) -> str:
    with clock.frozen_at(OVERDUE_TODAY):
        response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _rows(html: str) -> list[str]:
    return [text_of(row) for row in re.findall(r"<tr[ >].*?</tr>", html.split("<tbody>")[1].split("</tbody>")[0], re.S)]


def test_the_filter_lists_the_overdue_projects_each_with_its_badge(client, login, projects):
    login("city_reviewer")
    html = _get(client, "/projects?overdue=1")
    rows = _rows(html)
    assert len(rows) == 2 and "共 2 项" in html
    assert next(r for r in rows if "逾期一天" in r).count("逾期 1 天") == 1
    assert "逾期 158 天" in next(r for r in rows if "闵行逾期" in r)
    assert re.search(r'<input type="checkbox" name="overdue" value="1" checked> 逾期未完成', html)
    # the downloads carry the filter, as the other filters
    assert all("overdue=1" in href for href in re.findall(r'href="(/projects/export\?[^"]*)"', html))


def test_the_whole_list_marks_only_the_overdue_rows(client, login, projects):
    login("city_reviewer")
    html = _get(client, "/projects?page_size=50")
    assert not re.search(r'name="overdue" value="1" checked', html)
    badged = [r for r in _rows(html) if re.search(r"逾期 [\d,]+ 天", r)]
    titles = ("逾期一天", "今天到期", "未定计划", "已提交", "已完成", "闵行逾期")
    # not the one due today, nor the one without a plan, the submitted or the completed one
    assert [t for t in titles if any(t in r for r in badged)] == ["逾期一天", "闵行逾期"]
    assert len(re.findall(r'class="badge overdue-badge', html)) == 2


def test_the_project_page_says_when_it_was_planned_and_how_late_it_is(client, login, projects):
    login("district_staff", "310115")
    notice = re.search(r'<p class="overdue-notice" role="note">([^<]*)</p>', _get(client, f"/projects/{projects['late']}"))
    assert notice and notice.group(1) == "计划 2026年12月4日完成，已逾期 1 天。"
    english = _get(client, f"/projects/{projects['minhang']}?lang=en")
    assert "Planned to be completed on Jun 30, 2026: 158 days overdue." in english
    assert "overdue-notice" not in _get(client, f"/projects/{projects['due_today']}")


def test_the_to_do_counts_the_districts_overdue_projects_for_its_staff_and_the_citys_for_reviewers(client, login, projects):
    login("district_staff", "310115")
    html = _get(client, "/")
    item = re.search(r'<a href="(/projects\?overdue=1&amp;district=310115)">逾期未完成的项目</a>\s*<span class="count">(\d+)', html)
    assert item and item.group(2) == "1"
    assert len(_rows(_get(client, item.group(1).replace("&amp;", "&")))) == 1  # the list it opens holds as many
    login("city_reviewer")
    item = re.search(r'<a href="(/projects\?overdue=1)">逾期未完成的项目</a>\s*<span class="count">(\d+)', _get(client, "/"))
    assert item and item.group(2) == "2"
    login("planner")
    assert "逾期未完成" not in _get(client, "/")


def test_the_download_holds_the_overdue_projects_and_refuses_a_value_it_cannot_read(client, login, projects):
    login("city_reviewer")
    with clock.frozen_at(OVERDUE_TODAY):
        response = client.get("/projects/export?format=csv&overdue=1")
        refused = client.get("/projects/export?format=csv&overdue=maybe")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted(r["项目名称"] for r in rows) == ["逾期一天", "闵行逾期"]
    assert refused.status_code == 422 and "只能是 1（仅逾期未完成的项目）或 0" in refused.get_data(as_text=True)


def test_the_search_and_an_enterprises_projects_carry_the_badge_too(client, login, projects, session):
    login("city_reviewer")
    found = _get(client, "/search?q=逾期一天")
    assert found.count('class="badge overdue-badge"') == 1 and "逾期 1 天" in found
    assert "overdue-badge" not in _get(client, "/search?q=今天到期")
    refs = dict(session.execute(text("SELECT id, reference FROM projects WHERE id IN (:late, :due)"),
                                {"late": projects["late"], "due": projects["due_today"]}).all())
    firm = session.execute(text("SELECT enterprise_id FROM projects WHERE id = :id"), {"id": projects["late"]}).scalar_one()
    rows = _rows(_get(client, f"/enterprises/{firm}"))
    assert "逾期 1 天" in next(r for r in rows if refs[projects["late"]] in r)
    assert "逾期" not in next(r for r in rows if refs[projects["due_today"]] in r)
