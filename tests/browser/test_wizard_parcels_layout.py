"""The parcels step on a phone: its guidance (the ways without a mouse, the upload and its coordinate
system, typed corners) stood more than a screen above the map. It is folded there, and open on a
wider screen, where it fits beside the map's first screen."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, signed_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
MAP_TOP = "document.querySelector('#wizard-map').getBoundingClientRect().top + window.scrollY"


def parcels_step(browser, live_server, viewport: dict, lang: str):
    context, page = signed_in(browser, live_server, viewport, lang=lang, user="pudong")
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
def test_on_a_desktop_the_guidance_is_open_above_the_map(browser, live_server, lang):
    context, page = parcels_step(browser, live_server, DESKTOP, lang)
    assert page.evaluate("document.querySelector('#parcel-guide').open") is True
    assert page.is_visible("#map-keyboard") and page.is_visible("#upload-crs") and page.is_visible("#draw")
    assert page.evaluate(MAP_TOP) < DESKTOP["height"] - 250  # the map begins in the first screen, its tools above it
    save_screenshot(page, f"wizard-parcels-desktop-{lang}")
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
