"""User administration pages: the list, a new user with a password shown once, name, role, district,
disabling and resetting — administrators only; refusals where the administrator is."""
from __future__ import annotations

import re

import pytest

from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.conftest import TEST_PASSWORD
from tests.web.flashes import after, flashes

SECRET = re.compile(r'id="password-secret">([^<]+)<')


@pytest.fixture
def admin(client, login, session):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    return login("admin", username="admin-one")


def _create(client, **fields):
    data = {"username": "staff-new", "display_name": "张伟", "role": "district_staff",
            "district_code": "310115"} | fields
    return client.post("/admin/users", data=data)


@pytest.mark.parametrize("role", ["district_staff", "city_reviewer", "planner"])
def test_only_administrators_reach_the_pages(client, login, role):
    login(role, "310115" if role == "district_staff" else None)
    assert client.get("/admin/users").status_code == 403
    assert _create(client).status_code == 403
    assert 'href="/admin/users"' not in client.get("/account").get_data(as_text=True)


def test_a_new_user_gets_a_password_shown_once_and_signs_in_with_it(app, client, admin):
    created = _create(client)
    assert created.status_code == 303 and created.headers["Location"] == "/admin/users/staff-new"
    page = client.get("/admin/users/staff-new")
    html = page.get_data(as_text=True)
    given = SECRET.search(html).group(1)
    assert flashes(html) == [("success", "已创建用户 staff-new。")] and page.headers["Cache-Control"] == "no-store"
    assert "浦东新区" in html and "区级工作人员" in html and "待改密码" in html
    assert SECRET.search(client.get("/admin/users/staff-new").get_data(as_text=True)) is None  # once
    listing = client.get("/admin/users").get_data(as_text=True)
    assert "staff-new" in listing and "张伟" in listing and "从未" not in listing.split("staff-new")[0]
    newcomer = app.test_client()
    assert newcomer.post("/login", data={"username": "staff-new", "password": given}).status_code == 302
    assert newcomer.get("/").headers["Location"] == "/account"


def test_a_refused_new_user_keeps_what_was_typed(client, admin):
    no_district = _create(client, username="staff-two", district_code="")
    html = no_district.get_data(as_text=True)
    assert no_district.status_code == 422 and "区级工作人员必须指定所属区" in html and 'value="staff-two"' in html
    assert _create(client).status_code == 303
    taken = _create(client)
    assert taken.status_code == 409 and "staff-new" in taken.get_data(as_text=True)
    bad_name = _create(client, username="张伟")
    assert bad_name.status_code == 422 and "只能包含英文字母" in bad_name.get_data(as_text=True)


def test_role_name_and_district_change_and_a_district_is_kept_only_for_staff(client, admin):
    after(client, _create(client))
    assert after(client, client.post("/admin/users/staff-new/role", data={"role": "planner", "district_code": "310115"})) \
        == [("success", "角色已保存。")]
    html = client.get("/admin/users/staff-new").get_data(as_text=True)
    assert "规划人员" in html
    assert after(client, client.post("/admin/users/staff-new/name", data={"display_name": "李娜"})) == [
        ("success", "姓名已保存。")]
    refused = client.post("/admin/users/staff-new/role", data={"role": "district_staff", "district_code": ""})
    assert after(client, refused) == [("error", "区：区级工作人员必须指定所属区")]


def test_disabling_ends_the_users_sessions_and_the_last_administrator_stays(app, client, admin, make_user):
    make_user("planner-one", "planner")
    other = app.test_client()
    other.post("/login", data={"username": "planner-one", "password": TEST_PASSWORD})
    assert other.get("/").status_code == 200
    disabled = client.post("/admin/users/planner-one/active", data={"active": "0"})
    assert after(client, disabled) == [("success", "已停用 planner-one：其登录会话和 API 令牌均已失效。")]
    assert other.get("/").status_code == 302
    refused = client.post("/admin/users/admin-one/active", data={"active": "0"})
    assert after(client, refused) == [("error", "不能停用自己的账户。")]
    demoted = client.post("/admin/users/admin-one/role", data={"role": "planner"})
    assert after(client, demoted) == [("error", "admin-one 是最后一位启用中的管理员：请先将另一位用户设为管理员")]
    assert client.post("/admin/users/planner-one/active", data={"active": "1"}).status_code == 303


def test_a_reset_shows_a_new_password_once_and_ends_the_users_sessions(app, client, admin, make_user):
    make_user("planner-one", "planner")
    other = app.test_client()
    other.post("/login", data={"username": "planner-one", "password": TEST_PASSWORD})
    reset = client.post("/admin/users/planner-one/password")
    html = client.get(reset.headers["Location"]).get_data(as_text=True)
    given = SECRET.search(html).group(1)
    assert "已为 planner-one 设置新密码。" in html and other.get("/").status_code == 302
    assert other.post("/login", data={"username": "planner-one", "password": given}).status_code == 302
    assert other.get("/").headers["Location"] == "/account"


def test_an_unknown_user_is_a_404(client, admin):
    assert client.get("/admin/users/nobody").status_code == 404
    assert client.post("/admin/users/nobody/password").status_code == 404


def test_the_pages_in_english(client, admin):
    client.get("/lang/en")
    _create(client)
    html = client.get("/admin/users/staff-new").get_data(as_text=True)
    assert "Give this password to 张伟 now" in html and "District staff" in html and "Pudong" in html
    # a name is written as the person writes it, in characters on English pages too: no pinyin example
    assert 'placeholder="e.g. 张伟"' in client.get("/admin/users").get_data(as_text=True)


def test_a_users_state_and_first_sign_in_begin_with_a_capital_in_english_as_other_table_cells(client, admin, make_user):
    make_user("planner-gone", "planner")
    client.post("/admin/users/planner-gone/active", data={"active": "0"})
    _create(client)  # must choose a password at the first sign-in
    client.get("/lang/en")
    html = client.get("/admin/users").get_data(as_text=True)
    assert ">Enabled<" in html and ">Disabled</span>" in html and ">Password to change</span>" in html
    assert "enabled" not in html.replace("Enabled", "") and ">disabled<" not in html
    # staff-new never signed in
    assert '<td class="nowrap" data-label="Last sign-in: ">Never</td>' in html and ">never<" not in html


def test_an_administrator_sees_where_a_user_is_signed_in_and_signs_them_out(app, client, admin, make_user):
    make_user("planner-one", "planner")
    assert "当前没有任何登录。" in client.get("/admin/users/planner-one").get_data(as_text=True)
    other = app.test_client()
    other.post("/login", data={"username": "planner-one", "password": TEST_PASSWORD},
               headers={"User-Agent": "OfficeBrowser/2.0"})
    page = client.get("/admin/users/planner-one").get_data(as_text=True)
    assert "planner-one 已登录的浏览器" in page and "OfficeBrowser/2.0" in page
    ended = client.post("/admin/users/planner-one/sign-out")
    assert after(client, ended) == [("success", "planner-one 已在所有地方退出登录（结束登录 1 个）。")]
    assert "/login" in other.get("/").headers["Location"]
    assert other.post("/login", data={"username": "planner-one", "password": TEST_PASSWORD}).status_code == 302


def test_an_administrator_lists_and_revokes_a_users_api_tokens(client, admin, make_user, session):
    from registry.domain.permissions import Actor
    from registry.services import tokens

    make_user("planner-one", "planner")
    created = tokens.create_token(session, Actor.system(), "planner-one", "统计局导出", tokens.expiry(days=30))
    page = client.get("/admin/users/planner-one").get_data(as_text=True)
    assert "<td>统计局导出</td>" in page and f"/admin/users/planner-one/tokens/{created.token.id}/revoke" in page
    revoked = client.post(f"/admin/users/planner-one/tokens/{created.token.id}/revoke")
    assert after(client, revoked) == [("success", "已吊销令牌“统计局导出”：它不能再访问 API。")]
    assert tokens.authenticate_token(session, created.secret) is None


def test_a_disabled_users_tokens_read_as_stopped_and_enabling_says_they_work_again(client, admin, make_user, session):
    """A disabled account's tokens are refused (authenticate_token): its page must not call them 有效,
    and enabling it, which lets them work again, says so beside the revoke buttons."""
    from registry.domain.permissions import Actor
    from registry.services import tokens

    make_user("planner-one", "planner")
    created = tokens.create_token(session, Actor.system(), "planner-one", "统计局导出", tokens.expiry(days=30))
    after(client, client.post("/admin/users/planner-one/active", data={"active": "0"}))
    assert tokens.authenticate_token(session, created.secret) is None
    page = client.get("/admin/users/planner-one").get_data(as_text=True)
    row = page.split("<td>统计局导出</td>")[1].split("</tr>")[0]
    assert "已暂停（账号已停用）" in row and "有效" not in row
    assert f"/admin/users/planner-one/tokens/{created.token.id}/revoke" in row  # revoked for good before enabling
    enabled = client.post("/admin/users/planner-one/active", data={"active": "1"})
    assert after(client, enabled) == [("success", "planner-one 可以重新登录。其 API 令牌恢复有效：如已没有系统需要使用，请在下方吊销。")]
    assert tokens.authenticate_token(session, created.secret) is not None
    row = client.get("/admin/users/planner-one").get_data(as_text=True).split("<td>统计局导出</td>")[1].split("</tr>")[0]
    assert "有效" in row and "已暂停" not in row


def test_a_users_page_links_the_changes_made_to_the_account(client, admin):
    """Who created the account, gave it its role or reset its password: the trail of the account as a
    record, beside the trail of what the user did (最近操作)."""
    after(client, _create(client))
    after(client, client.post("/admin/users/staff-new/role", data={"role": "planner"}))
    page = client.get("/admin/users/staff-new").get_data(as_text=True)
    link = re.search(r'<a href="(/audit\?entity=user&amp;entity_id=\d+)">在审计日志中查看该账户的变更</a>', page)
    trail = client.get(link.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert "共 2 项" in trail and "创建" in trail and "规划人员" in trail and "admin-one" in trail


def test_a_users_page_shows_their_failed_sign_ins_and_until_when_an_address_is_refused(app, client, admin, make_user):
    """张伟 calls: he cannot sign in. The throttle refused his desk after 5 wrong passwords, with the
    same message as a wrong one (nothing to tell an attacker): his page tells the administrator."""
    make_user("planner-one", "planner")
    page = client.get("/admin/users/planner-one").get_data(as_text=True)
    assert "近 24 小时没有失败的登录。" in page
    desk = app.test_client()
    for _ in range(5):
        desk.post("/login", data={"username": "planner-one", "password": "not the password"})
    assert desk.post("/login", data={"username": "planner-one", "password": TEST_PASSWORD}).status_code == 401  # refused
    section = client.get("/admin/users/planner-one").get_data(as_text=True).split('id="failed-sign-ins"')[1]
    row = section.split("<tbody>")[1].split("</tr>")[0]
    assert "127.0.0.1" in row and ">5<" in row and "从此地址登录暂被拒绝，至" in row
    assert "重设密码不会解除" in section  # what the administrator can and cannot do about it


def test_an_administrator_keeps_their_own_password_and_role_on_their_user_page(app, client, admin, make_user):
    """Their own reset ended their sign-in before the new password was shown (locked out, the only
    administrator with it), their own demotion landed on "not allowed": both refused, the page points
    to My account instead — also with another administrator, whom the last-administrator rule lets by."""
    make_user("admin-two", "admin")
    reset = client.post("/admin/users/admin-one/password")
    assert after(client, reset) == [("error", "不能在此重设自己的密码：请在“我的账户”中修改。")]
    assert client.get("/admin/users").status_code == 200  # still signed in
    assert app.test_client().post("/login", data={"username": "admin-one", "password": TEST_PASSWORD}).status_code == 302
    demoted = client.post("/admin/users/admin-one/role", data={"role": "planner"})
    assert after(client, demoted) == [("error", "不能更改自己的角色：请另一位管理员更改。")]
    page = client.get("/admin/users/admin-one").get_data(as_text=True)
    assert "管理员" in page and 'href="/account"' in page
    for action in ("password", "role", "active", "sign-out"):
        assert f'action="/admin/users/admin-one/{action}"' not in page
    other = client.get("/admin/users/admin-two").get_data(as_text=True)
    assert all(f'action="/admin/users/admin-two/{action}"' in other for action in ("password", "role", "active"))
