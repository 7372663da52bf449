"""A project page's map draws the project's district (district staff's own) as the project list's map
draws districts, whole in view, with the project's parcels inside it: it had drawn the parcels alone
on the grey base map, with nothing to tell where in the district — or in the city — they lay."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.map_styles import DISTRICTS, PROJECT_KIND_STYLES
from tests.browser.conftest import inside, save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

PROJECT = ("SELECT min(p.id) FROM projects p JOIN project_parcels pp ON pp.project_id = p.id "
           "WHERE p.district_code = '310115'")
# the map's box and each drawn area's box, with its outline colour
SHAPES_JS = """() => { const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  return {map: box(document.querySelector('.folium-map')),
          shapes: [...document.querySelectorAll('.folium-map path.leaflet-interactive')]
            .map(p => ({stroke: p.getAttribute('stroke'), dashed: p.hasAttribute('stroke-dasharray'), ...box(p)}))}; }"""


@pytest.mark.parametrize("lang, width, name", [("zh", 1366, "浦东新区"), ("en", 390, "Pudong New Area")])
def test_a_project_page_map_shows_its_district_whole_with_the_parcels_inside(browser, live_server, db, lang, width, name):
    project = db(PROJECT)
    parcels = db("SELECT count(*) FROM project_parcels WHERE project_id = :p", p=project)
    context, page = signed_in(browser, live_server, {"width": width, "height": 900}, lang, user="pudong")
    settled(page, f"{live_server}/projects/{project}")
    site = PROJECT_KIND_STYLES[db("SELECT kind FROM projects WHERE id = :p", p=project)].outline
    # the project's parcels on top of its district, its zones and the parcels nearby (test_project_map_surroundings.py)
    expect(page.locator(f'.folium-map path.leaflet-interactive[stroke="{site}"]:not([stroke-dasharray])')).to_have_count(parcels)
    drawn = page.evaluate(SHAPES_JS)
    [district] = [s for s in drawn["shapes"] if s["stroke"] == DISTRICTS.outline]
    sites = [s for s in drawn["shapes"] if s["stroke"] == site and not s["dashed"]]
    assert inside(district, drawn["map"]), drawn  # the whole district in view
    assert len(sites) == parcels and all(inside(site, district) for site in sites), drawn
    expect(page.locator(".map-layers")).to_contain_text(name)  # the layer list names the district
    save_screenshot(page, f"project-map-district-{lang}-{width}")
    context.close()
