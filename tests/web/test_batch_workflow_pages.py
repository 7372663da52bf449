"""The project list's batch of workflow steps (批量审核): a checkbox on each row a step applies to,
named for the project; one post with every ticked row's version; one message, then the list with the
same filters; a refused batch says per project why, in the reader's language, keeping what was ticked
and typed. The service's rules: tests/integration/test_batch_workflow.py; in Chromium:
tests/browser/test_batch_review.py."""
from __future__ import annotations

import re

import pytest

from registry.services import projects as svc
from tests.integration.project_data import EXIT_INPUTS, PUDONG, REVIEWER, SQUARE, draft, submitted
from tests.web.flashes import after
from tests.web.page_text import text_of

pytestmark = pytest.mark.usefixtures("districts")

TICKED = re.compile(r'<input type="checkbox" name="selected" form="batch" value="(\d+)-(\d+)" data-steps="([a-z ]*)"( checked)?>')


def ticks(html: str) -> dict[int, tuple[str, bool]]:
    """{project id: (the steps its checkbox takes, ticked)} of a list page."""
    return {int(m[1]): (m[3], bool(m[4])) for m in TICKED.finditer(html)}


def ticked(*views) -> list[str]:
    return [f"{view.id}-{view.version}" for view in views]


def batch_form(html: str) -> str:
    found = re.search(r'<form id="batch".*?</form>', html, re.S)
    assert found, "no batch form"
    return found.group(0)


def test_a_reviewer_ticks_the_rows_a_step_applies_to_each_named_for_its_project(client, login, session):
    waiting = submitted(session, 2)
    kept = svc.register_project(session, PUDONG, draft(title="未提交的草稿", new_parcels=()))
    login("city_reviewer")
    html = client.get("/projects").get_data(as_text=True)
    assert ticks(html) == {v.id: ("approve return", False) for v in waiting}  # not the draft
    assert f'value="{kept.id}-' not in html
    for view in waiting:
        label = re.search(rf'value="{view.id}-{view.version}"[^>]*><span class="visually-hidden">([^<]*)</span>', html)
        assert label[1] == f"勾选 {view.reference} {view.title}"
    form = batch_form(html)
    assert re.findall(r'<button type="submit" name="action" value="(\w+)" class="([^"]*)"', form) == [
        ("approve", "batch-approve"), ("return", "batch-return secondary")]  # sending back, the lesser button
    assert "确定批准所勾选的 %(count)s 个项目吗？" in form and 'name="comment"' in form
    assert "报告完成" not in form  # said to those who report completion only
    assert '<label class="check" hidden><input type="checkbox" id="select-all"> 勾选本页全部</label>' in form
    # the table is outside the form (paper hides forms), its column of boxes on screens only
    assert html.index("</form>", html.index('<form id="batch"')) < html.index('<table class="data project-list cards sortable">')
    assert '<th scope="col" class="pick screen-only"><span class="visually-hidden">勾选</span></th>' in html
    assert "js/batch.js" in html


def test_district_staff_tick_their_drafts_to_submit_and_others_see_no_batch(client, login, session):
    mine = svc.register_project(session, PUDONG, draft(new_parcels=()))
    submitted(session, 1)
    login("district_staff", "310115")
    html = client.get("/projects").get_data(as_text=True)
    assert ticks(html) == {mine.id: ("submit", False)}
    assert re.findall(r'name="action" value="(\w+)"', batch_form(html)) == ["submit"]
    assert 'name="comment"' not in batch_form(html)
    assert "报告完成须在各项目页面进行，并填写各自的完成日期。" in batch_form(html)
    login("planner", username="a-planner")
    html = client.get("/projects").get_data(as_text=True)
    assert '<form id="batch"' not in html and ticks(html) == {} and "js/batch.js" not in html


def test_the_list_offers_submit_by_the_parcels_its_map_draws_without_counting_them_again(client, login, session, statements):
    """An exit is submitted with its site only; the list read its projects' parcels for the map, then
    counted each project's links in a statement of their own for the checkboxes."""
    def exit_draft(title: str, parcels: tuple) -> svc.ProjectView:
        return svc.register_project(session, PUDONG, draft(kind="structural_adjustment", structural_mode="shutdown",
                                                           inputs=EXIT_INPUTS, title=title, new_parcels=parcels))
    motor = svc.register_project(session, PUDONG, draft(new_parcels=()))
    bare, sited = exit_draft("化工厂关停", ()), exit_draft("印染厂关停", (svc.NewParcel(SQUARE, "M2"),))
    login("district_staff", "310115")
    statements.clear()
    html = client.get("/projects").get_data(as_text=True)
    assert ticks(html) == {motor.id: ("submit", False), sited.id: ("submit", False)} and f'value="{bare.id}-' not in html
    assert not [s for s, _ in statements if s.startswith("SELECT project_parcels.project_id, count(*)")]


def test_a_batch_approval_says_how_many_once_and_lists_the_same_filters(client, login, session):
    views = submitted(session, 2)
    login("city_reviewer")
    query = "?status=submitted&q=%E7%94%B5%E6%9C%BA&page_size=50"
    response = client.post(f"/projects/transitions{query}", data={"action": "approve", "selected": ticked(*views)})
    assert response.headers["Location"] == f"/projects{query}"
    assert after(client, response) == [("success", "已批准 2 个项目。")]
    assert [svc.get_project(session, REVIEWER, v.id).status for v in views] == ["approved", "approved"]


def test_the_message_is_in_the_readers_language(client, login, session):
    views = submitted(session, 1)
    login("city_reviewer")
    client.get("/lang/en")
    response = client.post("/projects/transitions", data={"action": "return", "comment": "补充台账",
                                                          "selected": ticked(*views)})
    assert after(client, response) == [("success", "Projects returned to their districts with your comment: 1.")]


@pytest.mark.parametrize("lang, summary, reason", [
    ("zh", "未做任何更改：所选的 2 个项目中有 1 个不能执行“批准”。请取消勾选或更正这些项目后再试。",
     r"已于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 被修改"),
    ("en", "Nothing was changed: 1 of the 2 selected projects cannot take the step “Approve”. "
           "Untick or correct them, then try again.", r"This project was changed at [A-Z][a-z]{2} \d{1,2}, \d{4}"),
])
def test_a_refused_batch_says_why_for_each_project_and_keeps_the_ticks(client, login, session, lang, summary,
                                                                       reason):
    views = submitted(session, 2)
    svc.transition(session, REVIEWER, views[1].id, "return", "先退回")  # changed since the page was drawn
    login("city_reviewer")
    response = client.post(f"/projects/transitions?status=submitted&lang={lang}",
                           data={"action": "approve", "selected": ticked(*views)})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    error = text_of(re.search(r'<div class="form-error" role="alert" id="batch-error">(.*?)</div>', html, re.S)[1]).strip()
    assert error.startswith(summary), error
    refused = re.search(r'<ul class="batch-refusals">(.*?)</ul>', html, re.S)[1]
    assert f'<a href="/projects/{views[1].id}">{views[1].reference} 电机改造 2</a>' in refused
    assert re.search(reason, text_of(refused)) and f"{views[0].reference}" not in refused
    assert ticks(html) == {views[0].id: ("approve return", True)}  # the same filters: the returned one is gone
    assert svc.get_project(session, REVIEWER, views[0].id).status == "submitted"


def test_a_refused_row_still_listed_is_marked_and_ticked_again(client, login, session):
    views = submitted(session, 2)
    stale = ticked(*views)
    svc.transition(session, REVIEWER, views[0].id, "approve")
    login("city_reviewer")
    response = client.post("/projects/transitions", data={"action": "return", "comment": "补充",
                                                          "selected": stale})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and re.search(rf'<tr class="refused">\s*<td class="pick screen-only"><label>'
                                                      rf'<input type="checkbox" name="selected" form="batch" '
                                                      rf'value="{views[0].id}-{views[0].version + 1}"', html)
    assert ticks(html)[views[0].id] == ("return", True) and ticks(html)[views[1].id] == ("approve return", True)
    assert "补充</textarea>" in html  # the comment typed is kept


def test_a_return_without_a_comment_is_refused_once_beside_the_comment(client, login, session):
    views = submitted(session, 3)
    login("city_reviewer")
    response = client.post("/projects/transitions", data={"action": "return", "comment": " ", "selected": ticked(*views)})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(r'<p class="form-error" role="alert" id="batch-error">意见：退回项目需要填写意见</p>', html)
    assert html.count("退回项目需要填写意见") == 1
    assert re.search(r'<textarea name="comment" rows="2" aria-describedby="batch-error" autofocus>', html)
    assert all(is_ticked for _, is_ticked in ticks(html).values()) and len(ticks(html)) == 3



def test_a_return_with_an_overlong_comment_is_refused_beside_it_and_changes_nothing(client, login, session):
    views = submitted(session, 2)
    login("city_reviewer")
    response = client.post("/projects/transitions", data={"action": "return", "comment": "补" * 5000,
                                                          "selected": ticked(*views)})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="form-error" role="alert" id="batch-error">意见：最多 2,000 个字符，此处为 5,000 个</p>' in html
    assert [svc.get_project(session, REVIEWER, v.id).status for v in views] == ["submitted", "submitted"]

def test_district_staff_cannot_batch_approve(client, login, session):
    views = submitted(session, 2)
    login("district_staff", "310115")
    response = client.post("/projects/transitions", data={"action": "approve", "selected": ticked(*views)})
    assert response.status_code == 403 and "您的角色不能执行“批准”。" in response.get_data(as_text=True)
    assert [svc.get_project(session, REVIEWER, v.id).status for v in views] == ["submitted", "submitted"]


def test_another_districts_draft_cannot_be_submitted_in_a_batch(client, login, session):
    theirs = svc.register_project(session, PUDONG, draft(title="浦东未公开草稿", new_parcels=()))
    login("district_staff", "310112")
    response = client.post("/projects/transitions", data={"action": "submit", "selected": ticked(theirs)})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "浦东未公开草稿" not in html and theirs.reference not in html
    assert f"#{theirs.id}：没有 ID 为 {theirs.id} 的项目" in text_of(html)
    assert svc.get_project(session, REVIEWER, theirs.id).status == "draft"


@pytest.mark.parametrize("selected, message", [
    (None, "所选项目：请至少选择一个项目"),
    ([f"{n}-1" for n in range(1, 202)], "所选项目：一次最多 200 个项目，已选择 201 个；请减少所选项目后再试。"),
    (["12-x"], "所选项目：无法读取所勾选的一行（“12-x”）：请重新加载列表并重新勾选项目"),
])
def test_a_batch_out_of_bounds_is_refused_precisely(client, login, session, selected, message):
    submitted(session, 1)
    login("city_reviewer")
    response = client.post("/projects/transitions", data={"action": "approve", "selected": selected or []})
    assert response.status_code == 422
    assert f'<p class="form-error" role="alert" id="batch-error">{message}</p>' in response.get_data(as_text=True)


def test_reporting_completion_is_not_batched(client, login, session):
    view = submitted(session, 1)[0]
    svc.transition(session, REVIEWER, view.id, "approve")
    login("district_staff", "310115")
    html = client.get("/projects?district=").get_data(as_text=True)
    assert '<form id="batch"' not in html  # an approved project's next step is its own completion day
    response = client.post("/projects/transitions", data={"action": "complete", "selected": ticked(
        svc.get_project(session, REVIEWER, view.id))})
    assert response.status_code == 422 and "报告完成须在各项目页面逐一进行" in response.get_data(as_text=True)


def test_a_page_holds_up_to_the_largest_batch(client, login, session):
    submitted(session, 1)
    login("city_reviewer")
    html = client.get("/projects?page_size=200").get_data(as_text=True)
    assert '<option value="200" selected>200</option>' in html
    assert '<option value="25" selected>25</option>' in client.get("/projects?page_size=1000").get_data(as_text=True)
