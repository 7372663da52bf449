"""The OGC API read in a browser: the items page draws the page's features on a map (Leaflet served
by the app) above their table; a feature on the map opens its own page. It had shown raw JSON."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.map_styles import PARCEL
from tests.browser.conftest import requests_elsewhere, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser


def test_the_items_page_shows_the_map_and_the_table(browser, live_server):
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 900}, user="planner")
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    settled(page, f"{live_server}/ogc/collections/freed_land/items?limit=5")  # a browser's Accept: HTML
    expect(page.locator("h1")).to_contain_text("腾出土地")
    rows = page.locator("#ogc-items tbody tr")
    expect(rows).to_have_count(5)
    shapes = page.locator("#ogc-map path.ogc-shape")
    expect(shapes).to_have_count(5)
    expect(page.locator("#ogc-map path.ogc-spot")).to_have_count(5)  # seen at the city's scale too
    assert {shapes.nth(i).get_attribute("stroke") for i in range(5)} == {PARCEL.outline}
    assert page.locator("#ogc-map").bounding_box()["height"] >= 280
    assert requests_elsewhere(page, live_server) == []  # Leaflet from the app itself, no CDN
    save_screenshot(page, "ogc-items")
    first = rows.first.locator("td").first.inner_text()
    with page.expect_navigation():
        shapes.first.dispatch_event("click")  # the first drawn is the page's first feature (a small shape to aim at)
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/items/{first}?f=html")
    expect(page.locator("#ogc-facts")).to_contain_text("腾出日期")
    expect(page.locator("#ogc-map path.ogc-shape")).to_have_count(1)
    context.close()


def test_the_landing_pages_documents_open_as_pages_not_raw_json(browser, live_server):
    # the landing page linked the conformance and the API definition, and a collection its schema, as
    # JSON: a planner clicking them read raw JSON in the browser
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 900}, user="planner")
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    settled(page, f"{live_server}/ogc")
    with page.expect_navigation():
        page.get_by_role("link", name="符合性类别", exact=True).click()
    expect(page.locator("h1")).to_have_text("符合性类别")
    expect(page.locator("#ogc-conformance a")).to_have_count(5)  # core, OpenAPI 3.0, HTML, GeoJSON, CRS
    expect(page.locator("#ogc-conformance")).to_contain_text("第 1 部分：核心")
    page.go_back()
    with page.expect_navigation():
        page.get_by_role("link", name="接口定义", exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text("接口定义")
    expect(page.locator("code.ogc-path", has_text="/collections/freed_land/items")).to_have_count(2)  # and /{featureId}
    expect(page.locator("table.ogc-parameters code", has_text="limit").first).to_be_visible()
    save_screenshot(page, "ogc-openapi")
    settled(page, f"{live_server}/ogc/collections/freed_land")
    with page.expect_navigation():
        page.get_by_role("link", name="要素模式", exact=True).click()
    rows = page.locator("#ogc-schema tbody tr")
    expect(rows.filter(has_text="freed_on")).to_contain_text("腾出日期")
    assert rows.count() > 10
    save_screenshot(page, "ogc-schema")
    assert requests_elsewhere(page, live_server) == []  # nothing from a CDN
    context.close()
