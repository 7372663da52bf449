"""A parcel drawn as a spot on the project list's map (too small to see at the map's zoom) is marked
under the pointer as a parcel drawn whole is: thicker and more opaque, back as it was when the pointer
leaves. The spots had no highlight, so across the city nothing said which dot the tooltip named."""
from __future__ import annotations

import pytest

from tests.browser.conftest import settled, signed_in

pytestmark = pytest.mark.browser

SPOTS_JS = """() => [...document.querySelectorAll('path.map-spot')].map(p => ({
  width: p.getAttribute('stroke-width'), opacity: p.getAttribute('fill-opacity'),
  box: (r => ({x: r.left + r.width / 2, y: r.top + r.height / 2}))(p.getBoundingClientRect())}))"""


def test_a_spot_is_highlighted_under_the_pointer(browser, live_server, db):
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 900})
    settled(page, live_server + "/projects")
    spots = page.evaluate(SPOTS_JS)
    assert spots, "the city-wide list map draws its parcels as spots"
    before = {(s["width"], s["opacity"]) for s in spots}
    assert len(before) == 1, before  # every spot alike before the pointer comes
    page.mouse.move(spots[0]["box"]["x"], spots[0]["box"]["y"])
    page.wait_for_timeout(200)
    hovered = [s for s in page.evaluate(SPOTS_JS) if (s["width"], s["opacity"]) not in before]
    assert len(hovered) == 1, hovered  # the one under the pointer, no other
    assert float(hovered[0]["width"]) > float(next(iter(before))[0]), hovered
    assert page.locator(".leaflet-tooltip").count() == 1  # and its tooltip names it, as before
    page.mouse.move(5, 5)
    page.wait_for_timeout(200)
    assert {(s["width"], s["opacity"]) for s in page.evaluate(SPOTS_JS)} == before
    context.close()
