"""The overview's "waiting for you" list: each role sees the projects that wait for its next step."""
from __future__ import annotations

from sqlalchemy import text

from registry.domain.workflow import awaiting
from tests.integration import rollup_data


def test_each_role_waits_on_the_statuses_its_own_steps_start_from():
    assert awaiting("district_staff") == {"draft": "submit", "returned": "submit", "approved": "complete"}
    assert awaiting("city_reviewer") == {"submitted": "approve", "completed": "verify"}
    assert awaiting("admin") == awaiting("city_reviewer")  # the districts' own steps stay on their lists
    assert awaiting("planner") == {}


def test_district_staff_see_their_districts_projects_that_wait_for_them(client, login, session):
    rollup_data.load(session)  # P9 approved in 310115; P6 completed in 310115; others verified
    session.execute(text("UPDATE projects SET status = 'returned', completed_on = NULL, verified_on = NULL "
                         "WHERE reference IN ('P3', 'P8')"))  # both in 310112
    login("district_staff", "310115")
    html = client.get("/").get_data(as_text=True)
    assert "已批准、待报告完成的项目" in html and "/projects?status=approved&amp;district=310115" in html
    assert "已退回" not in html  # the returned ones are another district's


def test_reviewers_see_what_waits_for_review_and_verification_city_wide(client, login, session):
    rollup_data.load(session)
    session.execute(text("UPDATE projects SET status = 'submitted', completed_on = NULL, verified_on = NULL "
                         "WHERE reference IN ('P3', 'P8')"))
    login("city_reviewer")
    html = client.get("/?lang=en").get_data(as_text=True)
    assert "Submitted projects to review" in html and "/projects?status=submitted" in html
    assert "Completed projects to verify" in html and "Approved projects" not in html


def test_planners_see_freed_parcels_nobody_has_planned(client, login, ids):
    login("planner")
    html = client.get("/").get_data(as_text=True)
    assert "尚无二次开发规划的腾出地块" in html and "/land/freed?status=freed" in html


def test_nothing_waiting_says_so(client, login):
    login("district_staff", "310115")
    assert "目前没有等待您处理的事项。" in client.get("/").get_data(as_text=True)
