"""A parcel without a mouse: drawing on the map takes one, so the parcels step says how to do
without it, before the map, and its links lead to an upload and to typed corners."""
from __future__ import annotations

import pytest

from tests.browser.conftest import answers_read, count_answers_read, save_screenshot, signed_in, wait_for_answers_read
from tests.browser.wizard import after_the_opening_zoom

pytestmark = pytest.mark.browser

# A square of about 8,500 m² in a quiet spot of Pudong (310115), longitude then latitude.
CORNERS = "121.7432, 31.1702\n121.7442 31.1702\n121.7442, 31.1710\n121.7432 31.1710"
HINT = "#map-keyboard"


def parcels_step(browser, live_server, lang: str = "zh"):
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 900}, lang=lang, user="pudong")
    page.goto(live_server + "/projects/new")
    page.click("#steps-nav [data-step='3']")
    return context, page


def test_the_parcels_step_says_how_to_add_a_parcel_without_a_mouse_before_the_map(browser, live_server):
    context, page = parcels_step(browser, live_server)
    hint = page.locator(HINT)
    assert hint.is_visible()
    assert hint.inner_text().startswith("不用鼠标时：可以上传文件，或输入各拐点的坐标。")
    # Tab reaches the hint's links before the map
    order = page.evaluate("""[...document.querySelectorAll('#map-keyboard a, #wizard-map')]
                             .map(e => e.id || e.getAttribute('href'))""")
    assert order == ["#upload", "#typed-coordinates", "wizard-map"]
    page.focus(f"{HINT} a[href='#upload']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "upload"  # the file field itself, ready for Space
    context.close()


@pytest.mark.parametrize("lang, area", [("zh", "新地块 1：面积 8,456 m²"), ("en", "New parcel 1: Area 8,456 m²")])
def test_a_parcel_is_added_by_typing_its_corners_with_the_keyboard_alone(browser, live_server, lang, area):
    context, page = parcels_step(browser, live_server, lang)
    page.focus(f"{HINT} a[href='#typed-coordinates']")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "corners"
    page.keyboard.type(CORNERS)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "add-corners"
    page.keyboard.press("Enter")
    item = page.wait_for_selector("#parcel-list li.ok")
    assert area in item.inner_text()  # checked by the server as a drawn one is
    save_screenshot(page, f"wizard-typed-corners-{lang}")
    context.close()


@pytest.mark.parametrize("typed, message", [
    ("121.7432, 31.1702\n121.7442 北纬31度", "第 2 行“121.7442 北纬31度”不是经度和纬度。"),
    ("121.7432, 31.1702\n121.7442 31.1702", "地块至少需要三个拐点。"),
])
def test_corners_that_cannot_be_read_are_refused_in_the_users_language(browser, live_server, typed, message):
    context, page = parcels_step(browser, live_server)
    page.click(f"{HINT} a[href='#typed-coordinates']")
    page.fill("#corners", typed)
    page.click("#add-corners")
    assert page.inner_text("#corners-error") == message
    assert page.locator("#parcel-list li").count() == 0
    assert page.input_value("#corners") == typed  # kept, to be corrected
    context.close()


def test_the_parcel_with_the_focus_keeps_it_when_the_map_draws_the_parcels_in_view_again(browser, live_server, db):
    """The map draws the parcels in view anew at each move, a resize of the window too: the focused
    one was among the shapes taken away, and the keyboard's place was lost to the page."""
    code, lat, lon = db("SELECT ARRAY[code, ST_Y(p)::text, ST_X(p)::text] FROM (SELECT code, ST_PointOnSurface(geom) AS p"
                        " FROM parcels WHERE district_code = '310115' AND valid_to IS NULL ORDER BY id LIMIT 1) AS first")
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 900}, user="pudong")
    count_answers_read(page)
    page.goto(live_server + "/projects/new")
    page.click("#steps-nav [data-step='3']")
    after_the_opening_zoom(page)
    page.evaluate("([lat, lon]) => wizardMap.setView([lat, lon], 17, {animate: false})", [float(lat), float(lon)])
    parcel = f"#wizard-map path[aria-label^='{code} ']"  # the one under the map's centre: in view after the resize
    page.focus(parcel)
    read = answers_read(page, "/projects/parcels.geojson")
    page.set_viewport_size({"width": 1100, "height": 900})  # the map fits the window and asks for its parcels again
    wait_for_answers_read(page, "/projects/parcels.geojson", read + 1)
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(f"{code} ")
    context.close()
