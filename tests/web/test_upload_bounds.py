"""An upload beyond its form's bound is 413 with that form's bound in the user's language — before
the body is read, also when the sign-in guard's CSRF check is the first to read a form (it was: the
bulk import's and the wizard's bounds set in the view came too late, and a body of any size was
spooled to disk). Each bound is its view's (registry/request_bodies.py); none is app-wide."""
from __future__ import annotations

import re

import pytest

from registry import create_app
from registry.services import parcel_files
from registry.services.imports import sources
from tests import document_samples as samples
from tests.conftest import TEST_PASSWORD
from tests.integration.project_data import draft

pytestmark = pytest.mark.usefixtures("districts")
MB = 1024 * 1024
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def guarded(connection, make_user):
    """A client of an app that checks CSRF tokens, signed in as Pudong staff, and the session's token."""
    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "test-secret",
                      "SESSION_COOKIE_SECURE": False, "DOCUMENT_MAX_BYTES": MB})
    client = app.test_client()
    make_user("pudong", "district_staff", "310115")
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    client.post("/login", data={"username": "pudong", "password": TEST_PASSWORD, "csrf_token": token})
    return client, TOKEN.search(client.get("/imports/").get_data(as_text=True)).group(1)


@pytest.fixture
def pudong_draft(session, make_user):
    from registry.services import projects as svc

    return svc.register_project(session, make_user("pudong-2", "district_staff", "310115").actor(),
                                draft(new_parcels=())).id


def _post(client, path, token, lang, fields, size):
    return client.post(f"{path}?lang={lang}", **samples.multipart(fields | {"csrf_token": token},
                                                                ("big.pdf", b"%PDF-" + b"0" * size)))


@pytest.mark.parametrize("lang, title, detail", [
    ("zh_Hans_CN", "上传文件过大", "证明材料每个文件不超过 1 MB，本次上传的内容超过了此限制。"),
    ("en", "The upload is too large", "A document may be at most 1 MB: this upload is larger."),
])
def test_a_document_beyond_the_bound_is_413_saying_the_bound(guarded, pudong_draft, lang, title, detail):
    client, token = guarded
    response = _post(client, f"/projects/{pudong_draft}/documents", token, lang, {"kind": "other"}, 3 * MB)
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and title in page and detail in page


def test_within_the_slack_the_form_says_how_large_the_file_is(guarded, pudong_draft):
    client, token = guarded
    response = _post(client, f"/projects/{pudong_draft}/documents", token, "en", {"kind": "other"}, MB + 100_000)
    assert response.status_code == 422 and "is 1.1 MB: a document may be at most 1 MB" in response.get_data(as_text=True)


def test_the_bulk_imports_bound_holds_before_the_body_is_read(guarded, monkeypatch):
    client, token = guarded
    monkeypatch.setattr(sources, "WEB_LIMITS", sources.Limits(max_file_bytes=MB))
    response = _post(client, "/imports/upload", token, "zh_Hans_CN", {"target": "parcels", "token": "t-1234567890"},
                     3 * MB)
    assert response.status_code == 413
    assert "批量导入的文件不超过 1 MB，本次上传的内容超过了此限制。" in response.get_data(as_text=True)


def test_the_wizards_parcel_upload_answers_its_script_in_json(guarded, monkeypatch):
    client, token = guarded
    monkeypatch.setattr(parcel_files, "MAX_UPLOAD_BYTES", MB)
    response = client.post("/projects/parcel-upload?lang=en", headers={"Accept": "application/json"},
                           **samples.multipart({"csrf_token": token}, ("parcels.geojson", b"{" + b" " * 3 * MB)))
    assert response.status_code == 413 and response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "A parcel file may be at most 1 MB: this upload is larger."

@pytest.mark.parametrize("lang, detail", [
    ("zh_Hans_CN", "表单提交的内容不超过 1 MB，本次提交超过了此限制。"),
    ("en", "A form may send at most 1 MB: this one is larger."),
])
def test_a_form_that_takes_no_file_is_bounded_too_even_before_signing_in(app, monkeypatch, lang, detail):
    """Anyone may post to /login: a file part of any size sent there was spooled to disk whole
    before the guard looked. Every write that names no bound of its own has the forms' bound."""
    from registry import request_bodies

    monkeypatch.setattr(request_bodies, "FORM_BODY_BYTES", MB)
    response = app.test_client().post(f"/login?lang={lang}", **samples.multipart(
        {"username": "someone", "password": "x"}, ("big.bin", b"0" * 3 * MB)))
    assert response.status_code == 413 and detail in response.get_data(as_text=True)


def test_the_document_bound_is_configured_in_mb(monkeypatch):
    from registry.config import document_max_bytes

    monkeypatch.setenv("REGISTRY_DOCUMENT_MAX_MB", "2.5")
    assert document_max_bytes() == int(2.5 * MB)
    for wrong in ("0", "abc", "500"):
        monkeypatch.setenv("REGISTRY_DOCUMENT_MAX_MB", wrong)
        with pytest.raises(RuntimeError, match="REGISTRY_DOCUMENT_MAX_MB must be a number of MB from 1 to 200"):
            document_max_bytes()
    monkeypatch.delenv("REGISTRY_DOCUMENT_MAX_MB")
    assert document_max_bytes() == 20 * MB


def test_the_monitoring_pages_bound_holds_before_the_body_is_read(guarded, monkeypatch):
    from registry.web import monitoring

    client, token = guarded
    monkeypatch.setattr(monitoring, "MAX_FILE_BYTES", MB)
    response = _post(client, "/monitoring", token, "zh_Hans_CN", {}, 3 * MB)
    assert response.status_code == 413
    assert "监测数据文件最大 1 MB，本次上传的文件超过此限。" in response.get_data(as_text=True)
