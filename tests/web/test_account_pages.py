""""My account": changing one's own password from the page, and what a user given a password by an
administrator may reach before choosing their own."""
from __future__ import annotations

from registry.domain.permissions import Actor
from registry.services import passwords
from tests.conftest import TEST_PASSWORD
from tests.web.flashes import after

NEW = "a sentence of my own"


def _change(client, current=TEST_PASSWORD, new=NEW, repeat=None):
    return client.post("/account/password", data={"current_password": current, "new_password": new,
                                                  "repeat_password": new if repeat is None else repeat})


def test_the_account_page_says_who_i_am_in_chinese(client, login):
    login("district_staff", "310115", username="pudong-staff")
    html = client.get("/account").get_data(as_text=True)
    assert "我的账户" in html and "pudong-staff" in html and "区级工作人员" in html and 'title="310115"' in html
    assert 'href="/account"' in client.get("/").get_data(as_text=True)  # the name in the top bar leads here
    assert '<h2><a href="/account/tokens">API 令牌</a></h2>' in html  # and from here to the API tokens


def test_changing_my_password_signs_out_my_other_sessions(app, client, login):
    login("planner", username="planner-one")
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"username": "planner-one", "password": TEST_PASSWORD})
    assert elsewhere.get("/").status_code == 200
    assert after(client, _change(client)) == [("success", "密码已修改。您在其他设备或浏览器上的登录已退出。")]
    assert client.get("/").status_code == 200  # this session goes on under the new password
    assert "/login" in elsewhere.get("/").headers["Location"]
    assert elsewhere.post("/login", data={"username": "planner-one", "password": NEW}).status_code == 302


def test_refusals_are_shown_at_their_fields_and_change_nothing(client, login):
    login("planner", username="planner-one")
    mismatch = _change(client, repeat="another sentence")
    assert mismatch.status_code == 422 and "与新密码不一致" in mismatch.get_data(as_text=True)
    wrong = _change(client, current="not my password")
    html = wrong.get_data(as_text=True)
    assert wrong.status_code == 422 and "与当前密码不符" in html and 'name="current_password" type="password"' in html
    short = _change(client, new="short")
    assert short.status_code == 422 and "至少需要 10 个字符" in short.get_data(as_text=True)
    client.post("/logout")
    assert client.post("/login", data={"username": "planner-one", "password": TEST_PASSWORD}).status_code == 302


def test_refusals_in_english(client, login):
    login("planner", username="planner-one")
    client.get("/lang/en")
    assert "must differ from the current password" in _change(client, new=TEST_PASSWORD).get_data(as_text=True)


def test_a_handed_over_password_must_be_replaced_before_anything_else(client, make_user, session):
    make_user("admin-one", "admin")
    make_user("staff-one", "district_staff", "310115")
    given = passwords.reset_password(session, Actor.system(), "staff-one")
    assert client.post("/login?next=/projects", data={"username": "staff-one", "password": given}).status_code == 302
    assert client.get("/").headers["Location"] == "/account"
    for path in ("/projects", "/land/freed", "/account/tokens"):
        response = client.get(path)
        assert response.status_code == 302 and response.headers["Location"] == f"/account?next={path}", path
    api = client.get("/api/v1/districts")
    assert api.status_code == 403 and "请先设置您自己的密码" in api.get_json()["detail"]
    page = client.get("/account").get_data(as_text=True)
    assert 'id="must-change"' in page
    assert client.get("/lang/en").status_code == 302  # the language switch and sign-out stay open
    assert after(client, _change(client, current=given)) == [
        ("success", "Your password has been changed. Your other sessions have been signed out.")]
    assert client.get("/projects").status_code == 200 and client.get("/api/v1/districts").status_code == 200


def test_a_handed_over_password_is_asked_for_first_and_the_page_first_asked_for_follows(client, make_user, session):
    """The change form stood last, below the account, the API tokens and the sign-ins (on a phone two
    screens down), and the page the user came for (a link to a project) was lost on the way."""
    make_user("staff-one", "district_staff", "310115")
    given = passwords.reset_password(session, Actor.system(), "staff-one")
    signed_in = client.post("/login?next=/projects?year%3D2013", data={"username": "staff-one", "password": given})
    assert signed_in.headers["Location"] == "/projects?year=2013"
    guarded = client.get("/projects?year=2013")
    assert guarded.headers["Location"] == "/account?next=/projects?year%3D2013"
    html = client.get(guarded.headers["Location"]).get_data(as_text=True)
    assert html.index('id="password"') < html.index('id="tokens"') < html.index('id="sign-ins"')
    assert 'autocomplete="current-password" required autofocus' in html
    assert '<input type="hidden" name="next" value="/projects?year=2013">' in html
    changed = client.post("/account/password", data={"current_password": given, "new_password": NEW,
                                                      "repeat_password": NEW, "next": "/projects?year=2013"})
    assert changed.status_code == 303 and changed.headers["Location"] == "/projects?year=2013"
    settled = client.get("/account").get_data(as_text=True)  # once chosen, the form is back at the foot
    assert settled.index('id="sign-ins"') < settled.index('id="password"') and "autofocus" not in settled
    elsewhere = client.post("/account/password", data={"current_password": NEW, "new_password": "yet another sentence",
                                                       "repeat_password": "yet another sentence", "next": "//evil.example"})
    assert elsewhere.headers["Location"] == "/"


def test_the_ogc_shortcut_leaves_a_handed_over_password_to_the_guard(client, make_user, session):
    make_user("staff-one", "district_staff", "310115")
    given = passwords.reset_password(session, Actor.system(), "staff-one")
    client.post("/login", data={"username": "staff-one", "password": given})
    response = client.get("/ogc/collections/freed_parcels/items?limit=1")
    assert response.status_code == 403


def _session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_cookie_copied_before_signing_out_is_refused_after(app, client, login):
    login("planner", username="planner-one")
    copied = _session_cookie(client)
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/").status_code == 200  # the copy works while the sign-in lives
    client.post("/logout")
    assert "/login" in thief.get("/").headers["Location"]


def test_my_sign_ins_are_listed_and_the_others_can_be_ended(app, client, login):
    login("planner", username="planner-one")
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"username": "planner-one", "password": TEST_PASSWORD},
                   headers={"User-Agent": "PhoneBrowser/1.0"})
    html = client.get("/account").get_data(as_text=True)
    assert "已登录的浏览器" in html and html.count('<tr class="this-one">') == 1 and "PhoneBrowser/1.0" in html
    answer = client.post("/account/sign-out-others")
    assert after(client, answer) == [("success", "已结束其他登录：1 个。")]
    assert "/login" in elsewhere.get("/").headers["Location"]
    html = client.get("/account").get_data(as_text=True)
    assert "PhoneBrowser/1.0" not in html and "退出其他所有登录" not in html  # nothing else to end


def test_my_sign_ins_are_a_data_table_in_a_named_box_that_scrolls(client, login):
    """As every other wide table (_macros.html scroll_table): the box, focusable and named, scrolls
    a table wider than the screen; on a phone its rows are cards (table.cards), each time after its
    column's name."""
    login("planner")
    html = client.get("/account").get_data(as_text=True)
    assert ('<div class="table-scroll" tabindex="0" role="region" aria-label="已登录的浏览器">'
            '\n  <table class="data sign-ins cards">') in html
    assert '<td data-label="登录时间："><span class="nowrap">' in html
    assert '<th scope="col">浏览器</th>' in html


def test_a_browser_the_rules_know_is_named_with_what_it_sent_in_the_title(app, client, login):
    edge = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
            "Safari/537.36 Edg/120.0.2210.91")
    login("planner", username="planner-one")
    app.test_client().post("/login", data={"username": "planner-one", "password": TEST_PASSWORD},
                           headers={"User-Agent": edge})
    assert f'title="{edge}">Edge 120 · Windows 10</td>' in client.get("/account").get_data(as_text=True)


def test_a_user_agent_with_a_nul_or_markup_signs_in_and_is_shown_as_text(app, client, login):
    """The User-Agent is the client's to choose: a NUL (which PostgreSQL text refuses) made signing in
    fail, and markup must stay text on the page."""
    login("planner", username="planner-one")
    other, odd = app.test_client(), {"User-Agent": 'Odd\x00<img src=x onerror=alert(1)>"'}
    answer = other.post("/login", data={"username": "planner-one", "password": TEST_PASSWORD}, headers=odd)
    assert answer.status_code == 302, answer.get_data(as_text=True)
    assert other.get("/", headers=odd).status_code == 200
    html = client.get("/account").get_data(as_text=True)
    assert "<img src=x" not in html
    assert 'title="Odd &lt;img src=x onerror=alert(1)&gt;&#34;">Odd &lt;img src=x onerror=alert(1)&gt;&#34;</td>' in html
