"""The pages keep the review's rule on an exit's parcels: the wizard's submit refuses an exit
without one beside its parcels step, keeping what was typed and writing nothing; so do the edit
form's submit and the project page's submit button (registry/domain/workflow.py, ``parcel_errors``)."""
from __future__ import annotations

import json
import re

import pytest

from registry.services import projects as svc
from tests.integration.project_data import EXIT_INPUTS, PUDONG, draft
from tests.web.page_text import section, text_of
from tests.web.project_form import form, project_view, projects

pytestmark = pytest.mark.usefixtures("districts")

EXIT = {"kind": "structural_adjustment", "title": "化工厂关停", "structural_mode": "shutdown",
        "inputs": json.dumps(EXIT_INPUTS), "new_parcels": "[]"}
NEEDS_A_PARCEL = "地块：产业结构调整（淘汰落后产能）项目须连同其腾出的土地一并审核，至少有一个地块才能提交（草稿可暂无地块）"


def _parcels_step(html: str) -> str:
    found = re.search(r'<section class="step card" data-step="3">(.*?)</section>', html, re.S)
    assert found
    return text_of(found.group(1))


def test_the_wizard_submits_no_exit_without_parcels_and_says_so_at_the_parcels_step(client, login, session):
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(**EXIT, save="submit"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert NEEDS_A_PARCEL in _parcels_step(page)
    assert "化工厂关停" in page and projects(session) == 0  # what was typed is kept, nothing is written
    assert client.post("/projects/new", data=form(**EXIT, save="draft")).status_code == 302  # a draft may
    assert projects(session) == 1


def test_an_edit_that_submits_an_exit_without_parcels_saves_nothing(client, login, session):
    view = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                       structural_mode="shutdown"))
    login("district_staff", "310115")
    response = client.post(f"/projects/{view.id}/edit", data=form(**EXIT | {"title": "改了名称"}, save="submit",
                                                                   version=view.version))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert NEEDS_A_PARCEL in _parcels_step(page) and "改了名称" in page
    kept = project_view(session, view.id)
    assert (kept.title, kept.status, kept.version, len(kept.parcels)) == (view.title, "draft", view.version, 1)


def test_the_project_pages_submit_button_is_refused_beside_the_workflow(client, login, session):
    view = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                       structural_mode="shutdown", new_parcels=()))
    login("district_staff", "310115")
    response = client.post(f"/projects/{view.id}/transition", data={"action": "submit", "version": view.version})
    assert response.status_code == 422
    assert NEEDS_A_PARCEL in section(response.get_data(as_text=True), "workflow")
    assert project_view(session, view.id).status == "draft"


def _workflow_html(client, project_id: int) -> str:
    found = re.search(r'<section class="card workflow">(.*?)</section>', client.get(f"/projects/{project_id}").get_data(
        as_text=True), re.S)
    assert found
    return found.group(1)


def test_the_project_page_offers_no_submit_to_an_exit_without_parcels_and_says_what_to_add(client, login, session):
    bare = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                       structural_mode="shutdown", new_parcels=()))
    with_land = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                            structural_mode="shutdown"))
    login("district_staff", "310115")
    workflow = _workflow_html(client, bare.id)
    assert 'value="submit"' not in workflow and "/edit" in workflow and "删除草稿" in workflow
    assert "提交审核前，请先通过“编辑”添加至少一个地块" in text_of(workflow)
    workflow = _workflow_html(client, with_land.id)
    assert 'value="submit"' in workflow and "submit-needs-parcels" not in workflow
