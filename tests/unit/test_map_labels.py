"""Map labels are text: folium's tooltip and Leaflet's string tooltips write what they are given as
HTML, and labels hold what users typed (parcel codes, zone names)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from geo.maps import AreaFeature, Basemap, Layer, MapAssets, layered_map

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.2]]]})
SCRIPTS = Path(__file__).resolve().parents[2] / "registry" / "static" / "js"
MARKUP = '<img src=x onerror="alert(1)">'


def test_a_folium_tooltip_label_reaches_the_page_escaped():
    rendered = layered_map([Layer("parcels", "#ffffff", [AreaFeature("1", MARKUP, SQUARE)])],
                           MapAssets("/leaflet.js", "/leaflet.css"), Basemap())
    labels = [json.loads(f'"{raw}"') for raw in re.findall(r'"label": "((?:[^"\\]|\\.)*)"', rendered.script)]
    assert labels == ['&lt;img src=x onerror=&quot;alert(1)&quot;&gt;']


def test_leaflet_tooltips_of_the_scripts_are_text_nodes():
    """``bindTooltip("…")`` sets innerHTML: every tooltip goes through L.textTooltip (leaflet-defaults.js),
    or is a node the script builds of text nodes (parcel-previews.js ``pieceLabel``)."""
    calls = {path.name: re.findall(r"bindTooltip\((.{0,20})", path.read_text()) for path in SCRIPTS.glob("*.js")}
    text_nodes = ("L.textTooltip(", "pieceLabel(")
    untreated = {name: found for name, found in calls.items() if any(not c.startswith(text_nodes) for c in found)}
    assert sum(map(len, calls.values())) >= 4 and untreated == {}


def test_a_folium_feature_s_link_reaches_its_popup_escaped():
    """A parcel nearby on a project's map (web/surroundings_map.py) links to its page in a popup, whose
    fields folium writes as HTML: its label and address are escaped inside the one link."""
    feature = AreaFeature("1", MARKUP, SQUARE, href='/land/parcels/1?x="y"')
    rendered = layered_map([Layer("nearby", "#ffffff", [feature], dash="6 4")], MapAssets("/leaflet.js", "/leaflet.css"), Basemap())
    [link] = [json.loads(f'"{raw}"') for raw in re.findall(r'"link": "((?:[^"\\]|\\.)*)"', rendered.script)]
    assert link == '<a href="/land/parcels/1?x=&quot;y&quot;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</a>'
    assert "bindPopup" in rendered.script and '"dashArray": "6 4"' in rendered.script
