"""Where a project is saved, submitted or reviewed, the page names which one and of which year: the
wizard's last step (its review) beside its buttons, and the project page's title right above its
workflow card, so no one acts on another project than they think (templates/projects/form.html,
detail.html)."""
from __future__ import annotations

import re

import pytest

from registry.services import projects as svc
from tests.integration.project_data import PUDONG, draft
from tests.web.project_form import form

pytestmark = pytest.mark.usefixtures("districts")


def _words(html: str) -> str:
    """Text as read: tags dropped without a space (a Chinese sentence has none), white space folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _review_step(html: str) -> str:
    found = re.search(r'<section class="step card" data-step="5">(.*?)</section>', html, re.S)
    assert found
    return _words(found.group(1))


def test_the_review_step_names_the_project_and_year_it_saves(client, login):
    login("district_staff", "310115")
    assert "项目：—，年度：—" in _review_step(client.get("/projects/new").get_data(as_text=True))  # nothing typed
    refused = client.post("/projects/new", data=form(title="锅炉房改造", year="2016", investment_wan_yuan="abc"))
    assert refused.status_code == 422
    assert "项目：锅炉房改造，年度：2016" in _review_step(refused.get_data(as_text=True))


def test_the_edit_forms_review_step_names_the_project_and_year_in_the_readers_language(client, login, session):
    view = svc.register_project(session, PUDONG, draft(title="空压机节能改造", year=2013))
    login("district_staff", "310115")
    page = client.get(f"/projects/{view.id}/edit?lang=en").get_data(as_text=True)
    assert "Project 空压机节能改造, year 2013" in _review_step(page)


def test_the_workflow_card_stands_right_under_the_title_that_names_the_project_its_reference_and_year(
        client, login, session):
    """The card was at the page's foot (on a phone below every other card), so it named its project
    again; now it comes first, under the title and the line with the reference and year, in the page's
    order too (Tab reaches its buttons next), and does not repeat them."""
    view = svc.register_project(session, PUDONG, draft(title="空压机节能改造", year=2013), submit=True)
    login("city_reviewer")
    page = client.get(f"/projects/{view.id}").get_data(as_text=True)
    head, rest = page.split('<section class="list-head">')[1].split("</section>", 1)
    assert "空压机节能改造" in head and f"{view.reference} ·" in _words(head) and "· 2013 ·" in _words(head)
    assert re.match(r'\s*(\{#.*?#\}\s*)?<div class="project-layout">\s*<section class="card workflow">', rest, re.S), rest[:300]
    card = _words(re.search(r'<section class="card workflow">(.*?)</section>', page, re.S).group(1))
    assert "批准" in card and "空压机节能改造" not in card
    assert page.index('<section class="card workflow">') < page.index("节能量计算过程")
