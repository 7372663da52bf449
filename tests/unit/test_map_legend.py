"""Folium maps as pages embed them: the layer switcher is the legend (each layer's name after a square
of its colour), the scale is metric, and the page keeps its own viewport."""
from __future__ import annotations

import json

from geo.maps import AreaFeature, Basemap, Layer, MapAssets, layered_map

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.2]]]})


def test_each_layer_in_the_switcher_carries_a_swatch_of_its_colour():
    layers = [Layer("锅炉替代 <b>", "#d55e00", [AreaFeature("a", "A", SQUARE)]),
              Layer("高效电机", "#0072b2", [AreaFeature("b", "B", SQUARE)])]
    rendered = layered_map(layers, MapAssets("/leaflet.js", "/leaflet.css"), Basemap())
    assert "background:#d55e00" in rendered.script and "background:#0072b2" in rendered.script
    # the name is shown as HTML: escaped (folium writes the JSON with \u escapes)
    assert "\\u0026lt;b\\u0026gt;" in rendered.script and "\\u003cb\\u003e" not in rendered.script


def test_the_scale_bar_is_metric_only():
    rendered = layered_map([Layer("x", "#0072b2", [AreaFeature("b", "B", SQUARE)])],
                           MapAssets("/leaflet.js", "/leaflet.css"), Basemap())
    assert "L.control.scale({imperial: false})" in rendered.script and "L.control.scale()" not in rendered.script


def test_the_map_leaves_the_page_zoomable():
    rendered = layered_map([Layer("x", "#0072b2", [AreaFeature("b", "B", SQUARE)])],
                           MapAssets("/leaflet.js", "/leaflet.css"), Basemap())
    # base.html's viewport lets readers zoom; folium's (user-scalable=no) would override it
    assert "viewport" not in rendered.header and "user-scalable" not in rendered.header
    assert "L_NO_TOUCH" in rendered.header  # the rest of folium's header is kept


def _square(west: float, south: float) -> str:
    ring = [[west, south], [west + .01, south], [west + .01, south + .01], [west, south + .01], [west, south]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def test_the_map_is_fitted_to_every_layer_it_is_asked_to_show():
    # the project list fitted its first kind's parcels only: the other kinds' could lie outside the view
    layers = [Layer("区", "#000000", [AreaFeature("d", "D", _square(121.0, 31.0))]),
              Layer("锅炉", "#d55e00", [AreaFeature("a", "A", _square(121.40, 31.20))]),
              Layer("电机", "#0072b2", [AreaFeature("b", "B", _square(121.60, 31.40))])]
    script = layered_map(layers, MapAssets("/leaflet.js", "/leaflet.css"), Basemap(), fit=[1, 2]).script
    assert "[[31.2, 121.4], [31.41, 121.61]]" in script
