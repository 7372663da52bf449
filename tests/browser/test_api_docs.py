"""The API's browsable documentation and the tokens page in a real Chromium, offline."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in, requests_elsewhere, save_screenshot

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_every_operation_from_local_assets(page, live_server):
    log_in(page, live_server, "pudong")
    page.goto(live_server + "/api/v1/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 13
    assert "/api/v1/projects" in page.inner_text("body")
    save_screenshot(page, "api-docs")
    assert requests_elsewhere(page, live_server) == []


def test_a_token_is_created_and_shown_once_on_the_tokens_page(page, live_server):
    log_in(page, live_server, "minhang")
    page.click(".topbar .who")  # the user's name: 我的账户, which leads to the tokens
    page.click("main >> text=API 令牌")
    page.fill("input[name=name]", "浏览器测试")
    page.click("text=创建令牌 >> nth=-1")
    secret = page.inner_text("#token-secret")
    assert secret.startswith("rgy_")
    save_screenshot(page, "api-tokens")
    page.goto(live_server + "/account/tokens")
    assert secret not in page.inner_text("body") and "浏览器测试" in page.inner_text("body")
