"""The project list's map fits what is listed and shows each listed parcel: filtered to a district it
shows that district whole (it had fitted the page's parcels, or the whole city), else the page's
parcels; and a parcel under a few pixels at that zoom is drawn as a spot at its centre as well (across
the city the parcels had been specks of a pixel that no one saw)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

SEEN = 6  # px: the least width and height a parcel, or its spot, is seen by
# The folium map's view, each listed parcel's (feature id "project-code") outline and spot: whether the
# view holds it and its boxes on screen; the districts' outlines by code.
DRAWN_JS = """() => {
  const name = Object.keys(window).find(k => /^map_[0-9a-f]{32}$/.test(k)), map = window[name];
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; };
  const view = map.getBounds(), parcels = {}, districts = {};
  map.eachLayer(l => {
    if (!l.feature || !l._path) { return; }
    const id = String(l.feature.id);
    if (!id.includes('-')) { districts[id] = {held: view.contains(l.getBounds()), box: box(l._path)}; return; }
    const p = parcels[id] = parcels[id] || {held: true, boxes: []};
    if (l.getBounds) { p.held = p.held && view.contains(l.getBounds()); }
    p.boxes.push(box(l._path));
  });
  return {map: box(map.getContainer()), parcels, districts}; }"""


def seen(boxes: list[dict], frame: dict) -> bool:
    """Whether one of a parcel's boxes (its outline, its spot) is at least SEEN px wide and high on the map."""
    return any(b["width"] >= SEEN and b["height"] >= SEEN and b["left"] >= frame["left"] and b["right"] <= frame["right"]
               and b["top"] >= frame["top"] and b["bottom"] <= frame["bottom"] for b in boxes)


@pytest.mark.parametrize("path", ["/projects", "/projects?page_size=100", "/projects?district=310115"])
def test_each_listed_parcel_is_in_the_map_s_view_and_seen(browser, live_server, db, path):
    context, page = signed_in(browser, live_server, {"width": 1366, "height": 900})
    settled(page, live_server + path)
    drawn = page.evaluate(DRAWN_JS)
    assert drawn["parcels"], drawn  # the demo's listed projects have parcels
    hidden = {pid: p for pid, p in drawn["parcels"].items() if not p["held"] or not seen(p["boxes"], drawn["map"])}
    assert hidden == {}, f"{len(hidden)} of {len(drawn['parcels'])} listed parcels out of view or under {SEEN} px"
    save_screenshot(page, "list-map" + path.replace("/", "-").replace("?", "-"))
    context.close()


def test_a_district_filter_fits_the_map_to_the_district(browser, live_server, db):
    context, page = signed_in(browser, live_server, {"width": 1366, "height": 900})
    settled(page, live_server + "/projects?district=310115")
    drawn = page.evaluate(DRAWN_JS)
    pudong, frame = drawn["districts"]["310115"], drawn["map"]
    assert pudong["held"], drawn["districts"]  # the whole district in view …
    # … and filling the map one way or the other (not a corner of the city)
    assert pudong["box"]["width"] >= frame["width"] / 2 or pudong["box"]["height"] >= frame["height"] / 2, (pudong, frame)
    context.close()
