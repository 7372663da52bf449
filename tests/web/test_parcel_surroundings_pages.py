"""A parcel's and a project's page give their map the site's surroundings (services/surroundings.py):
the zones it lies in, named, and the live parcels nearby, each a link to its page, listed under the
map too. The maps have no base map on an intranet: the parcels had stood alone on the grey."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import text

from geo.map_styles import NEARBY
from tests.integration.surroundings_data import seed_site


@pytest.fixture
def site(session) -> dict[str, int]:
    return seed_site(session)


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _nearby_list(html: str) -> tuple[str, list[tuple[str, str]]]:
    """The summary of the list of parcels nearby under the map, and its (href, text) links."""
    found = re.search(r'<details class="nearby-parcels[^"]*"><summary>(.*?)</summary>(.*?)</details>', html, re.S)
    assert found, "no list of the parcels nearby"
    return found[1], re.findall(r'<a href="([^"]+)">([^<]+)</a>', found[2])


def test_a_parcel_page_names_its_zones_and_links_the_parcels_nearby(client, login, site):
    login("district_staff", "310115")  # the parcels lie in no district: land is read by every reader
    html = _page(client, f"/land/parcels/{site['S']}")
    # the zones it lies in, highest-ranking first, each named after its kind
    assert "<dt>区块</dt><dd>开发区：测试development_zone、198区域：测试region_198</dd>" in html
    summary, links = _nearby_list(html)
    assert summary == "250 米内的地块（3）"
    assert links == [(f"/land/parcels/{site[name]}", f"T-{name} · 使用中 · 一类工业用地（M1）") for name in ("E", "N", "NE")]
    config = json.loads(re.search(r'<script type="application/json" id="parcel-map-config">(.*?)</script>', html, re.S)[1])
    assert [z["label"] for z in config["zones"]] == ["开发区：测试development_zone", "198区域：测试region_198"]
    assert [(n["code"], n["url"]) for n in config["nearby"]] == [(f"T-{name}", f"/land/parcels/{site[name]}")
                                                                 for name in ("E", "N", "NE")]
    assert config["nearby"][0]["geometry"]["type"] == "Polygon" and config["nearbyStyle"] == NEARBY.as_json()


def test_a_parcel_page_in_english_names_them_in_english(client, login, site):
    login("planner")
    html = _page(client, f"/land/parcels/{site['N']}?lang=en")
    assert "<dt>Zones</dt><dd>198 region: Test region_198</dd>" in html
    summary, links = _nearby_list(html)
    assert summary == "Parcels within 250 m (4)"  # NE, S, E and FAR, ~143 to ~210 m from N
    assert {text.split(" · ")[0] for _, text in links} == {"T-S", "T-E", "T-NE", "T-FAR"}


def test_a_project_page_map_draws_the_parcels_nearby_as_links(client, project_url, session):
    project_id = int(project_url.rstrip("/").rsplit("/", 1)[1])
    # a live parcel ~140 m east of the project's own, and an end-dated one beside it (not drawn)
    for code, valid_to in (("T-NEXT-DOOR", None), ("T-GONE", "2015-01-01")):
        session.execute(text(
            "INSERT INTO parcels (code, geom, land_use_class, valid_from, valid_to) "
            "SELECT :code, ST_Translate(p.geom, 0.0015 + ST_XMax(p.geom) - ST_XMin(p.geom), 0), 'M1', "
            "DATE '2010-01-01', CAST(:to AS date) "
            "FROM parcels p JOIN project_parcels pp ON pp.parcel_id = p.id WHERE pp.project_id = :id"),
            {"code": code, "to": valid_to, "id": project_id})
    next_door = session.execute(text("SELECT id FROM parcels WHERE code = 'T-NEXT-DOOR'")).scalar_one()
    html = _page(client, project_url)
    summary, links = _nearby_list(html)
    assert summary == "250 米内的地块（1）"
    assert links == [(f"/land/parcels/{next_door}", "T-NEXT-DOOR · 使用中 · 一类工业用地（M1）")]
    # on the map, a layer of its own named in the layer list, the link in the feature's popup
    layer = json.dumps("附近地块")[1:-1]  # folium writes the layer list's names as JSON (\uXXXX)
    assert layer in html and f'href=\\"/land/parcels/{next_door}\\"' in html
    assert "T-GONE" not in html
