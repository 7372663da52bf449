"""The workflow through the project pages: who may edit, submit, approve, return, complete and
correct a project, what a stale or malformed version gets, and the completion day (the form and
the list: test_project_pages.py; the workflow card and the return notice: test_workflow_card_pages.py)."""
from __future__ import annotations

import re

import pytest

from tests.web.clients import second_client
from tests.web.project_form import form, project_view

pytestmark = pytest.mark.usefixtures("districts")


def test_return_without_comment_is_refused_beside_the_comment_field_which_takes_the_focus(client, login, session):
    """The reason was at the head of the page, out of sight of the workflow form (far down on a phone)."""
    from registry.domain.permissions import Actor
    from registry.services import projects as svc
    from registry.services.projects.parsing import parse_draft

    view = svc.register_project(session, Actor(None, "s", "district_staff", "310115"), parse_draft(form()), submit=True)
    login("city_reviewer")
    response = client.post(f"/projects/{view.id}/transition", data={"action": "return", "comment": "", "version": view.version})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "意见：退回项目需要填写意见" in page and "comment:" not in page  # the field by its name, not its code
    workflow = re.search(r'<section class="card workflow">(.*?)</section>', page, re.S).group(1)
    assert re.search(r'<p class="form-error" role="alert" id="workflow-error">意见：退回项目需要填写意见</p>', workflow)
    assert page.count("退回项目需要填写意见") == 1  # said once, where it is corrected
    field = re.search(r"<textarea name=\"comment\"[^>]*>", workflow).group(0)
    assert 'aria-describedby="workflow-error"' in field and "autofocus" in field
    assert "autofocus" not in client.get(f"/projects/{view.id}").get_data(as_text=True)


def test_two_editors_of_one_draft_the_second_gets_a_conflict_and_keeps_what_they_typed(app, client, login, make_user, session):
    login("district_staff", "310115", username="first")
    location = client.post("/projects/new", data=form()).headers["Location"]
    project_id = int(location.rsplit("/", 1)[1])
    second = second_client(app, make_user, "second", "district_staff", "310115")
    version = project_view(session, project_id).version
    # both opened the edit form at the same version
    assert client.post(f"/projects/{project_id}/edit", data=form(title="第一位的修改", new_parcels="[]", version=version)).status_code == 302
    response = second.post(f"/projects/{project_id}/edit", data=form(title="第二位的修改", new_parcels="[]", version=version))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "first" in html and "title" in html and "第二位的修改" in html  # who, what, and the typed value kept
    assert project_view(session, project_id).title == "第一位的修改"


def test_staff_of_another_district_cannot_edit_or_submit(app, client, login, make_user, session):
    login("district_staff", "310115")
    location = client.post("/projects/new", data=form()).headers["Location"]
    project_id = int(location.rsplit("/", 1)[1])
    minhang = second_client(app, make_user, "minhang-staff", "district_staff", "310112")
    assert minhang.get(f"/projects/{project_id}/edit").status_code == 404  # another district's draft is invisible
    assert minhang.post(f"/projects/{project_id}/edit", data=form(district_code="310112", new_parcels="[]")).status_code in (403, 404)
    assert minhang.post(f"/projects/{project_id}/transition", data={"action": "submit"}).status_code in (403, 404)
    assert project_view(session, project_id).status == "draft"


def test_district_staff_cannot_approve(client, login, session):
    login("district_staff", "310115")
    location = client.post("/projects/new", data=form(save="submit")).headers["Location"]
    project_id = int(location.rsplit("/", 1)[1])
    assert client.post(f"/projects/{project_id}/transition", data={"action": "approve"}).status_code == 403
    assert project_view(session, project_id).status == "submitted"


def test_planner_cannot_edit(app, client, login, make_user, session):
    login("district_staff", "310115")
    location = client.post("/projects/new", data=form()).headers["Location"]
    project_id = int(location.rsplit("/", 1)[1])
    planner = second_client(app, make_user, "a-planner", "planner")
    assert planner.get(f"/projects/{project_id}/edit").status_code in (403, 404)
    assert planner.post(f"/projects/{project_id}/edit", data=form(new_parcels="[]")).status_code == 403


def test_reviewer_corrects_a_verified_project_with_a_recorded_reason(app, client, login, make_user, session):
    from registry.domain.permissions import Actor
    from registry.services import projects as svc
    from registry.services.projects.parsing import parse_draft

    staff, reviewer = Actor(None, "s", "district_staff", "310115"), Actor(None, "r", "city_reviewer")
    view = svc.register_project(session, staff, parse_draft(form()), submit=True)
    for actor, action in ((reviewer, "approve"), (staff, "complete"), (reviewer, "verify")):
        view = svc.transition(session, actor, view.id, action)
    login("city_reviewer")
    assert ">更正</a>" in client.get(f"/projects/{view.id}").get_data(as_text=True)
    assert client.get(f"/projects/{view.id}/correct").status_code == 200
    refused = client.post(f"/projects/{view.id}/correct", data=form(title="更正", new_parcels="[]", version=view.version, reason=""))
    assert refused.status_code == 422
    done = client.post(f"/projects/{view.id}/correct", data=form(title="更正后的名称", new_parcels="[]", version=view.version,
                                                                   reason="统计局核定数据更正", parcel_ids=str(view.parcels[0].id)))
    assert done.status_code == 302
    history = project_view(session, view.id).history
    assert history[-1].action == "correct" and history[-1].note == "统计局核定数据更正"
    # a verb that says what it does: a button "Correct" read as the adjective (is this record correct?)
    english = client.get(f"/projects/{view.id}?lang=en").get_data(as_text=True)
    assert ">Correct this project</a>" in english and ">Correct</a>" not in english


def test_a_correction_with_an_unreadable_field_names_the_field_not_a_refusal(client, login, session):
    """The reviewer corrects; an unreadable amount is a field problem of the form (it was refused as
    a permission: the form's early check asked for district staff's right to edit)."""
    from registry.domain.permissions import Actor
    from registry.services import projects as svc
    from registry.services.projects.parsing import parse_draft

    staff, reviewer = Actor(None, "s", "district_staff", "310115"), Actor(None, "r", "city_reviewer")
    view = svc.register_project(session, staff, parse_draft(form()), submit=True)
    for actor, action in ((reviewer, "approve"), (staff, "complete"), (reviewer, "verify")):
        view = svc.transition(session, actor, view.id, action)
    login("city_reviewer")
    refused = client.post(f"/projects/{view.id}/correct", data=form(
        title="更正", new_parcels="[]", version=view.version, reason="统计局核定", investment_wan_yuan="一百二十",
        parcel_ids=str(view.parcels[0].id)))
    assert refused.status_code == 422
    summary = refused.get_data(as_text=True).split('class="form-error"')[1].split("</div>")[0]
    assert "投资（万元）：必须是数字，实际为“一百二十”" in summary, summary
    assert project_view(session, view.id).title == "电机改造"


@pytest.mark.parametrize("version", ["abc", "²", "1.0"])
def test_a_transition_with_a_malformed_version_is_refused_not_unlocked(client, login, session, version):
    login("district_staff", "310115")
    project_id = int(client.post("/projects/new", data=form()).headers["Location"].rsplit("/", 1)[1])
    response = client.post(f"/projects/{project_id}/transition", data={"action": "submit", "version": version})
    assert response.status_code == 422 and "version" in response.get_data(as_text=True)
    assert project_view(session, project_id).status == "draft"
    edit = client.post(f"/projects/{project_id}/edit", data=form(title="不应保存", new_parcels="[]", version=version))
    assert edit.status_code == 422 and project_view(session, project_id).title == "电机改造"


@pytest.mark.parametrize("lang, expected", [
    # when, in the reader's date format (it said 2026-12-05 15:02 in both languages)
    ("zh", r"已于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 被"),
    ("en", r"This project was changed by stale-first at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\W[AP]M since")])
def test_a_stale_transition_says_who_when_and_which_fields(app, client, login, make_user, session, lang, expected):
    login("district_staff", "310115", username="stale-first")
    project_id = int(client.post("/projects/new", data=form()).headers["Location"].rsplit("/", 1)[1])
    opened = project_view(session, project_id).version
    assert client.post(f"/projects/{project_id}/transition", data={"action": "submit", "version": opened}).status_code == 302
    reviewer = second_client(app, make_user, "stale-reviewer", "city_reviewer")
    response = reviewer.post(f"/projects/{project_id}/transition?lang={lang}", data={"action": "approve", "version": opened})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and re.search(expected, html) and "stale-first" in html
    assert re.search(r"（字段：状态）|\(fields: Status\)", html)  # the field by its name, not its code
    assert "?" not in html[html.index("stale-first") - 40:html.index("stale-first") + 80] and "-)" not in html


def test_staff_report_completion_on_the_day_it_happened(client, login, session):
    from registry import clock
    from registry.domain.permissions import Actor
    from registry.services import projects as svc
    from registry.services.projects.parsing import parse_draft

    staff, reviewer = Actor(None, "s", "district_staff", "310115"), Actor(None, "r", "city_reviewer")
    view = svc.register_project(session, staff, parse_draft(form()), submit=True)  # a 2013 project
    view = svc.transition(session, reviewer, view.id, "approve")
    login("district_staff", "310115")
    page = client.get(f"/projects/{view.id}").get_data(as_text=True)
    assert f'name="completed_on" value="{clock.today().isoformat()}"' in page
    assert 'name="comment"' not in page  # returning is the reviewers' step, not staff's
    future = client.post(f"/projects/{view.id}/transition", data={
        "action": "complete", "version": view.version, "completed_on": "2999-01-01"})
    assert future.status_code == 422 and "不能晚于今天" in future.get_data(as_text=True)
    done = client.post(f"/projects/{view.id}/transition", data={
        "action": "complete", "version": view.version, "completed_on": "2013-12-28"})
    assert done.status_code == 302
    assert str(project_view(session, view.id).completed_on) == "2013-12-28"


def test_a_completion_date_belongs_to_the_complete_step_only(session):
    from registry.domain.errors import ValidationError
    from registry.domain.permissions import Actor
    from registry.services import projects as svc
    from registry.services.projects.parsing import parse_draft

    staff, reviewer = Actor(None, "s", "district_staff", "310115"), Actor(None, "r", "city_reviewer")
    view = svc.register_project(session, staff, parse_draft(form()), submit=True)
    with pytest.raises(ValidationError) as caught:
        svc.transition(session, reviewer, view.id, "approve", completed_on="2013-12-28")
    assert caught.value.field_errors[0].field == "completed_on"
