"""The freed-land page in headless Chromium: map, totals, table, a drawn polygon, offline."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, requests_elsewhere, save_screenshot

pytestmark = pytest.mark.browser


def test_planner_finds_freed_land_on_the_map(page, live_server):
    log_in(page, live_server, "planner")
    page.goto(live_server + "/land/freed")
    page.wait_for_selector("#freed-map path.leaflet-interactive")
    total = int(page.inner_text("#total-count").replace(",", ""))
    assert total > 0
    assert page.locator("#freed-table tbody tr").count() == min(total, 200)
    assert "腾出土地" in page.inner_text("h1") or "Freed land" in page.inner_text("h1")
    assert page.get_attribute("#freed-map .leaflet-control-zoom-in", "title") == "放大"
    save_screenshot(page, "freed-land-zh")
    assert requests_elsewhere(page, live_server) == []


def test_filters_and_a_drawn_polygon_go_into_the_query(page, live_server):
    log_in(page, live_server, "planner")
    page.goto(live_server + "/land/freed")
    page.wait_for_selector("#freed-map path.leaflet-interactive")
    before = int(page.inner_text("#total-count").replace(",", ""))
    assert page.is_disabled("#clear-polygon")  # nothing drawn, nothing to clear
    page.click("#draw-polygon")
    page.locator("#freed-map").scroll_into_view_if_needed()
    box = page.locator("#freed-map").bounding_box()  # after the scroll the click above caused
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    corners = [(cx - 150, cy - 120), (cx + 150, cy - 120), (cx + 150, cy + 120), (cx - 150, cy + 120)]
    for x, y in corners:
        page.mouse.click(x, y)
    page.mouse.click(*corners[0])  # closing the ring finishes the polygon
    assert page.input_value("#f-polygon").startswith('{"type":"Polygon"')
    assert page.is_enabled("#clear-polygon")
    page.select_option("select[name=area_unit]", "mu")
    # the districts are ticked in a folded list, by keyboard too; its summary names them at once
    districts = page.locator("details.choices").first
    districts.locator("summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    districts.get_by_label("闵行区").check()
    expect(districts.locator(".chosen")).to_have_text("黄浦区、闵行区")
    page.click("button.primary")
    page.wait_for_load_state("networkidle")
    query = parse_qs(urlparse(page.url).query)
    assert "polygon" in query and query["area_unit"] == ["mu"] and query["district"] == ["310101", "310112"]
    after = int(page.inner_text("#total-count").replace(",", ""))
    assert after <= before
    save_screenshot(page, "freed-land-polygon")
    assert page.is_enabled("#clear-polygon")  # the query's polygon, drawn again, can be cleared
    page.click("#clear-polygon")
    assert page.input_value("#f-polygon") == "" and page.is_disabled("#clear-polygon")


def test_land_output_choropleth_and_matching(page, live_server):
    log_in(page, live_server, "planner")
    page.goto(live_server + "/land/output")
    page.wait_for_selector(".leaflet-interactive")
    assert page.locator("#output-table tbody tr").count() >= 1
    save_screenshot(page, "land-output-zh")
    page.goto(live_server + "/land/matching?min_area=5&area_unit=mu&zone_kind=development_zone,block_104")
    assert page.locator("#match-table tbody tr").count() >= 1


def test_a_planner_ranks_freed_land_by_zone_kinds_picked_by_name_in_order(page, live_server):
    # The preferences were a text field for codes ("development_zone,block_104") with a key to them,
    # and the reasons named the kind by its code.
    log_in(page, live_server, "planner")
    page.goto(live_server + "/land/matching")
    page.fill("input[name=min_area]", "5")
    page.get_by_label("第 1 选择").select_option(label="开发区")
    page.get_by_label("第 2 选择").select_option(label="104产业区块")
    page.get_by_role("button", name="对腾出地块排名").click()
    page.wait_for_selector("#match-table")
    assert parse_qs(urlparse(page.url).query)["zone_kind"][:2] == ["development_zone", "block_104"]
    assert page.locator("#match-table tbody tr").count() >= 1
    reasons = page.inner_text("#match-table")
    assert "区域类型 开发区 是 2 个选择中的第 1 个" in reasons or "区域类型 104产业区块 是 2 个选择中的第 2 个" in reasons
    assert "development_zone" not in page.inner_text("main") and "block_104" not in page.inner_text("main")
    assert page.get_by_label("第 1 选择").input_value() == "development_zone"  # the demand stays as asked
    save_screenshot(page, "land-matching-zone-preferences")


def test_the_map_legend_shows_over_the_map_in_the_maps_colours(page, live_server):
    log_in(page, live_server, "planner")
    page.goto(live_server + "/land/freed")
    page.wait_for_selector("#freed-map path.leaflet-interactive")
    legend, panel = page.locator("#freed-legend"), page.locator(".land-map")
    legend.scroll_into_view_if_needed()
    box, outer = legend.bounding_box(), panel.bounding_box()
    assert outer["x"] <= box["x"] and box["x"] + box["width"] <= outer["x"] + outer["width"]
    assert outer["y"] <= box["y"] and box["y"] + box["height"] <= outer["y"] + outer["height"]
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('#freed-legend') !== null",
                           [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert on_top  # not hidden under the map's panes
    drawn = page.evaluate("""() => [...document.querySelectorAll('#freed-map path.leaflet-interactive')]
        .map(p => (p.getAttribute('fill') || '').toUpperCase()).filter(f => f.startsWith('#'))""")  # not the outlines
    swatches = page.evaluate("""() => [...document.querySelectorAll('#freed-legend li span')]
        .map(s => getComputedStyle(s).backgroundColor)""")
    assert legend.inner_text().split("\n")[1:] == ["已腾出", "已规划二次开发", "已完成二次开发"]
    to_rgb = lambda h: f"rgb({int(h[1:3], 16)}, {int(h[3:5], 16)}, {int(h[5:7], 16)})"  # noqa: E731
    assert drawn and {to_rgb(fill) for fill in drawn} <= set(swatches)
