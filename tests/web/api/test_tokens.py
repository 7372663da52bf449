"""API tokens: created (secret shown once, stored hashed), used, expired, revoked; CSRF-free."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, update

from registry import create_app
from registry.domain.errors import NotFound, PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.models import ApiToken
from registry.services import tokens

DISTRICTS = "/api/v1/districts"


def _secret(headers):
    return headers["Authorization"].split()[1]


def test_a_token_signs_in_as_its_user_and_records_its_use(client, pudong, session):
    response = client.get(DISTRICTS, headers=pudong)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert len(response.get_json()["features"]) == 16
    token = session.scalars(select(ApiToken)).one()
    assert token.last_used_at is not None


def test_only_the_sha256_of_the_secret_is_stored(pudong, session):
    token = session.scalars(select(ApiToken)).one()
    secret = _secret(pudong)
    assert secret.startswith("rgy_") and len(secret) > 40
    assert token.token_hash == tokens.hash_secret(secret) and secret not in (token.token_hash, token.prefix)
    assert secret.startswith(token.prefix)


@pytest.mark.parametrize("header", [None, "Bearer rgy_not-a-real-token", "Bearer ", "Basic cGF0OnB3"])
def test_missing_or_unknown_tokens_get_401_problem_json(client, pudong, header):
    response = client.get(DISTRICTS, headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["title"] == "请先登录"


def test_an_expired_token_is_refused(client, pudong, session):
    session.execute(update(ApiToken).values(created_at=datetime.now(timezone.utc) - timedelta(days=40),
                                            expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))
    assert client.get(DISTRICTS, headers=pudong).status_code == 401


def test_a_revoked_token_is_refused_at_once(client, pudong, session):
    token = session.scalars(select(ApiToken)).one()
    assert client.get(DISTRICTS, headers=pudong).status_code == 200
    revoked = tokens.revoke_token(session, Actor.system(), token.id)
    assert revoked.state() == "revoked"
    assert client.get(DISTRICTS, headers=pudong).status_code == 401


def test_a_disabled_users_tokens_stop_working(client, pudong, session):
    from registry.services import accounts

    accounts.set_active(session, Actor.system(), "pudong", False)
    assert client.get(DISTRICTS, headers=pudong).status_code == 401


def test_users_manage_only_their_own_tokens(session, make_user, pudong):
    other = make_user("other", "planner")
    actor = other.actor()
    with pytest.raises(PermissionDenied):
        tokens.create_token(session, actor, "pudong", "x", tokens.expiry(days=1))
    with pytest.raises(PermissionDenied):
        tokens.list_tokens(session, actor, "pudong")
    pudong_token = session.scalars(select(ApiToken)).one()
    with pytest.raises(NotFound):
        tokens.revoke_token(session, actor, pudong_token.id)


@pytest.mark.parametrize("kwargs", [{"days": 0}, {"days": 10_000}, {"until": datetime(2001, 1, 1).date()},
                                    {"days": 3, "until": datetime(2100, 1, 1).date()}])
def test_expiry_must_be_in_the_near_future(kwargs):
    with pytest.raises(ValidationError):
        tokens.expiry(**kwargs)


def test_bearer_writes_need_no_csrf_token_but_cookie_writes_do(connection, pudong):
    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    doc = {"kind": "cleaner_production", "year": 2013}
    response = client.post("/api/v1/savings/preview", json=doc, headers=pudong)
    assert response.status_code in (200, 422) and response.status_code != 400, response.get_data(as_text=True)


def test_the_rate_limit_answers_429_problem_json_per_token(connection, pudong, bearer):
    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False,
                      "API_RATE_LIMIT": "3 per minute"})
    client = app.test_client()
    statuses = [client.get(DISTRICTS, headers=pudong).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get(DISTRICTS, headers=pudong)
    assert limited.mimetype == "application/problem+json" and limited.headers.get("Retry-After")
    # another token has its own budget
    assert client.get(DISTRICTS, headers=bearer("planner1", "planner")).status_code == 200


def test_the_rate_limit_covers_every_api_path_and_nothing_else(connection, pudong):
    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False,
                      "API_RATE_LIMIT": "2 per minute"})
    client = app.test_client()
    for path in ("/api/v1/land/freed", "/api/v1/rollups"):  # blueprints outside flask-smorest's
        assert [client.get(path, headers=pudong).status_code for _ in range(3)][-1] == 429, path
    for path in ("/ogc/collections", "/healthz"):
        response = [client.get(path, headers=pudong) for _ in range(3)][-1]
        assert response.status_code == 200 and "X-RateLimit-Limit" not in response.headers, path


def test_a_read_only_token_reads_and_is_refused_every_change(client, session, make_user, project_body):
    from registry.models import Project

    make_user("reader", "district_staff", "310115")
    secret = tokens.create_token(session, Actor.system(), "reader", "gis", tokens.expiry(days=1), read_only=True).secret
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get(DISTRICTS, headers=headers).status_code == 200
    assert client.head(DISTRICTS, headers=headers).status_code == 200
    before = session.scalar(select(func.count()).select_from(Project))
    refused = client.post("/api/v1/projects", json=project_body, headers=headers)
    assert refused.status_code == 403 and refused.mimetype == "application/problem+json"
    assert "此 API 令牌只能读取" in refused.get_json()["detail"]
    assert session.scalar(select(func.count()).select_from(Project)) == before
    # not through a page's form either (a bearer request skips CSRF, so the method alone decides)
    assert client.post("/projects/new", data={"title": "x"}, headers=headers).status_code == 403
    english = client.post("/api/v1/projects", json=project_body, headers=headers | {"Accept-Language": "en"})
    assert english.get_json()["detail"].startswith("This API token may only read")


def test_a_bearer_request_is_the_tokens_alone_whatever_cookie_it_carries(client, login, pudong, project_body):
    login("district_staff", "310112", username="minhang-staff")  # the client now holds Minhang's session
    created = client.post("/api/v1/projects", json=project_body, headers=pudong)  # a Pudong project
    assert created.status_code == 201, created.get_data(as_text=True)
    assert "Set-Cookie" not in created.headers  # nor is the cookie written back
    assert client.get("/account").status_code == 200  # the session itself goes on


def _read_only(session, make_user, username="reader", role="admin"):
    make_user(username, role)
    secret = tokens.create_token(session, Actor.system(), username, "gis", tokens.expiry(days=1), read_only=True).secret
    return {"Authorization": f"Bearer {secret}"}


def test_a_read_only_token_is_refused_by_every_route_that_writes_whatever_it_claims(app, client, session,
                                                                                    make_user):
    """Every rule of the URL map with a method that writes, for an administrator's read-only token (who
    could do most): 403, also when the request claims another method (no method override is honoured)."""
    headers = _read_only(session, make_user)
    refused = []
    for rule in app.url_map.iter_rules():
        writing = sorted(rule.methods - {"GET", "HEAD", "OPTIONS"})
        if not writing:  # a reading rule's arguments may be a closed set (any(…)) that "x" is not in
            continue
        values = {name: 1 if name in ("z", "x", "y") or "id" in name else "x" for name in rule.arguments}
        path = rule.build(values, append_unknown=False)[1]
        for method in writing:
            for claim in ({}, {"X-HTTP-Method-Override": "GET"}, {"X-HTTP-Method": "GET"}):
                answer = client.open(path, method=method, headers=headers | claim, data={"_method": "GET"})
                refused.append((rule.endpoint, method, answer.status_code))
    assert len(refused) > 100 and {status for _, _, status in refused} == {403}, [r for r in refused if r[2] != 403]


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "POST"])
def test_a_read_only_token_gets_403_for_a_writing_method_on_a_route_that_only_reads(client, session, make_user,
                                                                                    method):
    assert client.open(DISTRICTS, method=method, headers=_read_only(session, make_user)).status_code == 403


def test_sign_ins_and_the_password_are_managed_by_a_person_signed_in_not_by_a_token(app, client, session,
                                                                                   login, pudong):
    """As the API tokens page: "sign out everywhere else" from a token, which has no browser to keep,
    ended every sign-in of its user, and a password changed with one left a sign-in nobody's cookie held."""
    from registry.models import SignIn
    from tests.conftest import TEST_PASSWORD

    login("district_staff", "310115", username="pudong-person")
    person_token = tokens.create_token(session, Actor.system(), "pudong-person", "rw", tokens.expiry(days=1)).secret
    headers = {"Authorization": f"Bearer {person_token}"}
    assert client.get("/account", headers=headers).status_code == 200  # reading is the token's right
    ended = client.post("/account/sign-out-others", headers=headers)
    assert ended.status_code == 403, ended.status_code
    changed = client.post("/account/password", headers=headers, data={
        "current_password": TEST_PASSWORD, "new_password": "a sentence of my own", "repeat_password": "a sentence of my own"})
    assert changed.status_code == 403
    assert len(session.scalars(select(SignIn)).all()) == 1
    assert client.get("/account").status_code == 200  # the person's browser is still signed in
