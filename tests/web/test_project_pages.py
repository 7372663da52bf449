"""Project pages through the Flask client: list, detail, registration form, checks, uploads."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import func, select

from registry.models import Project
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.integration.test_projects import CREDIT, MOTORS, SQUARE


@pytest.fixture(autouse=True)
def districts(session):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))


JSON = {"Accept": "application/json"}


def form(**overrides) -> dict:
    values = {"kind": "motor_upgrade", "year": "2013", "title": "电机改造", "district_code": "310115",
              "credit_code": CREDIT, "enterprise_name": "上海测试电机有限公司", "inputs": json.dumps(MOTORS),
              "new_parcels": json.dumps([{"type": "Feature", "geometry": SQUARE, "properties": {"land_use_class": "M2"}}]),
              "parcel_ids": "", "investment_wan_yuan": "120", "save": "draft"}
    return values | overrides


def projects(session) -> int:
    return session.execute(select(func.count()).select_from(Project)).scalar_one()


def test_staff_registers_a_project_through_the_form(client, login, session):
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(save="submit"))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "已提交" in detail and "0.87" in detail and "原煤" not in detail
    assert "折标准煤" in detail or "节能量" in detail  # the trace is shown in Chinese


def test_a_bad_credit_code_re_renders_the_form_with_what_was_typed(client, login, session):
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(credit_code="91310115MA1K000020", title="保留我输入的名称"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "保留我输入的名称" in html and "credit_code" in html
    assert projects(session) == 0


def test_staff_cannot_register_in_another_district(client, login, session):
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(district_code="310112", new_parcels="[]"))
    assert response.status_code == 403
    assert projects(session) == 0


def test_planner_cannot_open_the_registration_form(client, login):
    login("planner")
    assert client.get("/projects/new").status_code == 403


def test_list_and_detail_pages(client, login):
    login("district_staff", "310115")
    location = client.post("/projects/new", data=form()).headers["Location"]
    listing = client.get("/projects?kind=motor_upgrade&q=测试电机").get_data(as_text=True)
    assert "2013-310115-0001" in listing and "上海测试电机有限公司" in listing
    assert "&nbsp;吨标准煤" in listing and "&nbsp;tce" not in listing  # the unit in the page's language
    assert "2013-310115-0001" not in client.get("/projects?kind=boiler_replacement").get_data(as_text=True)
    detail = client.get(location).get_data(as_text=True)
    assert "草稿" in detail and "提交审核" in detail
    assert "&nbsp;tce" in client.get("/projects?kind=motor_upgrade&lang=en").get_data(as_text=True)


def test_return_without_comment_is_refused_on_the_page(client, login, session):
    from registry.domain.permissions import Actor
    from registry.services import projects as svc
    from registry.services.projects.parsing import parse_draft

    view = svc.register_project(session, Actor(None, "s", "district_staff", "310115"), parse_draft(form()), submit=True)
    login("city_reviewer")
    response = client.post(f"/projects/{view.id}/transition", data={"action": "return", "comment": "", "version": view.version})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "意见：退回项目需要填写意见" in page and "comment:" not in page  # the field by its name, not its code


def test_enterprise_lookup(client, login):
    login("district_staff", "310115")
    client.post("/projects/new", data=form())
    assert client.get(f"/projects/enterprise?code={CREDIT}").get_json()["name"] == "上海测试电机有限公司"
    assert client.get("/projects/enterprise?code=91310115MA1K000020", headers=JSON).status_code == 422


def _second_client(app, make_user, username, role, district=None):
    from tests.conftest import TEST_PASSWORD

    other = app.test_client()
    make_user(username, role, district)
    assert other.post("/login", data={"username": username, "password": TEST_PASSWORD}).status_code == 302
    return other


def test_two_editors_of_one_draft_the_second_gets_a_conflict_and_keeps_what_they_typed(app, client, login, make_user, session):
    from registry.services import projects as svc

    login("district_staff", "310115", username="first")
    location = client.post("/projects/new", data=form()).headers["Location"]
    project_id = int(location.rsplit("/", 1)[1])
    second = _second_client(app, make_user, "second", "district_staff", "310115")
    version = svc.get_project(session, svc_actor(), project_id).version
    # both opened the edit form at the same version
    assert client.post(f"/projects/{project_id}/edit", data=form(title="第一位的修改", new_parcels="[]", version=version)).status_code == 302
    response = second.post(f"/projects/{project_id}/edit", data=form(title="第二位的修改", new_parcels="[]", version=version))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "first" in html and "title" in html and "第二位的修改" in html  # who, what, and the typed value kept
    assert svc.get_project(session, svc_actor(), project_id).title == "第一位的修改"


def svc_actor():
    from registry.domain.permissions import Actor

    return Actor(None, "test", "city_reviewer")


def test_staff_of_another_district_cannot_edit_or_submit(app, client, login, make_user, session):
    login("district_staff", "310115")
    location = client.post("/projects/new", data=form()).headers["Location"]
    project_id = int(location.rsplit("/", 1)[1])
    minhang = _second_client(app, make_user, "minhang-staff", "district_staff", "310112")
    assert minhang.get(f"/projects/{project_id}/edit").status_code == 404  # another district's draft is invisible
    assert minhang.post(f"/projects/{project_id}/edit", data=form(district_code="310112", new_parcels="[]")).status_code in (403, 404)
    assert minhang.post(f"/projects/{project_id}/transition", data={"action": "submit"}).status_code in (403, 404)
    assert svc_view(session, project_id).status == "draft"


def svc_view(session, project_id):
    from registry.services import projects as svc

    return svc.get_project(session, svc_actor(), project_id)


def test_district_staff_cannot_approve(client, login, session):
    login("district_staff", "310115")
    location = client.post("/projects/new", data=form(save="submit")).headers["Location"]
    project_id = int(location.rsplit("/", 1)[1])
    assert client.post(f"/projects/{project_id}/transition", data={"action": "approve"}).status_code == 403
    assert svc_view(session, project_id).status == "submitted"


def test_planner_cannot_edit(app, client, login, make_user, session):
    login("district_staff", "310115")
    location = client.post("/projects/new", data=form()).headers["Location"]
    project_id = int(location.rsplit("/", 1)[1])
    planner = _second_client(app, make_user, "a-planner", "planner")
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
    assert "更正" in client.get(f"/projects/{view.id}").get_data(as_text=True)
    assert client.get(f"/projects/{view.id}/correct").status_code == 200
    refused = client.post(f"/projects/{view.id}/correct", data=form(title="更正", new_parcels="[]", version=view.version, reason=""))
    assert refused.status_code == 422
    done = client.post(f"/projects/{view.id}/correct", data=form(title="更正后的名称", new_parcels="[]", version=view.version,
                                                                   reason="统计局核定数据更正", parcel_ids=str(view.parcels[0].id)))
    assert done.status_code == 302
    history = svc_view(session, view.id).history
    assert history[-1].action == "correct" and history[-1].note == "统计局核定数据更正"


@pytest.mark.parametrize("path", ["/projects/99999999999", "/projects/99999999999/edit", "/projects?year=99999999999"])
def test_out_of_range_numbers_are_not_a_server_error(client, login, path):
    login("planner")
    assert client.get(path).status_code in (200, 404, 422)


def test_nul_characters_in_a_form_are_refused_precisely(client, login, session):
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(title="bad\x00title"))
    assert response.status_code == 422
    assert projects(session) == 0
    assert client.get("/projects?q=a%00b").status_code == 422


def test_enterprise_and_parcel_pages_show_their_history(client, login, session):
    login("district_staff", "310115")
    location = client.post("/projects/new", data=form()).headers["Location"]
    detail = client.get(location).get_data(as_text=True)
    enterprise_url = detail.split('href="/enterprises/')[1].split('"')[0]
    page = client.get(f"/enterprises/{enterprise_url}").get_data(as_text=True)
    assert "上海测试电机有限公司" in page and "2013-310115-0001" in page and "创建" in page
    parcel_id = svc_view(session, int(location.rsplit("/", 1)[1])).parcels[0].id
    parcel_page = client.get(f"/land/parcels/{parcel_id}").get_data(as_text=True)
    assert "历史记录" in parcel_page and "创建" in parcel_page
    assert client.get("/enterprises/99999999999").status_code == 404


@pytest.mark.parametrize("version", ["abc", "²", "1.0"])
def test_a_transition_with_a_malformed_version_is_refused_not_unlocked(client, login, session, version):
    login("district_staff", "310115")
    project_id = int(client.post("/projects/new", data=form()).headers["Location"].rsplit("/", 1)[1])
    response = client.post(f"/projects/{project_id}/transition", data={"action": "submit", "version": version})
    assert response.status_code == 422 and "version" in response.get_data(as_text=True)
    assert svc_view(session, project_id).status == "draft"
    edit = client.post(f"/projects/{project_id}/edit", data=form(title="不应保存", new_parcels="[]", version=version))
    assert edit.status_code == 422 and svc_view(session, project_id).title == "电机改造"


@pytest.mark.parametrize("lang, expected", [
    # when, in the reader's date format (it said 2026-12-05 15:02 in both languages)
    ("zh", r"已于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 被"),
    ("en", r"This project was changed by stale-first at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\W[AP]M since")])
def test_a_stale_transition_says_who_when_and_which_fields(app, client, login, make_user, session, lang, expected):
    login("district_staff", "310115", username="stale-first")
    project_id = int(client.post("/projects/new", data=form()).headers["Location"].rsplit("/", 1)[1])
    opened = svc_view(session, project_id).version
    assert client.post(f"/projects/{project_id}/transition", data={"action": "submit", "version": opened}).status_code == 302
    reviewer = _second_client(app, make_user, "stale-reviewer", "city_reviewer")
    response = reviewer.post(f"/projects/{project_id}/transition?lang={lang}", data={"action": "approve", "version": opened})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and re.search(expected, html) and "stale-first" in html
    assert re.search(r"（字段：状态）|\(fields: Status\)", html)  # the field by its name, not its code
    assert "?" not in html[html.index("stale-first") - 40:html.index("stale-first") + 80] and "-)" not in html


def test_an_admin_registering_in_an_unknown_district_gets_a_field_error(client, login, session):
    login("admin")
    response = client.post("/projects/new", data=form(district_code="999999", new_parcels="[]"))
    assert response.status_code == 422 and "没有代码为 999999 的区" in response.get_data(as_text=True)
    assert projects(session) == 0


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
    assert str(svc_view(session, view.id).completed_on) == "2013-12-28"


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


def test_a_returned_project_shows_the_reviewers_comment_where_it_is_corrected(client, login, session):
    """The comment was only in the history at the foot of the project page, and not on the edit page."""
    from registry.domain.permissions import Actor
    from registry.services import projects as svc
    from registry.services.projects.parsing import parse_draft

    staff, reviewer = Actor(None, "s", "district_staff", "310115"), Actor(None, "r", "city_reviewer")
    view = svc.register_project(session, staff, parse_draft(form()), submit=True)
    svc.transition(session, reviewer, view.id, "return", "请补充2016年燃煤消耗台账")
    login("district_staff", "310115")
    for path in (f"/projects/{view.id}", f"/projects/{view.id}/edit"):
        page = client.get(path).get_data(as_text=True)
        note = re.search(r'<div class="return-comment"[^>]*>(.*?)</div>', page, re.S)
        assert note, path
        assert "退回，审核意见：" in note.group(1) and "请补充2016年燃煤消耗台账" in note.group(1), note.group(1)
    refused = client.post(f"/projects/{view.id}/edit", data=form(credit_code="", version=view.version + 1))
    assert refused.status_code == 422 and "请补充2016年燃煤消耗台账" in refused.get_data(as_text=True)
    resubmitted = svc.transition(session, staff, view.id, "submit")
    assert 'class="return-comment"' not in client.get(f"/projects/{resubmitted.id}").get_data(as_text=True)
