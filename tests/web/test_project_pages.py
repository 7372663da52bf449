"""Project pages through the Flask client: the registration form, the list and detail pages, the
enterprise look-up, and what the pages refuse (the workflow: test_project_workflow_pages.py)."""
from __future__ import annotations

import re

import pytest

from registry.services import projects as svc
from tests.integration.project_data import CREDIT, PUDONG, draft
from tests.web.page_text import section
from tests.web.project_form import JSON, form, project_view, projects

pytestmark = pytest.mark.usefixtures("districts")


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


def test_enterprise_lookup(client, login):
    login("district_staff", "310115")
    client.post("/projects/new", data=form())
    assert client.get(f"/projects/enterprise?code={CREDIT}").get_json()["name"] == "上海测试电机有限公司"
    assert client.get("/projects/enterprise?code=91310115MA1K000020", headers=JSON).status_code == 422


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
    enterprise_id = re.search(r'href="/enterprises/(\d+)"', detail)[1]  # not the bar's directory, /enterprises/
    page = client.get(f"/enterprises/{enterprise_id}").get_data(as_text=True)
    assert "上海测试电机有限公司" in page and "2013-310115-0001" in page and "创建" in page
    parcel_id = project_view(session, int(location.rsplit("/", 1)[1])).parcels[0].id
    parcel_page = client.get(f"/land/parcels/{parcel_id}").get_data(as_text=True)
    assert "历史记录" in parcel_page and "创建" in parcel_page
    assert client.get("/enterprises/99999999999").status_code == 404


def test_an_admin_registering_in_an_unknown_district_gets_a_field_error(client, login, session):
    login("admin")
    response = client.post("/projects/new", data=form(district_code="999999", new_parcels="[]"))
    assert response.status_code == 422 and "没有代码为 999999 的区" in response.get_data(as_text=True)
    assert projects(session) == 0


AUDIT = {"kind": "cleaner_production", "year": 2013}
INTENSITY = {"kind": "technical_retrofit", "year": 2013, "method": "intensity", "intensity_before": 1.2,
             "intensity_after": 1.0, "intensity_unit": "kgce/万元", "output_reporting": 5000}


@pytest.mark.parametrize("kind, inputs, shown", [
    ("motor_upgrade", None, ("输入", "折标系数", "全部折标系数与等价值", "计算步骤")),
    ("technical_retrofit", INTENSITY, ("输入", "计算步骤")),  # intensities are already in standard coal
    ("cleaner_production", AUDIT, ("输入",)),  # no ledger: nothing converted, no step, a note says why
])
def test_a_savings_trace_shows_only_the_parts_it_has(client, login, session, kind, inputs, shown):
    # an audit's trace showed the headings 折标系数 and 计算步骤 over nothing
    extra = {"kind": kind, "inputs": inputs} if inputs else {}
    view = svc.register_project(session, PUDONG, draft(new_parcels=(), **extra))
    login("city_reviewer")
    trace = section(client.get(f"/projects/{view.id}").get_data(as_text=True), "trace")
    parts = ("输入", "折标系数", "全部折标系数与等价值", "计算步骤")
    assert tuple(part for part in parts if part in trace) == shown, trace
    if kind == "cleaner_production":
        assert "未提供实测能源台账的清洁生产审核不计节能量" in trace


def test_a_project_links_the_projects_of_its_kind_and_year_to_compare_with(client, login, session):
    """A reviewer judging 13.56 tce for 1,870 kW of motors had no way to the like projects but
    typing the list's filters: the page links them, by savings, every district's."""
    view = svc.register_project(session, PUDONG, draft(new_parcels=()), submit=True)
    login("city_reviewer")
    html = client.get(f"/projects/{view.id}").get_data(as_text=True)
    link = re.search(r'<p class="hint screen-only" id="compare"><a href="([^"]*)">([^<]*)</a></p>', html)
    assert link and link.group(2) == "对比：2013 年的高效电机推广项目，按节能量排序"
    assert link.group(1) == "/projects?kind=motor_upgrade&amp;year=2013&amp;district=&amp;sort=savings_tce"
    listed = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert f'href="/projects/{view.id}"' in listed and 'aria-sort="descending"' in listed
    english = client.get(f"/projects/{view.id}?lang=en").get_data(as_text=True)
    assert "Compare: High-efficiency motor upgrade projects of 2013, by savings" in english
