"""The project list's map, drawn into a shell folium drew once per look (geo/map_shells.py) and with
the districts' outlines read once per version of their layer (web/project_names.py): the same map as
folium drew on every view — the districts, each kind's parcels of the page, their labels, the legend
and the view — without its ≈ 30 template compilations and the outlines' statement on every view
(docs/performance.md, "The project list page's map")."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import text

from geo import maps
from registry.web import projects as project_pages
from tests.unit.map_drawings import as_before, named_in_order

OUTLINES = "ST_SimplifyPreserveTopology(districts.geom"


@pytest.fixture
def drawn(monkeypatch) -> list[tuple]:
    """Each map the list draws: its layers, assets, basemap and fit, and the map drawn."""
    seen: list[tuple] = []

    def recorded(layers, assets, basemap, fit=(), view=None):
        fmap = maps.layered_map(layers, assets, basemap, fit, view)
        seen.append((layers, assets, basemap, list(fit), fmap, view))
        return fmap
    monkeypatch.setattr(project_pages, "layered_map", recorded)
    return seen


def test_the_list_s_map_is_the_map_folium_drew_for_its_layers(client, project_url, drawn, session):
    pages = [client.get(path).get_data(as_text=True) for path in ("/projects", "/projects?q=电机", "/projects?q=没有")]
    assert len(drawn) == 3
    for html, (layers, assets, basemap, fit, fmap, view) in zip(pages, drawn):
        assert fmap.script in html and fmap.body in html
        before = as_before(assets, layers, fit, basemap, view)
        assert named_in_order(fmap.header, fmap.body, fmap.script) == named_in_order(before.header, before.body, before.script)
    # the districts and the motor upgrade's parcel, then the districts alone for a text that finds nothing
    assert [len(layers) for layers, *_ in drawn] == [2, 2, 1]
    assert "浦东新区" in _labels(pages[0]) and _labels(pages[0])[-1] == session.execute(text(
        "SELECT code FROM parcels JOIN project_parcels ON parcel_id = id")).scalar_one()


def test_a_district_s_list_is_fitted_to_the_district_s_outline_with_spots_for_its_parcels(
        client, project_url, drawn, statements):
    """Filtered to a district, the map had fitted the page's parcels; it shows the district whole, its
    extent taken from the outline drawn (no statement more), and marks each parcel too small to see."""
    client.get("/projects?district=")  # every district (the client's is Pudong's staff)
    statements.clear()
    html = client.get("/projects?district=310115").get_data(as_text=True)
    (outlines, *kinds), *_rest, fmap, view = drawn[-1]
    [pudong] = [f for f in outlines.features if f.id == "310115"]
    assert view == maps.outline_bounds(pudong.geometry_geojson) and maps.map_shells.as_json(view) in fmap.script
    assert not any(OUTLINES in s for s, _ in statements)  # the outlines as read for the first page
    assert kinds and all(kind.spots for kind in kinds) and not outlines.spots
    assert fmap.script.count("L.areaSpots(") == len(kinds) and "js/map-spots.js" in html
    assert drawn[0][-1] is None  # every district: the page's parcels fitted, as before


def _labels(script: str) -> list[str]:
    return [json.loads(f'"{raw}"') for raw in re.findall(r'"label": "((?:[^"\\]|\\.)*)"', script)]


def test_the_list_reads_the_districts_outlines_once_until_a_district_changes(client, project_url, statements, session):
    statements.clear()
    first, second = (client.get("/projects").get_data(as_text=True) for _ in range(2))
    assert [s for s, _ in statements].count(next(s for s, _ in statements if OUTLINES in s)) == 1
    assert _labels(first) == _labels(second) and "浦东新区" in _labels(first)
    session.execute(text("UPDATE districts SET name_zh = '浦东' WHERE code = '310115'"))  # the layer's version moves
    statements.clear()
    third = client.get("/projects").get_data(as_text=True)
    assert sum(OUTLINES in s for s, _ in statements) == 1 and "浦东" in _labels(third) and "浦东新区" not in _labels(third)


def test_a_second_view_of_the_list_compiles_no_template(client, project_url, compiled):
    assert client.get("/projects").status_code == 200
    compiled.clear()
    html = client.get("/projects?q=电机").get_data(as_text=True)
    assert "电机改造" in html and compiled == []


NAMES = "SELECT districts.code, districts.name_zh, districts.name_en FROM districts ORDER BY districts.code"


@pytest.mark.parametrize("lang, pudong", [("zh", "浦东新区"), ("en", "Pudong New Area")])
def test_the_list_names_the_districts_from_the_outlines_its_map_draws(client, project_url, statements, lang, pudong):
    """The filter's choices and the table's column named the districts from a statement of their own."""
    client.get(f"/lang/{lang}")
    statements.clear()
    html = client.get("/projects").get_data(as_text=True)
    choices = re.findall(r'<option value="(31\d{4})" ?(?:selected)?>([^<]*)</option>', html)
    assert [code for code, _ in choices] == sorted(code for code, _ in choices) and len(choices) == 16
    assert dict(choices)["310115"] == pudong and f'<td class="nowrap district">{pudong}</td>' in html
    assert not [s for s, _ in statements if s.startswith(NAMES)]
