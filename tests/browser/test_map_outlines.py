"""On every map, each shape's outline has 3:1 against the map's background (WCAG 1.4.11) as Chromium
draws them: the background is the one geo/map_styles.py names, the outlines are those the pages'
maps (folium's and the pages' own scripts) drew, and the legend's swatches show the same outlines."""
from __future__ import annotations

import json

import pytest

from geo.map_styles import MAP_BACKGROUND, WIZARD_STYLES
from tests.browser.conftest import save_screenshot, settled, signed_in
from tests.browser.wizard import after_the_opening_zoom
from tests.unit.test_map_outlines import contrast_ratio

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 860}
# The map's background, the outlines of the shapes drawn on it, and the legend swatches' borders.
DRAWN_JS = """() => { const map = document.querySelector('.leaflet-container');
  const colours = els => [...new Set(els)].filter(c => c && c !== 'none');
  return {background: getComputedStyle(map).backgroundColor,
          outlines: colours([...map.querySelectorAll('path')].map(p => p.getAttribute('stroke'))),
          swatches: colours([...document.querySelectorAll('.map-swatch')].map(s => getComputedStyle(s).borderTopColor))}; }"""


def six_digits(colour: str) -> str:
    """``#rgb`` or ``#rrggbb`` (as a script gave it to Leaflet) as ``#rrggbb``."""
    digits = colour.lstrip("#")
    return "#" + ("".join(d * 2 for d in digits) if len(digits) == 3 else digits)


def rgb(colour: str) -> str:
    """``#rrggbb`` as Chromium's computed styles write it."""
    r, g, b = (int(six_digits(colour)[1 + i:3 + i], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


def assert_outlines_stand_out(page, where: str, with_legend: bool) -> None:
    drawn = page.evaluate(DRAWN_JS)
    assert drawn["background"] == rgb(MAP_BACKGROUND), where  # the colour the outlines were chosen against
    assert drawn["outlines"], f"{where}: nothing drawn"
    ratios = {c: round(contrast_ratio(six_digits(c), MAP_BACKGROUND), 2) for c in drawn["outlines"]}
    faint = {c: ratio for c, ratio in ratios.items() if ratio < 3}
    assert faint == {}, f"{where}: outlines under 3:1 on {MAP_BACKGROUND}"
    if with_legend:
        assert sorted(drawn["swatches"]) == sorted(rgb(c) for c in drawn["outlines"]), where


@pytest.mark.parametrize("user, path, with_legend", [
    ("planner", "/", True), ("admin", "/projects", True), ("planner", "/land/freed?sort=code", False)])
def test_the_shapes_of_a_map_are_outlined_at_3_to_1_on_its_background(browser, live_server, user, path, with_legend):
    context, page = signed_in(browser, live_server, DESKTOP, user=user)
    settled(page, live_server + path)
    assert_outlines_stand_out(page, path, with_legend)
    save_screenshot(page, f"map-outlines{path.split('?')[0].replace('/', '-')}")
    context.close()


def test_a_parcel_s_page_and_the_wizard_outline_their_parcels_at_3_to_1(browser, live_server, db):
    context, page = signed_in(browser, live_server, DESKTOP, user="planner")
    parcel = db("SELECT min(id) FROM parcels WHERE status = 'freed' AND valid_to IS NULL")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    assert_outlines_stand_out(page, "parcel page", with_legend=False)
    context.close()
    context, page = signed_in(browser, live_server, DESKTOP, user="pudong")
    settled(page, live_server + "/projects/new")
    page.click("#steps-nav [data-step='3']")
    after_the_opening_zoom(page)
    where = db("SELECT ST_AsGeoJSON(ST_PointOnSurface(geom)) FROM parcels WHERE district_code = '310115' "
               "AND valid_to IS NULL ORDER BY id LIMIT 1")
    page.evaluate("p => wizardMap.setView([p.coordinates[1], p.coordinates[0]], 16, {animate: false})", json.loads(where))
    page.wait_for_selector("#wizard-map path[role=button]")
    page.locator("#wizard-map path[role=button]").first.click()  # chosen: drawn in another style
    assert WIZARD_STYLES["chosen"].outline in page.evaluate(DRAWN_JS)["outlines"]
    assert_outlines_stand_out(page, "wizard", with_legend=False)
    context.close()
