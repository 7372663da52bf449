"""The land-output map by zone draws the districts' outlines under the zones: without them the zones
floated on the map's grey, and a leader could not tell where in Shanghai a zone lies."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

DRAWN_JS = """() => { const map = document.querySelector('.leaflet-container');
  const paths = [...map.querySelectorAll('path')];
  const outlines = paths.filter(p => p.classList.contains('district-outline'));
  return {outlines: outlines.length, interactive: outlines.filter(p => p.classList.contains('leaflet-interactive')).length,
          filled: outlines.filter(p => p.getAttribute('fill') !== 'none').length,
          first: paths.findIndex(p => !p.classList.contains('district-outline')), zones: paths.length - outlines.length}; }"""


@pytest.mark.parametrize("level, width", [("development_zone", 1366), ("zone", 390)])
def test_the_zones_map_shows_the_districts_under_the_zones(browser, live_server, db, level, width):
    context, page = signed_in(browser, live_server, {"width": width, "height": 900}, user="admin")
    settled(page, f"{live_server}/land/output?level={level}")
    drawn = page.evaluate(DRAWN_JS)
    assert drawn["zones"] > 0, drawn
    assert drawn["outlines"] == db("SELECT count(*) FROM districts"), drawn
    # outlines only, beneath the zones and deaf to the pointer: a zone's tooltip and link stay its own
    assert drawn["interactive"] == 0 and drawn["filled"] == 0, drawn
    assert drawn["first"] == drawn["outlines"], drawn
    save_screenshot(page, f"zone-output-map-{level}-{width}")
    context.close()


def test_the_districts_map_does_not_draw_them_twice(browser, live_server):
    context, page = signed_in(browser, live_server, {"width": 1366, "height": 900}, user="admin")
    settled(page, f"{live_server}/land/output?level=district")
    assert page.evaluate(DRAWN_JS)["outlines"] == 0
    context.close()
