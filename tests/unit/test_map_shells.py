"""A layered map (the project list's, a project's) is filled into a shell folium drew once per look
(geo/map_shells.py): the text must be what folium writes for the same layers — the same layers,
areas, labels, links, styles, legend and view — and a map of a look already drawn compiles no
template (folium compiled ≈ 30 on every drawing: docs/performance.md, "The project list page's map")."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from geo import maps
from geo.maps import AreaFeature, Basemap, Layer, MapAssets, layered_map
from tests.unit.map_drawings import as_before, named_in_order

ASSETS = MapAssets("/vendor/leaflet/leaflet.js", "/vendor/leaflet/leaflet.css", ("/static/js/leaflet-defaults.js",))


def _square(west: float, south: float, side: float = .01) -> str:
    ring = [[west, south], [west + side, south], [west + side, south + side], [west, south + side], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


TWO_SQUARES = json.dumps({"type": "MultiPolygon", "coordinates": [
    json.loads(_square(121, 31, 1))["coordinates"], json.loads(_square(121.7, 30.9))["coordinates"]]})
DISTRICTS = Layer("区 <b>界</b>", "#777777", [AreaFeature("310115", "浦东新区", _square(121.5, 31.1, .3)),
                                            AreaFeature("310112", "闵行区 & 'x'", TWO_SQUARES)], weight=1, fill_opacity=0.04)


def _kind(name: str, colour: str, west: float, codes: list[str], **options) -> Layer:
    return Layer(name, colour, [AreaFeature(f"{i}-{code}", code, _square(west + i * .02, 31.2))
                                for i, code in enumerate(codes)], weight=1.5, fill_opacity=0.5, outline="#000000", **options)


BOILERS = _kind("锅炉替代", "#d55e00", 121.40, ["P-1", "P-2 <i>"])
MOTORS = _kind("高效电机", "#0072b2", 121.60, ["Q-1"])
NEARBY = Layer("周边地块", "#ffffff", [AreaFeature("n1", "N-1 <img>", _square(121.45, 31.25), href='/land/parcels/1?x="y"'),
                                       AreaFeature("n2", "N-2", _square(121.46, 31.25), href="/land/parcels/2")], dash="6 4")
SAME_IDS = Layer("同号", "#009e73", [AreaFeature("1", "A", _square(121.3, 31.3)), AreaFeature("1", "B", _square(121.31, 31.3))])
EMPTY = Layer("空", "#cc79a7", [])

# (layers, fit, basemap): the project list's (districts, then the kinds on the page, fitted to them),
# a project's (its district and its parcels, the parcels nearby linked and dashed), one layer alone
# (no switcher), a layer with no features (left out), features that share an id (drawn by folium itself)
CASES = {
    "project list": ([DISTRICTS, BOILERS, MOTORS], [1, 2], Basemap()),
    "project list, one kind": ([DISTRICTS, MOTORS], [1], Basemap()),
    "project list, nothing found": ([DISTRICTS], [], Basemap()),
    "project page": ([DISTRICTS, NEARBY, BOILERS], [0, -1], Basemap("osm")),
    "one layer": ([BOILERS], [], Basemap("tianditu", "k<ey>")),
    "an empty layer": ([DISTRICTS, EMPTY, MOTORS], [1, 2], Basemap()),
    "ids shared": ([DISTRICTS, SAME_IDS], [1], Basemap()),
}


@pytest.mark.parametrize("layers, fit, basemap", CASES.values(), ids=list(CASES))
def test_a_map_from_its_shell_is_the_map_folium_draws(layers, fit, basemap):
    for _ in range(2):  # the shell's first drawing, then a map filled into it
        drawn, before = layered_map(layers, ASSETS, basemap, fit), as_before(ASSETS, layers, fit, basemap)
        assert named_in_order(drawn.header, drawn.body, drawn.script) == named_in_order(
            before.header, before.body, before.script)


def test_a_map_with_spots_fitted_to_a_given_view_is_the_map_folium_draws():
    """The project list's map filtered to a district: fitted to its outline, each kind's parcels spotted."""
    layers = [DISTRICTS, replace(BOILERS, spots=True), replace(MOTORS, spots=True)]
    view = maps.outline_bounds(TWO_SQUARES)
    assert view == [[30.9, 121.0], [32.0, 122.0]]
    for _ in range(2):
        drawn, before = layered_map(layers, ASSETS, Basemap(), [1, 2], view), as_before(ASSETS, layers, [1, 2], Basemap(), view)
        assert named_in_order(drawn.header, drawn.body, drawn.script) == named_in_order(
            before.header, before.body, before.script)
        assert drawn.script.count("L.areaSpots(") == 2 and maps.map_shells.as_json(view) in drawn.script


def test_maps_of_one_look_differ_by_their_areas_and_view_only():
    first = layered_map([DISTRICTS, BOILERS], ASSETS, Basemap(), fit=[1])
    other = _kind("锅炉替代", "#d55e00", 121.80, ["R-1", "R-2", "R-3"])
    second = layered_map([DISTRICTS, other], ASSETS, Basemap(), fit=[1])
    assert '"R-3"' in second.script and '"P-1"' not in second.script
    assert named_in_order(second.header, second.body, second.script) == named_in_order(
        *as_before(ASSETS, [DISTRICTS, other], [1], Basemap()).__dict__.values())
    assert (first.header, first.body) == (second.header, second.body)


def test_a_map_of_a_look_already_drawn_compiles_no_template(compiled):
    layered_map([DISTRICTS, BOILERS, MOTORS], ASSETS, Basemap(), fit=[1, 2])
    compiled.clear()
    other = _kind("高效电机", "#0072b2", 121.10, ["S-1", "S-2"])
    drawn = layered_map([DISTRICTS, BOILERS, other], ASSETS, Basemap(), fit=[1, 2])
    assert '"S-2"' in drawn.script and compiled == []


def test_shells_are_kept_per_look():
    maps._shell.cache_clear()
    layered_map([DISTRICTS, BOILERS], ASSETS, Basemap(), fit=[1])
    layered_map([DISTRICTS, _kind("锅炉替代", "#d55e00", 121.0, ["T-1"])], ASSETS, Basemap(), fit=[1])
    layered_map([DISTRICTS, BOILERS], ASSETS, Basemap("osm"), fit=[1])  # another basemap: another look
    layered_map([DISTRICTS, NEARBY], ASSETS, Basemap(), fit=[1])  # areas that link: another look
    info = maps._shell.cache_info()
    assert (info.hits, info.misses) == (1, 3)


def test_a_layer_drawn_again_is_written_once():
    """The districts' outlines, on every view of the project list, were parsed and written each time."""
    maps._written.cache_clear()
    for kind in (BOILERS, MOTORS):
        layered_map([DISTRICTS, kind], ASSETS, Basemap(), fit=[1])
    info = maps._written.cache_info()
    assert (info.hits, info.misses) == (1, 3)
