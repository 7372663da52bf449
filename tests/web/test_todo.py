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


def test_the_projects_waiting_that_the_monitoring_flags_are_counted_under_their_line(client, login, session, tmp_path,
                                                                                       districts):
    """A reviewer's to-do said 已提交、待审核的项目 12 and nothing of the one whose claimed consumption
    deviates from the online monitoring: found only by opening 更多筛选 on the list, or each project."""
    import re

    from registry.services import monitoring as monitoring_service
    from registry.services import projects as svc
    from tests.integration.monitoring_data import ADMIN, csv_file
    from tests.integration.project_data import CREDIT, EXIT_INPUTS, PUDONG, draft

    flagged = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS), submit=True)
    svc.register_project(session, PUDONG, draft(new_parcels=()), submit=True)  # motors, consistent with the figure
    svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS, new_parcels=()))  # a draft
    monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(CREDIT, 2012, "560", "市平台")]))
    login("city_reviewer")
    html = client.get("/").get_data(as_text=True)
    line = re.search(r'<li class="flagged"><a href="([^"]*)">([^<]*)</a>\s*<span class="count">(\d+)</span></li>', html)
    assert line and line.groups() == ("/projects?status=submitted&amp;monitoring=flagged", "其中与监测数据偏差超限", "1")
    assert html.index("已提交、待审核的项目") < line.start() and html.count('class="flagged"') == 1
    listed = client.get("/projects?status=submitted&monitoring=flagged").get_data(as_text=True)
    assert f'href="/projects/{flagged.id}"' in listed and "共 1 项" in listed
    login("district_staff", "310115")  # its draft, before it is submitted
    assert "/projects?status=draft&amp;district=310115&amp;monitoring=flagged" in client.get("/").get_data(as_text=True)
    login("planner")  # reads no verdict
    assert 'class="flagged"' not in client.get("/").get_data(as_text=True)
