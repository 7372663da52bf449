"""The project page's workflow card and return notice: the reviewer's comment where the district
corrects the project, a card only for a reader who may take a step, a step refused as stale shown on
the project as it is now, and people named as the top bar names them."""
from __future__ import annotations

import re

import pytest

from tests.web.clients import second_client
from tests.web.page_text import section
from tests.web.project_form import form, project_view

pytestmark = pytest.mark.usefixtures("districts")


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
    # on the project page a notice at the top, under the title, above the card with the Edit button
    page = client.get(f"/projects/{view.id}").get_data(as_text=True)
    top = page.split('<section class="list-head">')[1].split("</section>", 1)[1].split('<div class="project-layout">')[0]
    assert 'class="return-comment"' in top and "编辑" in section(page, "workflow")
    refused = client.post(f"/projects/{view.id}/edit", data=form(credit_code="", version=view.version + 1))
    assert refused.status_code == 422 and "请补充2016年燃煤消耗台账" in refused.get_data(as_text=True)
    resubmitted = svc.transition(session, staff, view.id, "submit")
    assert 'class="return-comment"' not in client.get(f"/projects/{resubmitted.id}").get_data(as_text=True)


def test_a_returned_project_shows_no_card_to_a_reader_who_can_do_nothing_about_it(app, client, login, make_user,
                                                                                  session):
    """The return comment kept the workflow card on the page for a reviewer or a planner, a card with no
    button, only to carry a comment the history below also holds and that only the district acts on."""
    from registry.services import projects as svc
    from tests.integration.project_data import PUDONG, REVIEWER, draft

    view = svc.register_project(session, PUDONG, draft(title="退回的项目", new_parcels=()), submit=True)
    svc.transition(session, REVIEWER, view.id, "return", "请补充铭牌照片")
    for role in ("city_reviewer", "planner"):
        page = second_client(app, make_user, f"returned-{role}", role).get(f"/projects/{view.id}").get_data(as_text=True)
        assert '<section class="card workflow">' not in page and 'class="return-comment"' not in page, role
        assert "请补充铭牌照片" in re.search(r'<ol class="history">(.*?)</ol>', page, re.S).group(1), role


def test_a_step_refused_as_stale_shows_the_project_as_it_is_now_with_the_reason_in_its_card(
        app, client, login, make_user, session):
    """Approving in a second tab (or after a colleague's step) led to a bare error page whose only link
    was the overview: no way back to the project, its new state unseen, a typed comment lost."""
    from registry.services import projects as svc
    from tests.integration.project_data import PUDONG, draft

    view = svc.register_project(session, PUDONG, draft(new_parcels=()), submit=True)
    first = second_client(app, make_user, "tab-first", "city_reviewer")
    assert first.post(f"/projects/{view.id}/transition",
                      data={"action": "approve", "version": view.version}).status_code == 302
    login("city_reviewer", username="tab-second")
    response = client.post(f"/projects/{view.id}/transition",
                           data={"action": "return", "comment": "请补充铭牌照片", "version": view.version})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    workflow = re.search(r'<section class="card workflow">(.*?)</section>', page, re.S).group(1)
    # what happens, not "reload to see theirs" (请重新加载查看其修改) above the version it asked for
    assert re.search(r'<p class="form-error" role="alert" id="workflow-error">自您打开以来，该项目已于 [^<]*? 被 tab-first '
                     r'修改（字段：状态）。您的操作未执行：下面是项目现在的状态。</p>', workflow)
    assert "重新加载" not in page
    assert "已批准" in workflow and "请补充铭牌照片</textarea>" in workflow  # its state now, the comment kept
    assert f'name="version" value="{view.version + 1}"' in workflow  # the next step is taken on what is shown
    assert 'value="approve"' not in workflow and project_view(session, view.id).status == "approved"


def test_history_and_the_return_notice_name_people_as_the_top_bar_does(client, session):
    """They gave the sign-in name ("由 reviewer 退回"), which the district does not know the reviewer by."""
    from registry.domain.permissions import Actor
    from registry.services import accounts, projects as svc
    from registry.services.projects.parsing import parse_draft
    from tests.conftest import TEST_PASSWORD

    staff = accounts.create_user(session, Actor.system(), "pd-staff", TEST_PASSWORD, "district_staff", "310115",
                                 display_name="张伟")
    reviewer = accounts.create_user(session, Actor.system(), "city-rev", TEST_PASSWORD, "city_reviewer",
                                    display_name="王敏")
    view = svc.register_project(session, Actor(staff.id, staff.username, "district_staff", "310115"),
                                parse_draft(form()), submit=True)
    svc.transition(session, Actor(reviewer.id, reviewer.username, "city_reviewer"), view.id, "return", "请补充铭牌照片")
    client.post("/login", data={"username": "pd-staff", "password": TEST_PASSWORD})
    page = client.get(f"/projects/{view.id}").get_data(as_text=True)
    note = re.search(r'<div class="return-comment"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert "由 王敏 退回" in note and "city-rev" not in note
    history = re.search(r'<ol class="history">(.*?)</ol>', page, re.S).group(1)
    channel = r' <span class="badge channel channel-unknown">未知</span> · '  # after the person: these Actors name none
    assert re.search(r'<strong title="city-rev">王敏</strong>' + channel + '退回', history)
    assert re.search(r'<strong title="pd-staff">张伟</strong>' + channel + '创建', history)


def test_the_workflow_card_stands_only_where_the_reader_may_do_something(app, client, login, make_user, session):
    """A planner, or a reader who may take no step, got a card with the status alone (already under the
    title) and, on a draft or a verified project, an empty form."""
    from registry.services import projects as svc
    from tests.integration.project_data import PUDONG, REVIEWER, draft

    drafted = svc.register_project(session, PUDONG, draft(title="草稿"))
    verified = svc.register_project(session, PUDONG, draft(title="已核实", new_parcels=()), submit=True)
    for actor, action in ((REVIEWER, "approve"), (PUDONG, "complete"), (REVIEWER, "verify")):
        verified = svc.transition(session, actor, verified.id, action)
    readers = {role: second_client(app, make_user, f"card-{role}", role, district)
               for role, district in (("planner", None), ("city_reviewer", None), ("district_staff", "310115"))}

    def card(role: str, project_id: int) -> str | None:
        page = readers[role].get(f"/projects/{project_id}").get_data(as_text=True)
        found = re.search(r'<section class="card workflow">(.*?)</section>', page, re.S)
        return found and found.group(1)

    assert card("planner", drafted.id) is None and card("planner", verified.id) is None
    assert card("city_reviewer", drafted.id) is None and card("district_staff", verified.id) is None
    assert "/edit" in card("district_staff", drafted.id) and "/correct" in card("city_reviewer", verified.id)
