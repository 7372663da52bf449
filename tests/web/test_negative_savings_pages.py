"""A saved project whose savings are negative (most often a unit mixed up) is flagged where it is read and
reviewed, in the wizard's words: on its page (the savings card, and beside the reviewer's step) and in the
list a reviewer works through. It is not refused, and its figure is shown as it is."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services import projects as svc
from registry.services.projects.parsing import parse_draft
from tests.web.project_form import form, project_view

pytestmark = pytest.mark.usefixtures("districts")
WARNING = "节能量为负数：改造后的能耗高于改造前。请核对各行的数量和单位（例如吨与万立方米）。"


@pytest.fixture
def submitted(session):
    """Two submitted projects: (negative, positive) ids."""
    staff = Actor(None, "s", "district_staff", "310115")
    negative = svc.register_project(session, staff, parse_draft(form(title="单位弄错")), submit=True).id
    positive = svc.register_project(session, staff, parse_draft(form(title="正常项目", new_parcels="[]")), submit=True).id
    session.execute(text("UPDATE projects SET savings_tce = -12.5 WHERE id = :id"), {"id": negative})
    session.commit()
    return negative, positive


def test_the_project_page_warns_in_the_savings_card_and_beside_the_reviewers_step(client, login, submitted):
    negative, positive = submitted
    login("city_reviewer")
    page = client.get(f"/projects/{negative}").get_data(as_text=True)
    savings = page.split("<h2>节能量</h2>")[1].split("</section>")[0]
    workflow = re.search(r'<section class="card workflow">(.*?)</section>', page, re.S).group(1)
    assert WARNING in savings and WARNING in workflow
    assert 'value="approve"' in workflow  # asked, not refused
    assert WARNING not in client.get(f"/projects/{positive}").get_data(as_text=True)


def test_a_reviewer_may_still_approve_a_negative_claim(client, login, session, submitted):
    negative, _ = submitted
    login("city_reviewer")
    version = project_view(session, negative).version
    response = client.post(f"/projects/{negative}/transition", data={"action": "approve", "version": version})
    assert response.status_code == 302 and project_view(session, negative).status == "approved"


def test_the_list_marks_a_negative_row_with_the_warning_as_its_title_and_name(client, login, submitted):
    login("city_reviewer")
    page = client.get("/projects?status=submitted").get_data(as_text=True)
    rows = {title: row for row in re.findall(r"<tr[ >].*?</tr>", page, re.S)
            for title in ("单位弄错", "正常项目") if title in row}
    mark = re.search(r'<span class="negative-mark"[^>]*>', rows["单位弄错"]).group(0)
    assert f'title="{WARNING}"' in mark and f'aria-label="{WARNING}"' in mark and 'role="img"' in mark
    assert "-12.5" in rows["单位弄错"]  # the figure as it is
    assert "negative-mark" not in rows["正常项目"]
