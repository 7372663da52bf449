"""以此为模板登记 on the pages: the project page's button for whoever may register in its district,
the wizard opened filled in from the project (/projects/new?from=<id>), its note on the source and
the parcels left out, the refusals (another district: said; unreadable: 404), and the save naming
its source in the new project's history."""
from __future__ import annotations

import html
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from registry.models import Parcel, Project
from registry.services import projects as svc
from tests.integration.project_data import CREDIT, MINHANG, PUDONG, REVIEWER, draft
from tests.web.page_text import text_of
from tests.web.project_form import project_view

pytestmark = pytest.mark.usefixtures("districts")


def source(session) -> svc.ProjectView:
    """An approved Pudong motor upgrade of 2013 on a new parcel, with its money fields and plan."""
    view = svc.register_project(session, PUDONG, draft(
        title="2013年高效电机改造", investment_wan_yuan=Decimal("120"), output_value_wan_yuan=Decimal("800"),
        planned_completion=date(2013, 12, 31)), submit=True)
    return svc.transition(session, REVIEWER, view.id, "approve", subsidy_approved="25")


def field(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]* name="{name}"[^>]* value="([^"]*)"', page) or \
        re.search(rf'<input[^>]* value="([^"]*)"[^>]* name="{name}"', page)
    assert found, name
    return html.unescape(found.group(1))


def test_the_project_page_offers_it_to_whoever_may_register_in_its_district(client, login, session):
    project = source(session)
    button = f'<a class="button secondary" id="register-similar" href="/projects/new?from={project.id}">以此为模板登记</a>'
    offered = {}
    for role, district in (("district_staff", "310115"), ("admin", None), ("district_staff", "310112"),
                           ("city_reviewer", None), ("planner", None)):
        login(role, district)
        offered[f"{role}-{district}"] = button in client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert offered == {"district_staff-310115": True, "admin-None": True, "district_staff-310112": False,
                       "city_reviewer-None": False, "planner-None": False}


def test_the_wizard_opens_filled_in_from_the_project(client, login, session):
    project = source(session)
    login("district_staff", "310115")
    response = client.get(f"/projects/new?from={project.id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<h1>以此为模板登记</h1>" in page
    assert re.search(r'<a class="help-link screen-only" href="/help/registering#similar-project"', page)
    assert re.search(r'<input type="radio" name="kind" value="motor_upgrade" checked', page)
    assert field(page, "year") == "2014" and field(page, "title") == "高效电机改造"
    assert field(page, "credit_code") == CREDIT and field(page, "enterprise_name") == "上海测试电机有限公司"
    inputs = json.loads(field(page, "inputs"))
    assert inputs["kind"] == "motor_upgrade" and inputs["year"] == 2014 and inputs["motors"][0]["rated_kw"] == 55
    assert field(page, "parcel_ids") == str(project.parcels[0].id) and field(page, "new_parcels") == "[]"
    assert field(page, "investment_wan_yuan") == "120" and field(page, "output_value_wan_yuan") == "800"
    assert field(page, "planned_completion") == "2014-12-31" and field(page, "from_project") == str(project.id)
    assert field(page, "version") == ""  # a new project: no version to lock against
    config = json.loads(re.search(r'<script id="wizard-config" type="application/json">(.*?)</script>', page, re.S)[1])
    assert [p["code"] for p in json.loads(config["existing_parcels"])] == [project.parcels[0].code]
    note = text_of(page.split('id="similar-source">')[1].split("</div>")[0])
    assert f"以项目 {project.reference} 为模板" in note and "核定补贴不带入" in note
    assert f"年度预填为 2014，即项目 {project.reference}（2013 年度）的下一年" in note
    assert "left-out-parcels" not in page and 'name="subsidy_approved_wan_yuan"' not in page


def test_the_wizard_names_the_parcels_it_left_out(client, login, session):
    project = source(session)
    session.execute(update(Parcel).where(Parcel.id == project.parcels[0].id).values(status="freed"))
    login("district_staff", "310115")
    page = client.get(f"/projects/new?from={project.id}").get_data(as_text=True)
    assert field(page, "parcel_ids") == ""
    left_out = text_of(page.split('<ul class="left-out-parcels">')[1].split("</ul>")[0])
    assert left_out.strip() == f"{project.parcels[0].code}：已不再使用（已腾出）"
    english = text_of(client.get(f"/projects/new?from={project.id}&lang=en").get_data(as_text=True))
    assert f"Parcels of project {project.reference} left out: {project.parcels[0].code}: no longer in use (Freed)" in english


def test_another_districts_staff_are_refused_saying_why_and_a_reviewer_too(client, login, session):
    project = source(session)  # approved: Minhang's staff read it
    login("district_staff", "310112")
    response = client.get(f"/projects/new?from={project.id}")
    assert response.status_code == 403
    assert (f"项目 {project.reference} 属于浦东新区：闵行区的区级工作人员只能以本区的项目为模板登记。"
            in text_of(response.get_data(as_text=True)))
    login("city_reviewer")
    assert client.get(f"/projects/new?from={project.id}").status_code == 403


def test_a_project_the_user_cannot_read_is_not_found_and_an_empty_from_names_none(client, login, session):
    hidden = svc.register_project(session, MINHANG, draft(district_code="310112", new_parcels=()))
    login("district_staff", "310115")
    assert client.get(f"/projects/new?from={hidden.id}").status_code == 404
    for given in ("abc", "99999999999", "-1", "１２"):  # no project id: said above an empty wizard
        response = client.get(f"/projects/new?from={given}")
        assert response.status_code == 200 and "from：必须是项目编号（整数），实际为" in response.get_data(as_text=True), given
    response = client.get("/projects/new?from=")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<h1>登记项目</h1>" in page and 'id="similar-source"' not in page


def test_the_saved_draft_names_its_source_in_its_history(client, login, session):
    project = source(session)
    login("district_staff", "310115")
    page = client.get(f"/projects/new?from={project.id}").get_data(as_text=True)
    names = ("kind", "year", "title", "district_code", "credit_code", "enterprise_name", "inputs", "parcel_ids",
             "new_parcels", "investment_wan_yuan", "output_value_wan_yuan", "planned_completion", "form_token",
             "from_project")
    posted = {name: field(page, name) if name != "kind" else "motor_upgrade" for name in names} | {"save": "draft"}
    refused = client.post("/projects/new", data=posted | {"title": ""})  # the note stays with the form shown again
    assert refused.status_code == 422 and field(refused.get_data(as_text=True), "from_project") == str(project.id)
    assert f"以项目 {project.reference} 为模板" in text_of(refused.get_data(as_text=True))
    response = client.post("/projects/new", data=posted)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    saved = project_view(session, new_id)
    assert (saved.status, saved.year, saved.title, saved.investment_wan_yuan) == ("draft", 2014, "高效电机改造", Decimal("120"))
    assert [p.id for p in saved.parcels] == [project.parcels[0].id] and saved.subsidy_approved_wan_yuan is None
    history = client.get(f"/projects/{new_id}").get_data(as_text=True).split('<section class="card history">')[1]
    assert re.search(rf'<td>登记自项目</td><td><span class="muted">—</span></td><td><a href="/search\?q={project.reference}">{project.reference}</a></td>',
                     history), history[:3000]
    assert session.scalars(select(Project.id).where(Project.year == 2014)).all() == [new_id]

