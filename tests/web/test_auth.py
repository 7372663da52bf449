"""Sign-in: anonymous users see only the login page; passwords, throttling, CSRF, redirects."""
from __future__ import annotations

import pytest

from registry import create_app
from tests.conftest import TEST_PASSWORD


def test_anonymous_pages_redirect_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_anonymous_api_gets_401_problem_json(client):
    response = client.post("/api/v1/savings/preview", json={})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("path", ["/login", "/healthz", "/lang/en"])
def test_public_endpoints_need_no_login(client, path):
    assert client.get(path).status_code in (200, 302)


def test_login_with_the_right_password_then_logout(client, make_user):
    make_user("pudong", "district_staff", "310115")
    response = client.post("/login?next=/", data={"username": "pudong", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").status_code == 200
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_wrong_password_is_refused_in_chinese(client, make_user):
    make_user("pudong", "district_staff", "310115")
    response = client.post("/login", data={"username": "pudong", "password": "wrong-password"})
    assert response.status_code == 401
    assert "用户名或密码错误" in response.get_data(as_text=True)


def test_disabled_account_cannot_log_in(client, make_user, session):
    from registry.domain.permissions import Actor
    from registry.services import accounts

    make_user("gone", "planner")
    accounts.set_active(session, Actor.system(), "gone", False)
    response = client.post("/login", data={"username": "gone", "password": TEST_PASSWORD})
    assert response.status_code == 401


def test_login_is_throttled_after_five_failures(client, make_user):
    make_user("target", "planner")
    for _ in range(5):
        client.post("/login", data={"username": "target", "password": "guess-guess"})
    # even the right password is refused while throttled
    response = client.post("/login", data={"username": "target", "password": TEST_PASSWORD})
    assert response.status_code == 401
    assert "登录失败次数过多" in response.get_data(as_text=True)


def test_login_refuses_offsite_next(client, make_user):
    make_user("p", "planner")
    response = client.post("/login?next=//evil.example/", data={"username": "p", "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/"


def test_password_is_stored_with_scrypt_at_werkzeugs_default_cost(session, make_user, monkeypatch):
    from registry.models import User
    from registry.services import accounts
    from tests.conftest import PRODUCTION_PASSWORD_METHOD

    # The app's own method, not the cheap one the suite hashes with (tests/conftest.py).
    monkeypatch.setattr(accounts, "PASSWORD_METHOD", PRODUCTION_PASSWORD_METHOD)
    make_user("hashcheck", "planner")
    stored = session.query(User).filter_by(username="hashcheck").one().password_hash
    assert stored.startswith("scrypt:32768:8:1$") and TEST_PASSWORD not in stored


def test_forms_without_csrf_token_are_refused(connection, make_user):
    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False})
    make_user("csrf", "planner")
    client = app.test_client()
    response = client.post("/login", data={"username": "csrf", "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "这个页面属于之前的一次登录" in response.get_data(as_text=True)  # not a bare "Bad request"
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post("/login", data={"username": "csrf", "password": TEST_PASSWORD, "csrf_token": token})
    assert response.status_code == 302



def test_a_bearer_header_no_token_stands_behind_does_not_skip_the_login_forms_csrf_check(connection, make_user,
                                                                                        session):
    """Only a request a token signs in is exempt from CSRF: a made-up ``Authorization: Bearer`` on the
    login form skipped the check and started a sign-in."""
    from sqlalchemy import text

    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False})
    make_user("csrf", "planner")
    response = app.test_client().post("/login", data={"username": "csrf", "password": TEST_PASSWORD},
                                      headers={"Authorization": "Bearer made-up"})
    assert response.status_code == 400
    assert session.execute(text("SELECT count(*) FROM sign_ins")).scalar_one() == 0


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example/", "/\\/evil.example/", "/\t/evil.example/",
                                    "https://evil.example/", "javascript:alert(1)",
                                    "/\r\n/evil.example/"])
def test_login_and_the_language_switch_never_send_the_browser_to_another_site(client, make_user, target):
    """Browsers read a backslash as a slash and drop tabs and line breaks: /\\evil.example is //evil.example."""
    make_user("p", "planner")
    response = client.post("/login", query_string={"next": target}, data={"username": "p", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    response = client.get("/lang/en", query_string={"next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_a_local_next_is_followed_with_its_query(client, make_user):
    make_user("p", "planner")
    response = client.post("/login", query_string={"next": "/projects?status=draft"},
                           data={"username": "p", "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/projects?status=draft"
    assert client.get("/lang/en", query_string={"next": "/land/freed?district=310115"}).headers["Location"] \
        == "/land/freed?district=310115"


def test_an_unknown_user_name_costs_a_password_check_too(client, make_user, monkeypatch):
    """The time of a refusal must not tell which user names exist."""
    from registry.services import passwords

    make_user("known", "planner")
    checked = []
    real = passwords.check_password_hash
    monkeypatch.setattr(passwords, "check_password_hash", lambda h, p: checked.append(h) or real(h, p))
    for name in ("known", "nobody-by-this-name"):
        response = client.post("/login", data={"username": name, "password": "wrong-password"})
        assert response.status_code == 401 and "用户名或密码错误" in response.get_data(as_text=True)
    assert len(checked) == 2 and all(h.startswith("scrypt:") for h in checked)


def test_signing_in_starts_a_new_session_that_keeps_only_the_language(client, make_user):
    make_user("p", "planner")
    client.get("/lang/en")
    with client.session_transaction() as before:
        before["planted"] = "by someone before the sign-in"
    client.post("/login", data={"username": "p", "password": TEST_PASSWORD})
    with client.session_transaction() as after:
        assert "planted" not in after and after["lang"] == "en" and after["_user_id"]
    client.post("/logout")
    with client.session_transaction() as out:
        assert "_user_id" not in out and out["lang"] == "en"


def test_a_session_ends_after_its_lifetime(connection, make_user):
    import time
    from datetime import timedelta

    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False,
                      "WTF_CSRF_ENABLED": False, "PERMANENT_SESSION_LIFETIME": timedelta(seconds=1)})
    make_user("p", "planner")
    client = app.test_client()
    client.post("/login", data={"username": "p", "password": TEST_PASSWORD})
    assert client.get("/").status_code == 200
    time.sleep(2.1)
    response = client.get("/projects")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=/projects")


@pytest.mark.parametrize("hops, recorded", [(0, "127.0.0.1"), (1, "10.20.30.40")])
def test_the_login_throttle_counts_the_client_behind_a_configured_proxy(connection, session, make_user, hops,
                                                                         recorded):
    """Behind nginx every request comes from the proxy: counted by that address, 20 failures anywhere
    would lock everyone out. X-Forwarded-For is believed only from as many proxies as configured."""
    from sqlalchemy import text

    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False,
                      "WTF_CSRF_ENABLED": False, "PROXY_HOPS": hops})
    make_user("p", "planner")
    app.test_client().post("/login", data={"username": "p", "password": "wrong-password"},
                           headers={"X-Forwarded-For": "10.20.30.40"})
    assert session.execute(text("SELECT remote_addr FROM login_attempts WHERE username = 'p'")).scalar_one() == recorded
