"""A parcel's and a project's map carry the site's surroundings (services/surroundings.py) on an
intranet's map without tiles: the zones it lies in, dashed in their kind's colour and named; the
live parcels nearby, grey and thin under the site, each named and a link to its page; a scale bar.
The parcel had stood alone on the grey, with nothing around it."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.map_styles import NEARBY, PARCEL, PROJECT_KIND_STYLES, ZONE_STYLES
from registry.services.surroundings import NEARBY_RADIUS_M
from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

# a live parcel within the radius of another (the tests' small demo spreads its plots ~1 km apart, but
# a project's site holds neighbours)
NEAR = (f"EXISTS (SELECT 1 FROM parcels n WHERE n.valid_to IS NULL AND n.id <> ALL(%s) "
        f"AND ST_DWithin(n.geom::geography, p.geom::geography, {NEARBY_RADIUS_M}))")
# a Pudong parcel in a zone with a parcel nearby, which a staff member reads
PARCEL_IN_A_ZONE = ("SELECT min(p.id) FROM parcels p JOIN parcel_zones pz ON pz.parcel_id = p.id "
                    "WHERE p.district_code = '310115' AND p.valid_to IS NULL AND " + NEAR % "ARRAY[p.id]")
ZONES_OF = "SELECT count(*) FROM parcel_zones WHERE parcel_id = :p"
ZONE_OUTLINES = sorted({style.outline for style in ZONE_STYLES.values()})
STROKES_JS = """sel => [...document.querySelectorAll(sel)].map(p => ({stroke: p.getAttribute('stroke'),
  dash: p.getAttribute('stroke-dasharray')}))"""


@pytest.mark.parametrize("lang, width", [("zh", 1366), ("en", 390)])
def test_a_parcel_page_map_draws_its_zones_and_the_parcels_nearby(browser, live_server, db, lang, width):
    parcel = db(PARCEL_IN_A_ZONE)
    zones = db(ZONES_OF, p=parcel)
    context, page = signed_in(browser, live_server, {"width": width, "height": 768 if width > 400 else 844}, lang,
                              user="pudong")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    listed = page.locator(".nearby-parcels li a")
    count = listed.count()
    assert count > 0  # the demo's plots lie side by side
    paths = page.locator("#parcel-map > .leaflet-pane path")
    expect(paths).to_have_count(1 + zones + count + 1)  # its district, its zones, the parcels nearby, itself
    strokes = page.evaluate(STROKES_JS, "#parcel-map > .leaflet-pane path")
    # a zone is an area around, dashed in its kind's colour
    assert all(s["stroke"] in ZONE_OUTLINES and s["dash"] for s in strokes[1:1 + zones]), strokes
    assert [s["stroke"] for s in strokes[1 + zones:-1]] == [NEARBY.outline] * count, strokes
    assert strokes[-1]["stroke"] == PARCEL.outline, strokes  # the parcel on top
    expect(page.locator("#parcel-map .leaflet-control-scale-line")).to_be_visible()
    # the zones named beside the facts, as on the map
    name = db(f"SELECT min(z.name_{'en' if lang == 'en' else 'zh'}) FROM zones z JOIN parcel_zones pz ON pz.zone_id = z.id "
              "WHERE pz.parcel_id = :p", p=parcel)
    expect(page.locator(".parcel-facts dt", has_text="Zones" if lang == "en" else "区块")).to_have_count(1)
    expect(page.locator(".parcel-facts")).to_contain_text(name)
    # the list's first link opens the nearest parcel's page
    first = listed.first
    href, code = first.get_attribute("href"), first.inner_text().split(" · ")[0]
    page.locator(".nearby-parcels summary").click()
    with page.expect_navigation():
        first.click()
    expect(page.locator("h1")).to_contain_text(code)
    assert page.url.endswith(href)
    save_screenshot(page, f"parcel-map-surroundings-{lang}-{width}")
    context.close()


def test_a_nearby_parcel_on_the_map_is_named_and_links_to_its_page(browser, live_server, db):
    parcel = db(PARCEL_IN_A_ZONE)
    context, page = signed_in(browser, live_server, {"width": 1366, "height": 900}, user="pudong")
    settled(page, f"{live_server}/land/parcels/{parcel}")
    code = page.locator(".nearby-parcels li a").first.inner_text().split(" · ")[0]
    # the nearest one, in view beside the parcel: its tooltip names it, a click gives its link
    nearest = page.locator(f'#parcel-map > .leaflet-pane path[stroke="{NEARBY.outline}"]').first
    nearest.click(force=True)
    link = page.locator("#parcel-map .leaflet-popup-content a")
    expect(link).to_contain_text(code)
    # a zone's tooltip may be open too (the pointer crossed it on the way): the parcel's is the one named
    expect(page.locator("#parcel-map .leaflet-tooltip", has_text=code)).to_be_visible()
    context.close()


# a Pudong project with a parcel in a zone and a parcel not its own nearby
PROJECT = ("SELECT min(pr.id) FROM projects pr JOIN project_parcels pp ON pp.project_id = pr.id "
           "JOIN parcels p ON p.id = pp.parcel_id JOIN parcel_zones pz ON pz.parcel_id = p.id "
           "WHERE pr.district_code = '310115' AND "
           + NEAR % "ARRAY(SELECT parcel_id FROM project_parcels WHERE project_id = pr.id)")


@pytest.mark.parametrize("lang, width, nearby", [("zh", 1366, "附近地块"), ("en", 390, "Parcels nearby")])
def test_a_project_page_map_carries_its_zones_and_the_parcels_nearby(browser, live_server, db, lang, width, nearby):
    project = db(PROJECT)
    kind = db("SELECT kind FROM projects WHERE id = :p", p=project)
    zones = db("SELECT count(DISTINCT pz.zone_id) FROM parcel_zones pz JOIN project_parcels pp "
               "ON pp.parcel_id = pz.parcel_id WHERE pp.project_id = :p", p=project)
    context, page = signed_in(browser, live_server, {"width": width, "height": 768 if width > 400 else 844}, lang,
                              user="pudong")
    settled(page, f"{live_server}/projects/{project}")
    count = page.locator(".nearby-parcels li a").count()
    assert count > 0
    expect(page.locator(f'.folium-map path.leaflet-interactive[stroke="{NEARBY.outline}"]')).to_have_count(count)
    expect(page.locator(".folium-map path.leaflet-interactive[stroke-dasharray]")).to_have_count(zones)
    site = PROJECT_KIND_STYLES[kind].outline
    strokes = page.evaluate(STROKES_JS, ".folium-map path.leaflet-interactive")
    assert strokes[-1]["stroke"] == site and not strokes[-1]["dash"], strokes  # the project's parcels on top
    legend = page.locator(".map-layers")
    expect(legend).to_contain_text(nearby)  # the layer list, the map's legend, names them and each zone
    assert legend.locator("label").count() == 1 + zones + 1 + 1
    expect(page.locator(".folium-map .leaflet-control-scale-line")).to_be_visible()
    save_screenshot(page, f"project-map-surroundings-{lang}-{width}")
    context.close()
