"""The registration wizard's one-time form token: the same form posted twice (a double click, a
resubmitted POST) registers one project, and the second post leads to it, not to an error page."""
from __future__ import annotations

import re

import pytest

from tests.web.flashes import after
from tests.web.project_form import form, projects

pytestmark = pytest.mark.usefixtures("districts")

TOKEN = re.compile(r'<input type="hidden" name="form_token" value="([^"]+)">')


def _token(client) -> str:
    found = TOKEN.search(client.get("/projects/new").get_data(as_text=True))
    assert found, "the wizard carries a one-time form token"
    return found.group(1)


def test_the_same_form_posted_twice_registers_one_project_and_leads_to_it(client, login, session):
    login("district_staff", "310115")
    posted = form(form_token=_token(client))
    first = client.post("/projects/new", data=posted)
    second = client.post("/projects/new", data=posted)
    assert first.status_code == second.status_code == 302, second.get_data(as_text=True)[:2000]
    assert second.headers["Location"] == first.headers["Location"]
    assert projects(session) == 1
    assert after(client, second) == [("success", "项目 2013-310115-0001 已登记为草稿。")]


def test_a_second_post_that_says_submit_still_shows_the_project_as_it_was_saved(client, login, session):
    login("district_staff", "310115")
    token = _token(client)
    first = client.post("/projects/new", data=form(form_token=token, save="draft"))
    second = client.post("/projects/new", data=form(form_token=token, save="submit"))
    assert second.headers["Location"] == first.headers["Location"] and projects(session) == 1
    assert after(client, second) == [("success", "项目 2013-310115-0001 已登记为草稿。")]


def test_each_opening_of_the_wizard_is_a_new_form(client, login, session):
    login("district_staff", "310115")
    first = client.post("/projects/new", data=form(form_token=_token(client), new_parcels="[]"))
    second = client.post("/projects/new", data=form(form_token=_token(client), new_parcels="[]"))
    assert first.headers["Location"] != second.headers["Location"] and projects(session) == 2


def test_a_refused_post_keeps_the_token_unused_for_the_corrected_one(client, login, session):
    login("district_staff", "310115")
    token = _token(client)
    refused = client.post("/projects/new", data=form(form_token=token, title=""))
    assert refused.status_code == 422 and f'name="form_token" value="{token}"' in refused.get_data(as_text=True)
    assert client.post("/projects/new", data=form(form_token=token)).status_code == 302
    assert projects(session) == 1


def test_a_token_is_the_users_own(app, client, login, make_user, session):
    from tests.conftest import TEST_PASSWORD

    login("district_staff", "310115")
    token = _token(client)
    assert client.post("/projects/new", data=form(form_token=token)).status_code == 302
    colleague = app.test_client()
    make_user("colleague", "district_staff", "310115")
    assert colleague.post("/login", data={"username": "colleague", "password": TEST_PASSWORD}).status_code == 302
    assert colleague.post("/projects/new", data=form(form_token=token, new_parcels="[]")).status_code == 302
    assert projects(session) == 2
