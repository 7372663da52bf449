"""The items shortcut (registry/api/ogc/shortcut.py) answers exactly as the Flask route would, and
leaves to Flask every request it cannot answer that way."""
from __future__ import annotations

import json
import re

import pytest
from flask_login.utils import _create_identifier
from sqlalchemy import text

from registry.api.ogc.params import EPSG_4490
from registry.api.ogc.shortcut import ItemsShortcut, session_identifier
from registry.domain.permissions import Actor
from registry.services import accounts, tokens

ITEMS = "/ogc/collections/parcels/items"


@pytest.fixture
def flask_calls(app):
    """The OGC requests the shortcut passed on to Flask (their paths)."""
    shortcut = app.wsgi_app
    assert isinstance(shortcut, ItemsShortcut)
    calls, flask_wsgi = [], shortcut.flask_wsgi

    def counted(environ, start_response):
        if environ["PATH_INFO"].startswith("/ogc"):
            calls.append(environ["PATH_INFO"])
        return flask_wsgi(environ, start_response)

    counted.uncounted = flask_wsgi
    shortcut.flask_wsgi = counted
    return calls


def _comparable(response) -> tuple:
    body = re.sub(r'"timeStamp": "[^"]+"', '"timeStamp": "-"', response.get_data(as_text=True))
    return response.status_code, sorted(response.headers.items()), body


def both_ways(app, client, url: str, **kwargs) -> tuple:
    """(answer with the shortcut in front, answer of Flask alone) to the same request."""
    with_shortcut = _comparable(client.get(url, **kwargs))
    shortcut = app.wsgi_app
    app.wsgi_app = getattr(shortcut.flask_wsgi, "uncounted", shortcut.flask_wsgi)
    try:
        flask_alone = _comparable(client.get(url, **kwargs))
    finally:
        app.wsgi_app = shortcut
    return with_shortcut, flask_alone


ANSWERED = [
    f"{ITEMS}?bbox=121.41,31.21,121.45,31.24&limit=2",
    f"{ITEMS}?bbox=121.41,31.21,121.45,31.24&limit=2&offset=2",
    f"{ITEMS}?limit=100&datetime=2014-06-01",
    f"{ITEMS}?status=freed&district_code=310101",
    f"{ITEMS}?crs={EPSG_4490}&bbox-crs={EPSG_4490}&bbox=31.2205,121.4215,31.2215,121.43",
    f"{ITEMS}?bbox=0,0,1,1",  # nothing there
    "/ogc/collections/zones/items?kind=block_104",
    "/ogc/collections/districts/items",
    "/ogc/collections/projects/items",
]


@pytest.mark.parametrize("url", ANSWERED)
def test_the_shortcut_answers_as_flask_would(app, client, ids, login, flask_calls, url):
    login("planner")
    with_shortcut, flask_alone = both_ways(app, client, url)
    assert with_shortcut == flask_alone
    assert with_shortcut[0] == 200 and json.loads(with_shortcut[2])["type"] == "FeatureCollection"
    assert flask_calls == []  # the first request never reached Flask


def test_links_name_the_configured_server_as_url_for_does(app, client, ids, login, flask_calls):
    app.config["SERVER_NAME"] = "registry.example:8080"
    login("planner")
    with_shortcut, flask_alone = both_ways(app, client, f"{ITEMS}?limit=1")  # Host: localhost
    assert with_shortcut == flask_alone and "http://registry.example:8080/ogc/collections/parcels" in with_shortcut[2]
    assert flask_calls == []


def test_an_unexpected_failure_is_logged_and_flask_answers(app, client, ids, login, flask_calls, monkeypatch, caplog):
    from sqlalchemy.exc import OperationalError

    from registry.api.ogc import shortcut

    def lost_connection(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly"))

    login("planner")
    monkeypatch.setattr(shortcut, "driver_reader", lost_connection)
    assert client.get(f"{ITEMS}?limit=1").status_code == 200
    assert flask_calls == [ITEMS] and "passed /ogc/collections/parcels/items?limit=1 to Flask" in caplog.text


def test_district_staff_see_the_same_projects_both_ways(app, client, session, ids, login, flask_calls):
    enterprise = session.execute(text(
        "INSERT INTO enterprises (credit_code, name) VALUES ('91110000600037341L', '测试') RETURNING id")).scalar_one()
    session.execute(text(
        "INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs) VALUES "
        "('2017-310101-0001', 'motor_upgrade', 2017, 'draft', '草稿', :e, '310101', '{}')"), {"e": enterprise})
    login("district_staff", "310115")
    with_shortcut, flask_alone = both_ways(app, client, "/ogc/collections/projects/items")
    assert with_shortcut == flask_alone and json.loads(with_shortcut[2])["numberMatched"] == 0
    assert flask_calls == []


def test_a_bearer_token_is_answered_and_its_use_recorded(app, client, session, ids, make_user, flask_calls):
    make_user("qgis", "planner")
    created = tokens.create_token(session, Actor.system(), "qgis", "QGIS", tokens.expiry(days=30))
    headers = {"Authorization": f"Bearer {created.secret}"}
    with_shortcut, flask_alone = both_ways(app, client, f"{ITEMS}?limit=3", headers=headers)
    assert with_shortcut == flask_alone and with_shortcut[0] == 200
    assert flask_calls == []
    assert session.execute(text("SELECT last_used_at FROM api_tokens")).scalar_one() is not None


def test_behind_a_proxy_the_forwarded_address_is_the_clients(app, client, ids, login, flask_calls):
    forwarded = {"X-Forwarded-For": "10.1.2.3, 10.0.0.1"}
    login("planner")  # the session is bound to the address it signed in from
    assert client.get(f"{ITEMS}?limit=1").status_code == 200
    assert client.get(f"{ITEMS}?limit=1", headers=forwarded).status_code == 401  # strong protection: another client
    assert flask_calls == [ITEMS]


@pytest.mark.parametrize("url", [
    f"{ITEMS}?bbox=1,2,3",  # a bad parameter: the problem is Flask's, in the user's language
    f"{ITEMS}?code=%00",
    "/ogc/collections/roads/items",
    f"{ITEMS}/",
    f"{ITEMS}/123",
    "/ogc/collections/parcels",
])
def test_flask_answers_what_the_shortcut_cannot(app, client, ids, login, flask_calls, url):
    login("planner")
    with_shortcut, flask_alone = both_ways(app, client, url)
    assert with_shortcut == flask_alone
    assert flask_calls == [url.split("?")[0]]


def test_a_language_switch_goes_to_flask_which_remembers_it(client, ids, login, flask_calls):
    login("planner")
    problem = client.get(f"{ITEMS}?bbox=1,2,3&lang=en").get_json()
    assert problem["status"] == 400 and problem["title"].isascii()
    assert client.get(f"{ITEMS}?limit=1&lang=en").status_code == 200
    assert flask_calls == [ITEMS, ITEMS]


def test_nobody_signed_in_a_stolen_cookie_or_a_disabled_user_get_flasks_401(app, client, session, ids, login,
                                                                             flask_calls):
    assert both_ways(app, client, ITEMS)[0][0] == 401
    account = login("planner")
    stolen = both_ways(app, client, ITEMS, headers={"User-Agent": "another browser"})
    assert stolen[0][0] == stolen[1][0] == 401 and stolen[0][2] == stolen[1][2]  # Flask clears the cookie
    client.post("/login", data={"username": account.username, "password": "test-password-1"})
    accounts.set_active(session, Actor.system(), account.username, False)
    disabled = both_ways(app, client, ITEMS)
    assert disabled[0] == disabled[1] and disabled[0][0] == 401
    assert len(flask_calls) == 3


def test_head_requests_and_the_switch_off_go_to_flask(app, client, ids, login, connection, flask_calls):
    login("planner")
    assert client.head(f"{ITEMS}?limit=1").status_code == 200
    assert flask_calls == [ITEMS]
    from registry import create_app

    plain = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "x", "OGC_ITEMS_SHORTCUT": False})
    assert not isinstance(plain.wsgi_app, ItemsShortcut)


def test_a_request_hook_nobody_reviewed_keeps_the_shortcut_out(connection, caplog):
    from registry import create_app
    from registry.api.ogc import shortcut

    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "x", "OGC_ITEMS_SHORTCUT": False})
    assert shortcut.unreviewed_hooks(app) == set()

    @app.before_request
    def allow_listed_addresses_only():
        pass

    app.config["OGC_ITEMS_SHORTCUT"] = True
    shortcut.init_app(app)
    assert not isinstance(app.wsgi_app, ItemsShortcut)
    assert "before_request_funcs:allow_listed_addresses_only" in caplog.text


@pytest.mark.parametrize("agent, forwarded, address", [
    ("Mozilla/5.0", None, "127.0.0.1"), (None, None, "10.0.0.7"), ("QGIS/3.34 浏览器", "1.2.3.4, 5.6.7.8", "10.0.0.1"),
    ("curl", " 9.9.9.9 ", None), (None, None, None),
])
def test_the_session_identifier_is_flask_logins(app, agent, forwarded, address):
    headers = {k: v for k, v in (("User-Agent", agent), ("X-Forwarded-For", forwarded)) if v is not None}
    with app.test_request_context(headers=headers, environ_base={"REMOTE_ADDR": address}):
        assert session_identifier(agent, forwarded, address) == _create_identifier()


@pytest.mark.parametrize("language, name", [("en", "Freed"), ("zh-CN", "已腾出"), (None, "已腾出")])
def test_a_token_client_is_answered_in_its_accept_language_by_the_shortcut_as_by_flask(
        app, client, session, ids, make_user, flask_calls, language, name):
    make_user("qgis", "planner")
    created = tokens.create_token(session, Actor.system(), "qgis", "QGIS", tokens.expiry(days=30))
    headers = {"Authorization": f"Bearer {created.secret}"} | ({"Accept-Language": language} if language else {})
    with_shortcut, flask_alone = both_ways(app, client, f"{ITEMS}?code=T-P1", headers=headers)
    assert with_shortcut == flask_alone and flask_calls == []
    assert json.loads(with_shortcut[2])["features"][0]["properties"]["status_name"] == name


def test_the_shortcut_speaks_the_language_the_session_chose(app, client, ids, login, flask_calls):
    login("planner")
    client.get("/?lang=en")
    with_shortcut, flask_alone = both_ways(app, client, f"{ITEMS}?code=T-P2")
    assert with_shortcut == flask_alone and flask_calls == []
    assert json.loads(with_shortcut[2])["features"][0]["properties"]["district_name"] == "Test B"


@pytest.mark.parametrize("ended", ["signed out", "expired", "password changed elsewhere"])
def test_a_cookie_whose_sign_in_ended_gets_401_from_the_shortcut_the_api_and_the_tiles(app, client, session, ids,
                                                                                       login, flask_calls, ended):
    from sqlalchemy import update

    from registry.models import SignIn
    from registry.services import passwords

    account = login("planner")
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    paths = (f"{ITEMS}?limit=1", "/api/v1/districts", "/tiles/parcels/10/857/418.mvt")
    assert [thief.get(p).status_code for p in paths] == [200, 200, 200]  # the copy works while the sign-in lives
    if ended == "signed out":
        client.post("/logout")
    elif ended == "expired":
        session.execute(update(SignIn).values(expires_at=text("now() - interval '1 second'")))
    else:
        passwords.change_own_password(session, account.actor(), "test-password-1", "a sentence of my own")
    flask_calls.clear()
    assert [thief.get(p).status_code for p in paths] == [401, 401, 401]
    assert flask_calls == [ITEMS]  # the shortcut did not answer: Flask refused it
