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
    assert "行政区 16" in page.inner_text(".holdings")  # the districts drawn, as the line under the cards counts them
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


@pytest.mark.parametrize("lang, title", [("zh", "Leaflet：绘制地图的开源程序库"), ("en", "Leaflet, the open-source library that draws the map")])
def test_the_maps_credit_names_the_library_in_the_pages_language_without_a_flag_or_a_link_out(browser, live_server, db, lang, title):
    # Leaflet 1.9's credit put a national flag (an inline SVG) before its name, titled in English.
    from tests.browser.conftest import settled, signed_in

    context, page = signed_in(browser, live_server, {"width": 1280, "height": 860}, lang, "planner")
    parcel = db("SELECT min(id) FROM parcels WHERE status = 'freed' AND valid_to IS NULL")
    for path in ("/", "/land/freed", f"/land/parcels/{parcel}", "/projects"):  # folium's maps and the pages' own
        settled(page, live_server + path)
        credit = page.locator(".leaflet-control-attribution .map-credit")
        assert credit.inner_text().strip() == "Leaflet" and credit.get_attribute("title") == title, path
        assert page.locator(".leaflet-control-attribution svg").count() == 0, path
        # and no link out of the registry: the districts' networks reach no outside site (leafletjs.com)
        assert page.locator(".leaflet-control-attribution a[href*='leafletjs']").count() == 0, path
    context.close()
