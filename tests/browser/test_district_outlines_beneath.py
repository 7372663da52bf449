"""Maps of things smaller than a district draw the districts' outlines beneath them: the land output by
zone and the OGC API items page showed their zones and parcels floating on the map's grey, and a
leader could not tell where in Shanghai they lie."""
from __future__ import annotations

import pytest

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

DRAWN_JS = """() => { const paths = [...document.querySelectorAll('.leaflet-container path')];
  const outlines = paths.filter(p => p.classList.contains('district-outline'));
  return {outlines: outlines.length, interactive: outlines.filter(p => p.classList.contains('leaflet-interactive')).length,
          filled: outlines.filter(p => p.getAttribute('fill') !== 'none').length,
          first: paths.findIndex(p => !p.classList.contains('district-outline')), shapes: paths.length - outlines.length}; }"""


@pytest.mark.parametrize("user, path, width", [
    ("admin", "/land/output?level=development_zone", 1366), ("admin", "/land/output?level=zone", 390),
    ("planner", "/ogc/collections/freed_land/items?limit=10", 1280), ("planner", "/ogc/collections/projects/items", 390)])
def test_the_map_shows_the_districts_under_its_shapes(browser, live_server, db, user, path, width):
    context, page = signed_in(browser, live_server, {"width": width, "height": 900}, user=user)
    settled(page, live_server + path)
    drawn = page.evaluate(DRAWN_JS)
    assert drawn["shapes"] > 0, drawn
    assert drawn["outlines"] == db("SELECT count(*) FROM districts"), drawn
    # outlines only, beneath the shapes and deaf to the pointer: a shape's tooltip and link stay its own
    assert drawn["interactive"] == 0 and drawn["filled"] == 0 and drawn["first"] == drawn["outlines"], drawn
    save_screenshot(page, f"district-outlines{path.split('?')[0].replace('/', '-')}-{width}")
    context.close()


@pytest.mark.parametrize("user, path", [("admin", "/land/output?level=district"),
                                        ("planner", "/ogc/collections/districts/items")])
def test_a_map_of_the_districts_does_not_draw_them_twice(browser, live_server, user, path):
    context, page = signed_in(browser, live_server, {"width": 1280, "height": 900}, user=user)
    settled(page, live_server + path)
    assert page.evaluate(DRAWN_JS)["outlines"] == 0
    context.close()
