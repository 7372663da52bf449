"""The rollup dashboard in Chromium with demo data: Chinese labels, charts, the map, offline."""
from __future__ import annotations

import pytest

from tests.browser.conftest import log_in, requests_elsewhere, save_screenshot

pytestmark = pytest.mark.browser


def test_dashboard_renders_chinese_charts_and_map_offline(page, live_server):
    log_in(page, live_server, "planner")
    page.goto(live_server + "/rollups?year=2013")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text().startswith("2013 年度汇总")
    assert page.locator("table.progress").inner_text().count("产业结构调整项目") == 1
    assert page.locator("svg.chart:visible").count() == 3  # the compact ones are for a phone
    assert page.locator(".rollup-map .leaflet-interactive").count() >= 16  # every district drawn
    # the chart's Chinese title is laid out with a CJK font: a tofu box would have a fallback width
    width = page.evaluate("() => document.querySelector('svg.chart text').getBBox().width")
    assert width > 50
    fonts = page.evaluate("() => document.fonts.check('14px \"Noto Sans CJK SC\"', '各区节能量')")
    assert fonts
    # The district bars have the page's width: in half of it (0.79) their 11-px names were drawn at 8.6 px.
    scale = page.evaluate("() => { const svg = document.querySelector('svg.chart');"
                          " return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }")
    assert scale >= 0.9
    save_screenshot(page, "rollup-dashboard-zh")
    assert requests_elsewhere(page, live_server) == []
    page.locator("table.progress a").first.click()
    page.wait_for_load_state("networkidle")
    assert "汇总所含项目" in page.locator("h1").inner_text()
