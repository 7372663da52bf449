"""The overview map in a real headless Chromium: districts drawn, Chinese labels, offline."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot

pytestmark = pytest.mark.browser


def test_district_map_renders_offline_with_chinese_labels(page, live_server):
    page.goto(live_server + "/")
    page.wait_for_selector(".leaflet-interactive")
    # one SVG/canvas path per district polygon part; 16 districts at least
    assert page.locator("path.leaflet-interactive").count() >= 16
    assert "示意数据" in page.inner_text("body")
    assert page.inner_text(".counts").count("16") >= 1
    save_screenshot(page, "overview-map-zh")
    outside = [u for u in page.requests_seen if not u.startswith(live_server) and not u.startswith("data:")]
    assert outside == []


def test_switching_to_english_relabels_the_page(page, live_server):
    page.goto(live_server + "/")
    page.click("text=English")
    page.wait_for_selector(".leaflet-interactive")
    assert "Overview" in page.inner_text("main")
    save_screenshot(page, "overview-map-en")
