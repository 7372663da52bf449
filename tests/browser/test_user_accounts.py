"""An administrator creates a user on the page; the user signs in with the password shown once, is
asked for their own first, and then reaches the registry."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in, save_screenshot

pytestmark = pytest.mark.browser

OWN = "my own long sentence"


def test_a_new_user_from_the_page_to_their_own_password(browser, live_server, db):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server, "admin")
    with page.expect_navigation():  # to its load: the role's script sets the district field aside
        page.click("text=用户管理")
    page.fill("input[name=username]", "newcomer")
    page.fill("input[name=display_name]", "赵敏 Zhao Min")
    district = page.locator("#new-user select[name=district_code]")
    page.select_option("#new-user select[name=role]", "planner")
    assert district.is_disabled()  # a district only for district staff
    page.select_option("#new-user select[name=role]", "district_staff")
    assert not district.is_disabled()
    district.select_option("310112")
    page.click("text=创建用户")
    page.wait_for_load_state("networkidle")
    given = page.locator("#password-secret").inner_text()
    save_screenshot(page, "user-created")
    assert db("SELECT district_code FROM users WHERE username = 'newcomer'") == "310112"
    page.click("text=退出")

    log_in(page, live_server, "newcomer", given)
    assert page.url.endswith("/account") and page.locator("#must-change").is_visible()
    page.fill("input[name=current_password]", given)
    page.fill("input[name=new_password]", OWN)
    page.fill("input[name=repeat_password]", OWN)
    save_screenshot(page, "own-password")
    page.click("button:text('修改密码')")
    page.wait_for_load_state("networkidle")
    assert page.url == live_server + "/" and "密码已修改" in page.locator(".flashes").inner_text()
    assert db("SELECT must_change_password FROM users WHERE username = 'newcomer'") is False
    context.close()
