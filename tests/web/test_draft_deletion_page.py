"""The 删除草稿 button on the project page: shown to those who may delete the draft, asks first,
posts with the CSRF token, and the project list then says what was deleted. A forged POST by
anyone else is a translated refusal, never an internal error."""
from __future__ import annotations

import html as html_lib
import re

import pytest
from sqlalchemy import func, select

from registry import create_app
from registry.models import Project
from tests.conftest import TEST_PASSWORD
from tests.web.flashes import after
from tests.web.project_form import form

pytestmark = pytest.mark.usefixtures("districts")


DELETE_FORM = re.compile(r'<form method="post" action="/projects/(\d+)/delete"[^>]*data-confirm="([^"]*)"')


def _draft(client, **overrides) -> int:
    created = client.post("/projects/new", data=form(new_parcels="[]", **overrides))
    assert created.status_code == 302, created.get_data(as_text=True)[:2000]
    project_id = int(created.headers["Location"].rsplit("/", 1)[1])
    client.get(created.headers["Location"])  # the registration's own message is shown and gone
    return project_id


def _client_of(app, make_user, username: str, role: str, district_code: str | None = None):
    other = app.test_client()
    make_user(username, role, district_code)
    assert other.post("/login", data={"username": username, "password": TEST_PASSWORD}).status_code == 302
    return other


def _exists(session, project_id: int) -> bool:
    return session.execute(select(func.count()).where(Project.id == project_id)).scalar_one() == 1


def test_staff_delete_their_draft_after_a_question_and_the_list_says_so(client, login, session):
    login("district_staff", "310115")
    project_id = _draft(client)
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    found = DELETE_FORM.search(page)
    assert found and int(found.group(1)) == project_id
    assert html_lib.unescape(found.group(2)) == "删除草稿 2013-310115-0001？此操作无法撤销；其地块仍保留在登记册中。"
    assert "删除草稿</button>" in page and 'name="csrf_token"' in page[found.start():]
    deleted = client.post(f"/projects/{project_id}/delete", data={"version": "1"})
    assert deleted.headers["Location"].endswith("/projects")
    assert after(client, deleted) == [("success", "草稿 2013-310115-0001 已删除。")]
    assert not _exists(session, project_id)
    assert client.get(f"/projects/{project_id}").status_code == 404


def test_an_administrator_sees_the_button_too_in_english(app, client, login, make_user, session):
    login("district_staff", "310115")
    project_id = _draft(client)
    admin = _client_of(app, make_user, "an-admin", "admin")
    admin.get("/lang/en")
    page = admin.get(f"/projects/{project_id}").get_data(as_text=True)
    assert html_lib.unescape(DELETE_FORM.search(page).group(2)) == (
        "Delete the draft 2013-310115-0001? This cannot be undone; its parcels stay in the registry.")
    assert after(admin, admin.post(f"/projects/{project_id}/delete")) == [("success", "Draft 2013-310115-0001 deleted.")]


def test_nobody_else_sees_the_button_and_a_forged_post_is_refused_in_their_language(app, client, login, make_user,
                                                                                     session):
    login("district_staff", "310115")
    project_id = _draft(client)
    reviewer = _client_of(app, make_user, "a-reviewer", "city_reviewer")
    assert not DELETE_FORM.search(reviewer.get(f"/projects/{project_id}").get_data(as_text=True))
    refused = reviewer.post(f"/projects/{project_id}/delete")
    assert refused.status_code == 403 and "您的角色不能删除项目。" in refused.get_data(as_text=True)
    minhang = _client_of(app, make_user, "minhang-staff", "district_staff", "310112")
    assert minhang.post(f"/projects/{project_id}/delete").status_code == 404  # another district's draft is invisible
    assert _exists(session, project_id)


def test_a_submitted_project_has_no_button_and_a_forged_post_is_a_conflict(client, login, session):
    login("district_staff", "310115")
    project_id = _draft(client, save="submit")
    assert not DELETE_FORM.search(client.get(f"/projects/{project_id}").get_data(as_text=True))
    refused = client.post(f"/projects/{project_id}/delete")
    assert refused.status_code == 409
    assert "只有从未提交过的草稿可以删除：此项目保留其记录。" in refused.get_data(as_text=True)
    client.get("/lang/en")
    refused = client.post(f"/projects/{project_id}/delete")
    assert refused.status_code == 409 and "Only a draft that was never submitted can be deleted" in refused.get_data(as_text=True)
    assert _exists(session, project_id)


def test_a_stale_or_malformed_version_deletes_nothing(client, login, session):
    login("district_staff", "310115")
    project_id = _draft(client)
    assert client.post(f"/projects/{project_id}/delete", data={"version": "x"}).status_code == 422
    assert client.post(f"/projects/{project_id}/delete", data={"version": "7"}).status_code == 409
    assert _exists(session, project_id)


def test_the_delete_form_needs_the_csrf_token(connection, make_user, session):
    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    make_user("pudong-csrf", "district_staff", "310115")
    login_page = client.get("/login").get_data(as_text=True)
    token = login_page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/login", data={"username": "pudong-csrf", "password": TEST_PASSWORD, "csrf_token": token})
    # signing in starts a new session, with a token of its own (docs/operations.md, "Security")
    token = client.get("/projects/new").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    project_id = _draft(client, csrf_token=token)
    assert client.post(f"/projects/{project_id}/delete").status_code == 400
    assert _exists(session, project_id)
    assert client.post(f"/projects/{project_id}/delete", data={"csrf_token": token}).status_code == 302
    assert not _exists(session, project_id)
