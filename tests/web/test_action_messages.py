"""Each successful write on the pages says what it did, once, at the top of the next page; the
irreversible ones ask first (data-confirm, read by static/js/confirm.js; tests/browser/test_confirmations.py)."""
from __future__ import annotations

import html as html_lib

import pytest
from sqlalchemy import text

from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.conftest import TEST_PASSWORD
from tests.integration import rollup_data
from tests.web.flashes import after, flashes
from tests.web.project_form import form


def test_the_project_workflow_says_what_each_step_did(app, client, login, make_user, session):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    login("district_staff", "310115")
    created = client.post("/projects/new", data=form())
    assert after(client, created) == [("success", "项目 2013-310115-0001 已登记为草稿。")]
    project_id = int(created.headers["Location"].rsplit("/", 1)[1])
    saved = client.post(f"/projects/{project_id}/edit", data=form(new_parcels="[]", version=_version(session, project_id),
                                                                  parcel_ids=_parcel_ids(session, project_id)))
    assert after(client, saved) == [("success", "项目 2013-310115-0001 的草稿已保存。")]
    reviewer = app.test_client()
    make_user("reviewer", "city_reviewer")
    assert reviewer.post("/login", data={"username": "reviewer", "password": TEST_PASSWORD}).status_code == 302

    def step(who, action: str, comment: str = "") -> list[tuple[str, str]]:
        return after(who, who.post(f"/projects/{project_id}/transition",
                                   data={"action": action, "comment": comment, "version": _version(session, project_id)}))

    assert step(client, "submit") == [("success", "项目 2013-310115-0001 已提交审核。")]
    assert step(reviewer, "return", "请补充电机铭牌") == [("success", "项目 2013-310115-0001 已连同您的意见退回区级。")]
    assert step(client, "submit") == [("success", "项目 2013-310115-0001 已提交审核。")]
    assert step(reviewer, "approve") == [("success", "项目 2013-310115-0001 已批准。")]
    assert step(client, "complete") == [("success", "项目 2013-310115-0001 已报告完成。")]
    reviewer.get("/lang/en")
    assert step(reviewer, "verify") == [("success", "Project 2013-310115-0001 verified.")]


def _version(session, project_id: int) -> int:
    return session.execute(text("SELECT version FROM projects WHERE id = :i"), {"i": project_id}).scalar_one()


def _parcel_ids(session, project_id: int) -> str:
    rows = session.execute(text("SELECT parcel_id FROM project_parcels WHERE project_id = :i"), {"i": project_id})
    return " ".join(str(r) for r in rows.scalars())


def test_a_refused_step_shows_no_success_message(client, login, session):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    login("district_staff", "310115")
    project_id = int(client.post("/projects/new", data=form(save="submit")).headers["Location"].rsplit("/", 1)[1])
    client.get(f"/projects/{project_id}")  # the registration's own message is shown and gone
    client.post("/logout")
    login("city_reviewer")
    refused = client.post(f"/projects/{project_id}/transition", data={"action": "return", "comment": ""})
    assert refused.status_code == 422 and flashes(refused.get_data(as_text=True)) == []
    assert flashes(client.get(f"/projects/{project_id}").get_data(as_text=True)) == []


def test_targets_add_and_remove_say_so_and_removing_asks_first(client, login, session):
    login("admin")
    saved = client.post("/targets", data={"year": "2013", "scope": "city", "metric": "emc_projects", "kind": "plan",
                                          "value": "200"})
    assert after(client, saved) == [("success", "2013 年度目标已保存。")]
    page = html_lib.unescape(client.get("/targets?year=2013").get_data(as_text=True))
    assert 'data-confirm="确定移除目标“合同能源管理项目”（全市，2013 年）吗？此操作无法撤销。"' in page
    assert 'class="danger small">移除</button>' in page
    target_id = session.execute(text("SELECT id FROM targets WHERE metric = 'emc_projects'")).scalar_one()
    removed = client.post(f"/targets/{target_id}/delete", data={"year": "2013"})
    assert after(client, removed) == [("success", "目标已移除。")]


def test_closing_a_year_asks_first_and_then_says_it_is_frozen(client, login, session):
    rollup_data.load(session)
    login("admin")
    page = html_lib.unescape(client.get("/rollups?year=2013").get_data(as_text=True))
    assert "确定对 2013 年度结账并冻结其报表吗？此操作无法在此撤销：重新打开已结账年度需由数据库管理员处理。" in page
    english = html_lib.unescape(client.get("/rollups?year=2013&lang=en").get_data(as_text=True))
    assert "Close 2013 and freeze its report? This cannot be undone here" in english
    closed = client.post("/rollups/close?lang=zh_Hans_CN", data={"year": "2013", "rule": "verified"})
    assert after(client, closed) == [("success", "2013 年度已结账：报表已冻结，可在下方下载。")]


@pytest.fixture
def planner(login):
    return login("planner")


def test_parcel_planning_actions_say_what_they_did(client, ids, planner):
    planned = client.post(f"/land/parcels/{ids['P1']}/plan", data={"new_use": "A35", "planned_on": "2018-01-02"})
    assert after(client, planned) == [("success", "二次开发计划已保存。")]
    withdrawn = client.post(f"/land/parcels/{ids['P1']}/withdraw")
    assert after(client, withdrawn) == [("success", "计划已撤回：该地块重新成为腾出土地。")]
    output = client.post(f"/land/parcels/{ids['P1']}/output", data={"year": "2019", "output_wan_yuan": "120"})
    assert after(client, output) == [("success", "产值已记录。")]


def test_a_message_is_escaped_like_any_text(client, login):
    login("planner")
    created = client.post("/account/tokens", data={"name": "<b>导出</b>", "days": "30"})
    page = client.get(created.headers["Location"]).get_data(as_text=True)
    assert "&lt;b&gt;导出&lt;/b&gt;" in page and "<b>导出</b>" not in page
