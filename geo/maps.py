"""Folium maps built from plain data, with every asset loaded from the app (never a CDN)."""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

import folium
from folium import MacroElement
from jinja2 import Template

from geo import map_shells
from geo.map_styles import AreaStyle

SHANGHAI_CENTER = (31.2, 121.45)  # lat, lon


@dataclass(frozen=True)
class MapAssets:
    """Where the page loads Leaflet from (URLs served by the app)."""

    leaflet_js: str
    leaflet_css: str
    after_leaflet_js: tuple[str, ...] = ()  # loaded right after Leaflet, before the map is made


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
    href: str | None = None  # a page of the app it opens (a popup with a link, on a click)


@dataclass(frozen=True)
class RenderedMap:
    """The three parts a page template embeds."""

    header: str
    body: str
    script: str


class _Spots(MacroElement):
    """Its GeoJSON layer's areas marked by a spot at their centres while too small to see
    (registry/static/js/map-spots.js, which the page loads after Leaflet)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.areaSpots({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }});
        {% endmacro %}""")


class _MetricScale(MacroElement):
    """A scale bar in kilometres and metres only (folium's ``control_scale`` adds miles and feet)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        {% endmacro %}""")


def _new_map(assets: MapAssets, basemap: Basemap, zoom: int = 9) -> folium.Map:
    fmap = folium.Map(location=SHANGHAI_CENTER, zoom_start=zoom, tiles=None)
    _MetricScale().add_to(fmap)
    # folium's defaults point at CDNs and pull bootstrap/jquery we do not need.
    fmap.default_js = [("leaflet", assets.leaflet_js)] + [(f"after_leaflet_{i}", url)
                                                          for i, url in enumerate(assets.after_leaflet_js)]
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
            # folium's tooltip writes the label as HTML; labels hold typed text (parcel codes, names)
            {"type": "Feature", "id": f.id, "properties": _properties(f), "geometry": json.loads(f.geometry_geojson)}
            for f in features
        ],
    }


def _properties(feature: AreaFeature) -> dict[str, str]:
    label = html.escape(feature.label)
    if feature.href is None:
        return {"label": label}
    return {"label": label, "link": f'<a href="{html.escape(feature.href)}">{label}</a>'}


SHANGHAI_BOUNDS = [[30.68, 120.85], [31.87, 122.0]]


@dataclass(frozen=True)
class Layer:
    """A named group of polygons drawn in one colour, seen by its outline (geo.map_styles)."""

    name: str
    colour: str
    features: Sequence[AreaFeature]
    weight: float = 1.0
    fill_opacity: float = 0.45
    outline: str | None = None  # None: the fill's colour
    dash: str | None = None  # an outline dashed as SVG's stroke-dasharray ("6 4"): an area around, not a record
    spots: bool = False  # a spot at each area's centre while it is under a few pixels (L.areaSpots, map-spots.js)

    @classmethod
    def styled(cls, name: str, style: AreaStyle, features: Sequence[AreaFeature], **options) -> Layer:
        return cls(name, style.fill, features, outline=style.outline, **options)

    @property
    def stroke(self) -> str:
        return self.outline or self.colour


def _swatched(layer: Layer) -> str:
    """A layer's name in the layer switcher with a square of its fill and outline before it (Leaflet
    shows the name as HTML), so the switcher is the map's legend too."""
    line = "dashed" if layer.dash else "solid"
    border = f"{max(1, round(layer.weight))}px {line} {html.escape(layer.stroke)}"
    swatch = (f'<span class="map-swatch" style="display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 .1em;'
              f'vertical-align:-.05em;background:{html.escape(layer.colour)};border:{border}"></span>')
    return swatch + html.escape(layer.name)


def _add_layer(fmap: folium.Map, layer: Layer) -> None:
    if not layer.features:  # folium's tooltip refuses an empty collection
        return
    weight, fill_opacity = layer.weight, layer.fill_opacity
    style = {"color": layer.stroke, "weight": weight, "fillColor": layer.colour, "fillOpacity": fill_opacity}
    if layer.dash:
        style["dashArray"] = layer.dash
    linked = any(f.href for f in layer.features)
    drawn = folium.GeoJson(
        _collection(layer.features),
        name=_swatched(layer),
        style_function=lambda _: style,
        highlight_function=lambda _: {"weight": weight + 1.5, "fillOpacity": min(1.0, fill_opacity + 0.25)},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        # the link in a popup, not a click that leaves: a click may be meant to pan or zoom the map
        popup=folium.GeoJsonPopup(fields=["link"], labels=False, localize=False) if linked else None,
    ).add_to(fmap)
    if layer.spots:
        _Spots().add_to(drawn)


def layered_map(layers: Sequence[Layer], assets: MapAssets, basemap: Basemap, fit: Sequence[int] = (),
                view: Sequence[Sequence[float]] | None = None) -> RenderedMap:
    """Layers of polygons with a layer switcher; zoomed to ``view`` ([[south, west], [north, east]])
    when given, else to the features of the layers numbered in ``fit`` together, else (none given, or
    they hold nothing) the city.

    The text folium writes for them (``drawn_by_folium``), filled into a shell drawn once per look
    (geo/map_shells.py: folium compiled ≈ 30 Jinja templates on every drawing). One such map a page."""
    fitted = [json.loads(feature.geometry_geojson) for i in fit for feature in layers[i].features]
    bounds = view or (_bounds(fitted) if fitted else SHANGHAI_BOUNDS)
    shown = [layer for layer in layers if layer.features]
    if not all(map_shells.ids_unique([f.id for f in layer.features]) for layer in shown):
        return drawn_by_folium(layers, assets, basemap, bounds)
    looks = tuple((replace(layer, features=()), any(f.href for f in layer.features)) for layer in shown)
    written = [_written(tuple(layer.features)) for layer in shown]
    return RenderedMap(*_shell(assets, basemap, looks).filled(written, map_shells.as_json(bounds)))


@lru_cache(maxsize=32)
def _written(features: tuple[AreaFeature, ...]) -> str:
    """A layer's collection as a map's script holds it, kept for a layer drawn again and again: the
    districts' outlines on every view of the project list (parsing and writing them took ≈ 5 ms)."""
    return map_shells.as_json(_collection(features))


def drawn_by_folium(layers: Sequence[Layer], assets: MapAssets, basemap: Basemap,
                    bounds: Sequence[Sequence[float]]) -> RenderedMap:
    """``layered_map``'s layers drawn by folium, fitted to ``bounds`` ([[south, west], [north, east]])."""
    fmap = _new_map(assets, basemap)
    for layer in layers:
        _add_layer(fmap, layer)
    if sum(1 for layer in layers if layer.features) > 1:
        folium.LayerControl(collapsed=False).add_to(fmap)
    fmap.fit_bounds(bounds, max_zoom=17)
    return render(fmap)


@lru_cache(maxsize=64)  # a look per set of layers a page shows (the list's kinds on a page), per language
def _shell(assets: MapAssets, basemap: Basemap, looks: tuple[tuple[Layer, bool], ...]) -> map_shells.Shell:
    """The map of layers of these looks (each without its features, and whether they link), drawn by
    folium with one stand-in feature a layer and stand-in bounds, cut where those go."""
    layers = []
    for i, (look, linked) in enumerate(looks):
        stand_in = map_shells.stand_in_id(i)
        layers.append(replace(look, features=(
            AreaFeature(stand_in, stand_in, map_shells.STAND_IN_GEOMETRY, stand_in if linked else None),)))
    drawn = drawn_by_folium(layers, assets, basemap, map_shells.STAND_IN_BOUNDS)
    return map_shells.cut(drawn.header, drawn.body, drawn.script,
                          [map_shells.as_json(_collection(layer.features)) for layer in layers])


@lru_cache(maxsize=32)
def outline_bounds(geometry_geojson: str) -> list[list[float]]:
    """[[south, west], [north, east]] around an area (a district's outline, kept as read: parsing
    one of thousands of positions on every view of a list fitted to it took milliseconds)."""
    return _bounds([json.loads(geometry_geojson)])


def _bounds(geometries: Sequence[dict]) -> list[list[float]]:
    """[[south, west], [north, east]] around GeoJSON geometries: their positions' extremes, as
    shapely's bounds of each give them (as floats)."""
    xs: list[float] = []
    ys: list[float] = []
    for geometry in geometries:
        _positions(geometry, xs, ys)
    return [[float(min(ys)), float(min(xs))], [float(max(ys)), float(max(xs))]]


def _positions(geometry: dict, xs: list[float], ys: list[float]) -> None:
    """Each position's longitude into ``xs``, latitude into ``ys`` (a collection's members' too)."""
    for member in geometry.get("geometries", ()):
        _positions(member, xs, ys)
    pending = [geometry.get("coordinates", [])]
    while pending:
        value = pending.pop()
        if value and isinstance(value[0], (int, float)):
            xs.append(value[0])
            ys.append(value[1])
        else:
            pending.extend(value)


# folium writes a viewport with maximum-scale=1 and user-scalable=no for a page of its own; in our
# pages it would stop readers zooming in (WCAG 1.4.4), and base.html already sets the viewport.
_FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>\s*')


def render(fmap: folium.Map) -> RenderedMap:
    root = fmap.get_root()
    root.render()
    return RenderedMap(_FOLIUM_VIEWPORT.sub("", root.header.render()), root.html.render(), root.script.render())
