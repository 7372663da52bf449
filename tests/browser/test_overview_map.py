"""The overview map in a real headless Chromium: districts drawn, Chinese labels, offline."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in, requests_elsewhere, save_screenshot

pytestmark = pytest.mark.browser


def test_district_map_renders_offline_with_chinese_labels(page, live_server):
    log_in(page, live_server, "planner")
    page.goto(live_server + "/")
    page.wait_for_selector(".leaflet-interactive")
    # one SVG/canvas path per district polygon part; 16 districts at least
    assert page.locator("path.leaflet-interactive").count() >= 16
    assert "示意数据" in page.inner_text("body")
    assert page.inner_text(".counts").count("16") >= 1
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "放大"  # Leaflet's own texts too
    save_screenshot(page, "overview-map-zh")
    assert requests_elsewhere(page, live_server) == []


def test_switching_to_english_relabels_the_page(page, live_server):
    log_in(page, live_server, "pudong")
    page.goto(live_server + "/")
    page.click("text=English")
    page.wait_for_selector(".leaflet-interactive")
    assert "Overview" in page.inner_text("main")
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "Zoom in"
    save_screenshot(page, "overview-map-en")


def test_anonymous_visitor_sees_the_login_page_in_chinese(page, live_server):
    page.goto(live_server + "/")
    assert page.url.startswith(live_server + "/login")
    assert "登录" in page.inner_text("h1")
    save_screenshot(page, "login-zh")
