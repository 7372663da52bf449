"""A parcel page's map draws the parcel's district, as a project page's map draws its own, and keeps
the parcel up close (its shape, a split's cut line): the district whole stands in a locator in the
map's corner, the parcel a spot inside it. The parcel had been drawn alone on the grey base map, with
nothing to tell where in the district — or in the city — it lay."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.map_styles import DISTRICTS, PARCEL
from tests.browser.conftest import inside, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

PARCEL_IN_PUDONG = "SELECT min(id) FROM parcels WHERE district_code = '310115' AND valid_to IS NULL"
# each drawn area's box and outline colour, in the map itself and in its locator
SHAPES_JS = """() => { const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const shapes = sel => [...document.querySelectorAll(sel)].map(p => ({stroke: p.getAttribute('stroke'), ...box(p)}));
  const locator = document.querySelector('#parcel-map .map-locator-map');
  return {map: shapes('#parcel-map > .leaflet-pane path'), locator: locator && box(locator),
          inset: shapes('#parcel-map .map-locator-map path')}; }"""


@pytest.mark.parametrize("lang, width, name", [("zh", 1366, "浦东新区"), ("en", 390, "Pudong New Area")])
def test_a_parcel_page_map_draws_its_district_and_locates_the_parcel_in_it(browser, live_server, db, lang, width, name):
    parcel = db(PARCEL_IN_PUDONG)
    context, page = signed_in(browser, live_server, {"width": width, "height": 900}, lang, user="pudong")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    locator = page.locator("#parcel-map .map-locator")
    expect(locator).to_have_text(name)  # the district named under its outline
    expect(locator).to_have_attribute("aria-label", "地块在浦东新区的位置" if lang == "zh" else f"Where the parcel lies in {name}")
    drawn = page.evaluate(SHAPES_JS)
    # the map itself: the district's outline under everything, the parcel on top, which stays up close
    # (between them its zones and the parcels nearby: test_parcel_map_surroundings.py)
    strokes = [s["stroke"] for s in drawn["map"]]
    assert strokes[0] == DISTRICTS.outline and strokes[-1] == PARCEL.outline and strokes.count(PARCEL.outline) == 1, drawn
    [district, spot] = drawn["inset"]
    assert district["stroke"] == DISTRICTS.outline and spot["stroke"] == PARCEL.outline, drawn
    assert inside(district, drawn["locator"]) and inside(spot, district), drawn  # the district whole, the parcel in it
    save_screenshot(page, f"parcel-map-district-{lang}-{width}")
    context.close()
