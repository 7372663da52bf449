"""The parcels step on a phone: its guidance (the ways without a mouse, the upload and its coordinate
system, typed corners) stood more than a screen above the map. It is folded there, and open on a
wider screen; on a desktop it stands beside the map, which is wholly in the first screen."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, signed_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
MAP_TOP = "document.querySelector('#wizard-map').getBoundingClientRect().top + window.scrollY"


def parcels_step(browser, live_server, viewport: dict, lang: str, user: str = "pudong"):
    context, page = signed_in(browser, live_server, viewport, lang=lang, user=user)
    page.goto(live_server + "/projects/new")
    page.click("#steps-nav [data-step='3']")
    page.wait_for_selector("#wizard-map.leaflet-container")
    return context, page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_the_map_is_in_the_first_screen_and_the_guidance_folded(browser, live_server, lang):
    context, page = parcels_step(browser, live_server, PHONE, lang)
    assert page.evaluate(MAP_TOP) < PHONE["height"] - 100  # a good part of it in view, not only its edge
    assert page.evaluate("document.querySelector('#parcel-guide').open") is False
    assert not page.is_visible("#map-keyboard") and page.is_visible("#draw")
    save_screenshot(page, f"wizard-parcels-phone-{lang}")
    page.click("#parcel-guide > summary")  # unfolded, it holds what it held
    assert page.is_visible("#map-keyboard") and page.is_visible("#upload-crs")
    page.click("#map-keyboard a[href='#typed-coordinates']")
    assert page.evaluate("document.activeElement.id") == "corners"
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_desktop_the_guidance_is_open_beside_the_map(browser, live_server, lang):
    context, page = parcels_step(browser, live_server, DESKTOP, lang)
    assert page.evaluate("document.querySelector('#parcel-guide').open") is True
    assert page.is_visible("#map-keyboard") and page.is_visible("#upload-crs") and page.is_visible("#draw")
    assert page.evaluate(MAP_TOP) < DESKTOP["height"] - 250  # the map begins in the first screen, its tools above it
    save_screenshot(page, f"wizard-parcels-desktop-{lang}")
    context.close()


BOX = "(selector) => document.querySelector(selector).getBoundingClientRect().toJSON()"
# the guide's ways and the map's own tool, each wholly in the first screen
FIRST_SCREEN = ("#parcel-guide > summary", "#map-keyboard", ".map-tools .file-button", "#upload-crs", "#gcj02", "#draw")


@pytest.mark.parametrize("width, height", [(1024, 768), (1040, 768), (1280, 768), (1366, 768), (1920, 1080)])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("user", ["pudong", "admin"])  # the administrator's top bar is the fullest
def test_on_a_desktop_the_whole_map_is_in_the_first_screen_beside_the_guide(browser, live_server, width, height, lang, user):
    """Under the open guide the map began at 574-588 px, its lower part below the fold of a 1366 × 768
    screen (and of a 1920 × 1080 one): the guide stands at its left and the map is as tall as the
    screen leaves it, the guide's ways still open. In English its bottom still fell below the fold at
    1,040 and 1,366 px: what stands above it (the hints, the top bar) takes more lines than in Chinese,
    and at 1,024 px the guide stood above the map."""
    viewport = {"width": width, "height": height}
    context, page = parcels_step(browser, live_server, viewport, lang, user)
    assert page.evaluate("window.scrollY") == 0
    area, guide = page.evaluate(BOX, "#wizard-map"), page.evaluate(BOX, "#parcel-guide")
    assert area["top"] >= 0 and area["bottom"] <= viewport["height"], area
    assert area["height"] >= 320 and area["width"] >= min(800, width / 2), area  # still a map to draw on
    assert guide["right"] <= area["left"] and guide["top"] < area["top"], (guide, area)  # at its left
    for selector in FIRST_SCREEN:
        shown = page.evaluate(BOX, selector)
        assert page.is_visible(selector) and 0 <= shown["top"] and shown["bottom"] <= viewport["height"], (selector, shown)
    save_screenshot(page, f"wizard-parcels-first-screen-{width}-{lang}-{user}")
    context.close()


# each label of the upload row and its field: where the label's words end and where the field begins
LABELS_AND_FIELDS = """[...document.querySelectorAll('.map-tools label:not(.check)')].map((label) => {
  const words = document.createRange();
  words.selectNodeContents(label.firstChild);
  const field = label.querySelector('select, .file-picker').getBoundingClientRect();
  const text = words.getBoundingClientRect();
  return { text: label.firstChild.textContent.trim(), wordsBottom: text.bottom, wordsLeft: text.left,
           fieldTop: field.top, fieldLeft: field.left };
})"""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_upload_rows_labels_stand_above_their_fields(browser, live_server, viewport):
    """As in the app's other forms (.grid): the file's and the coordinate system's labels stood beside
    their fields, the row read as one line of words and boxes."""
    context, page = parcels_step(browser, live_server, viewport, "zh")
    if not page.evaluate("document.querySelector('#parcel-guide').open"):
        page.click("#parcel-guide > summary")
    rows = page.evaluate(LABELS_AND_FIELDS)
    assert len(rows) == 2, rows
    for row in rows:
        assert row["fieldTop"] >= row["wordsBottom"] - 1, row  # under its words, not beside them
        assert abs(row["fieldLeft"] - row["wordsLeft"]) <= 2, row  # and starting where they start
    context.close()


# the upload row's fields: the file's button, the coordinate system's select and the GCJ-02 box
UPLOAD_FIELDS = """() => ['.map-tools .file-button', '#upload-crs', '#gcj02']
  .map((selector) => document.querySelector(selector).getBoundingClientRect().toJSON())"""


def centre(rect: dict) -> float:
    return rect["top"] + rect["height"] / 2


@pytest.mark.parametrize("lang, width", [("en", 1024), ("en", 1366), ("en", 390), ("zh", 1024), ("zh", 1366)])
def test_the_file_button_lines_up_with_the_upload_rows_other_fields(browser, live_server, lang, width):
    """The file's button was 3 px taller than the select beside it: on one line (their bottoms
    meet, .grid) its top stood above the select's; where the row stacks (its label wrapping, in
    English, beside the map or on a phone) the GCJ-02 box stood 4 px in from the fields' left edge."""
    context, page = parcels_step(browser, live_server, {"width": width, "height": 900}, lang)
    if not page.evaluate("document.querySelector('#parcel-guide').open"):
        page.click("#parcel-guide > summary")
    button, select, box = page.evaluate(UPLOAD_FIELDS)
    assert abs(button["height"] - select["height"]) <= 1, (button, select)
    for field in (select, box):
        if field["top"] < button["bottom"] and button["top"] < field["bottom"]:  # on one line with the button
            assert abs(centre(field) - centre(button)) <= 1, (field, button)
        else:  # under it
            assert abs(field["left"] - button["left"]) <= 1, (field, button)
    context.close()
