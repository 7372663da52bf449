"""Folium maps built from plain data, with every asset loaded from the app (never a CDN)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

import folium

SHANGHAI_CENTER = (31.2, 121.45)  # lat, lon


@dataclass(frozen=True)
class MapAssets:
    """Where the page loads Leaflet from (URLs served by the app)."""

    leaflet_js: str
    leaflet_css: str


@dataclass(frozen=True)
class Basemap:
    """``none`` for offline intranets, ``osm``, or ``tianditu`` (needs a key; CGCS2000, no offset)."""

    kind: str = "none"
    tianditu_key: str = ""


@dataclass(frozen=True)
class AreaFeature:
    """A polygon to draw: GeoJSON geometry (EPSG:4326) and what the tooltip says."""

    id: str
    label: str
    geometry_geojson: str


@dataclass(frozen=True)
class RenderedMap:
    """The three parts a page template embeds."""

    header: str
    body: str
    script: str


def _new_map(assets: MapAssets, basemap: Basemap, zoom: int = 9) -> folium.Map:
    fmap = folium.Map(location=SHANGHAI_CENTER, zoom_start=zoom, tiles=None, control_scale=True)
    # folium's defaults point at CDNs and pull bootstrap/jquery we do not need.
    fmap.default_js = [("leaflet", assets.leaflet_js)]
    fmap.default_css = [("leaflet_css", assets.leaflet_css)]
    if basemap.kind == "osm":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(fmap)
    elif basemap.kind == "tianditu" and basemap.tianditu_key:
        folium.TileLayer(
            tiles="https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
            "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
            f"&TILECOL={{x}}&tk={basemap.tianditu_key}",
            attr="天地图", name="天地图", subdomains="01234567",
        ).add_to(fmap)
    return fmap


def _collection(features: Sequence[AreaFeature]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": f.id, "properties": {"label": f.label},
             "geometry": json.loads(f.geometry_geojson)}
            for f in features
        ],
    }


def district_map(districts: Sequence[AreaFeature], assets: MapAssets, basemap: Basemap,
                 layer_name: str) -> RenderedMap:
    """The city's districts as outlined polygons with their names as tooltips."""
    fmap = _new_map(assets, basemap)
    folium.GeoJson(
        _collection(districts),
        name=layer_name,
        style_function=lambda _: {"color": "#1f5fa8", "weight": 1.5, "fillColor": "#9ec5ee", "fillOpacity": 0.25},
        highlight_function=lambda _: {"weight": 3, "fillOpacity": 0.45},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
    ).add_to(fmap)
    if districts:
        fmap.fit_bounds([[30.68, 120.85], [31.87, 122.0]])
    return render(fmap)


def render(fmap: folium.Map) -> RenderedMap:
    root = fmap.get_root()
    root.render()
    return RenderedMap(root.header.render(), root.html.render(), root.script.render())
