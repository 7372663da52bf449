"""The house look where it had been missed: an irreversible planner action in red with its question,
the planner's actions inside their card, the API tokens as a house table, Geoman's drawing in the
house drawing colour (geo/map_styles.py DRAWING) instead of its own #3388ff."""
from __future__ import annotations

import pytest

from geo.map_styles import DRAWING
from tests.browser.conftest import settled, signed_in

pytestmark = pytest.mark.browser

DESKTOP_VIEWPORT = {"width": 1280, "height": 900}

RED_BUTTON_JS = "el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]"
TH_JS = "el => { const s = getComputedStyle(el); return [s.textAlign, s.borderBottom, s.padding, s.fontWeight]; }"


def rgb(hex_colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)))


def test_withdrawing_a_plan_is_a_red_button_that_asks_first_inside_the_planners_card(browser, live_server, db):
    parcel = db("SELECT id FROM parcels WHERE status = 'redevelopment_planned' AND valid_to IS NULL ORDER BY id LIMIT 1")
    context, page = signed_in(browser, live_server, DESKTOP_VIEWPORT, user="planner")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    withdraw = page.get_by_role("button", name="撤回计划")
    assert withdraw.evaluate(RED_BUTTON_JS) == ["rgb(170, 0, 0)", "rgb(255, 255, 255)"]  # feedback.css's danger
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    withdraw.click()
    page.wait_for_load_state("networkidle")
    assert len(asked) == 1 and asked[0].startswith("确定撤回地块 ")
    assert db("SELECT status FROM parcels WHERE id = :i", i=parcel) == "redevelopment_planned"
    heading = page.get_by_role("heading", name="规划人员操作")
    inside = heading.evaluate("h => { const card = h.closest('.card'); if (!card) return false;"
                              " const a = h.getBoundingClientRect(), b = card.getBoundingClientRect();"
                              " return a.top >= b.top && a.left >= b.left && a.right <= b.right; }")
    assert inside
    context.close()


def test_the_api_tokens_table_is_a_house_table(browser, live_server):
    context, page = signed_in(browser, live_server, DESKTOP_VIEWPORT, user="planner")
    settled(page, live_server + "/projects")
    house = page.locator("main table.data th").first.evaluate(TH_JS)
    settled(page, live_server + "/account/tokens")
    assert page.locator("main table th").first.evaluate(TH_JS) == house
    context.close()


def test_geoman_draws_in_the_house_drawing_colour(browser, live_server):
    context, page = signed_in(browser, live_server, DESKTOP_VIEWPORT, user="planner")
    settled(page, live_server + "/land/freed")
    page.locator("#draw-polygon").click()
    box = page.locator("#freed-map").bounding_box()
    for dx, dy in ((0.4, 0.4), (0.6, 0.4)):
        page.mouse.click(box["x"] + box["width"] * dx, box["y"] + box["height"] * dy)
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.6)
    strokes = page.locator("#freed-map path.leaflet-interactive, #freed-map path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('stroke')).filter(Boolean)")
    assert "#3388ff" not in strokes and DRAWING.outline in strokes
    vertices = page.locator("#freed-map .marker-icon").evaluate_all(
        "icons => [...new Set(icons.map(i => getComputedStyle(i).borderTopColor))]")
    assert vertices == [rgb(DRAWING.outline)]
    context.close()
