"""Mapbox GL style (version 8) layers for the registry's vector tiles, in the maps' colours.

QGIS turns each style layer into one rule of its vector-tile renderer named by the layer's ``id``
(its legend), so a class of features is a layer of its own with a ``["==", field, value]`` filter
and one colour, rather than a ``match`` expression, which QGIS's converter reads only in part.
A fill's transparency is in its colour (``rgba``): QGIS reads ``fill-opacity`` as the opacity of
the whole symbol, outline included, and the outline is what a shape is seen by on the map's grey
(``geo.map_styles``). Labels name a font the reader's computer has (QGIS takes the first name of
``text-font`` and draws with a font installed locally); the style has no ``glyphs`` and no
``sprite``, nothing fetched from another server.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from geo.map_styles import AreaStyle

STYLE_VERSION = 8
# Microsoft YaHei on Windows (where most of the city's analysts run QGIS), Noto Sans CJK SC on Linux,
# PingFang SC on macOS; a computer without the first draws the labels in Qt's fallback for Chinese.
LABEL_FONTS = ("Microsoft YaHei Regular", "Noto Sans CJK SC Regular", "PingFang SC Regular")
LABEL_COLOUR = "#222222"
HALO_COLOUR = "#ffffff"


@dataclass(frozen=True)
class AreaClass:
    """Features of a source layer drawn in one colour: those whose ``field`` is ``value`` (or, with
    no field, every feature). ``name`` is the style layer's id, the legend's text in QGIS."""

    name: str
    style: AreaStyle
    fill_opacity: float
    field: str | None = None
    value: str | int | None = None
    at_least: float | None = None  # with ``below``: a range of a number field instead of a value
    below: float | None = None


def rgba(colour: str, opacity: float) -> str:
    """``#rrggbb`` and an opacity as CSS ``rgba(…)``, which Mapbox GL and QGIS both read."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {opacity:g})"


def _filter(area: AreaClass) -> list | None:
    if area.field is None:
        return None
    if area.at_least is None and area.below is None:
        return ["==", area.field, area.value]
    bounds = ([[">=", area.field, area.at_least]] if area.at_least is not None else []) + (
        [["<", area.field, area.below]] if area.below is not None else [])
    return ["all", *bounds]


def _zooms(layer: dict[str, Any], minzoom: int, maxzoom: int | None) -> dict[str, Any]:
    layer["minzoom"] = minzoom
    if maxzoom is not None:
        layer["maxzoom"] = maxzoom + 1  # a style layer's maxzoom is exclusive: shown up to just below it
    return layer


def area_layers(source: str, source_layer: str, classes: Sequence[AreaClass], minzoom: int = 0,
                maxzoom: int | None = None) -> list[dict[str, Any]]:
    """One fill layer per class, outlined as the maps outline it."""
    layers = []
    for area in classes:
        layer: dict[str, Any] = {
            "id": area.name, "type": "fill", "source": source, "source-layer": source_layer,
            "paint": {"fill-color": rgba(area.style.fill, area.fill_opacity), "fill-outline-color": area.style.outline},
        }
        if (found := _filter(area)) is not None:
            layer["filter"] = found
        layers.append(_zooms(layer, minzoom, maxzoom))
    return layers


def label_layer(name: str, source: str, source_layer: str, text_field: str, minzoom: int = 0,
                maxzoom: int | None = None, size_px: int = 12) -> dict[str, Any]:
    """Text from ``text_field`` (``{field}`` tokens) at each feature, dark on a white halo."""
    return _zooms({
        "id": name, "type": "symbol", "source": source, "source-layer": source_layer,
        "layout": {"text-field": text_field, "text-font": list(LABEL_FONTS), "text-size": size_px,
                   "text-max-width": 8},
        "paint": {"text-color": LABEL_COLOUR, "text-halo-color": HALO_COLOUR, "text-halo-width": 1.5},
    }, minzoom, maxzoom)


def circle_layer(name: str, source: str, source_layer: str, style: AreaStyle, radius_px: float,
                 minzoom: int = 0, maxzoom: int | None = None) -> dict[str, Any]:
    """A dot at each point feature (the grid's counts), in the maps' fill and outline."""
    return _zooms({
        "id": name, "type": "circle", "source": source, "source-layer": source_layer,
        "paint": {"circle-radius": radius_px, "circle-color": style.fill, "circle-opacity": 0.6,
                  "circle-stroke-color": style.outline, "circle-stroke-width": 1},
    }, minzoom, maxzoom)


def style_document(name: str, source: str, tilejson: dict[str, Any], layers: Sequence[dict[str, Any]],
                   metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    """The style: its one vector source given inline from the TileJSON (its ``tiles``, zooms and
    bounds, so a client needs no other request to find the tiles). No background: the layer is drawn
    over the reader's other layers (QGIS skips a background layer in any case)."""
    source_doc = {"type": "vector", **{key: tilejson[key] for key in ("tiles", "minzoom", "maxzoom", "bounds",
                                                                       "attribution", "scheme") if key in tilejson}}
    west, south, east, north = tilejson["bounds"]
    return {
        "version": STYLE_VERSION, "name": name, "metadata": metadata or {},
        "center": [round((west + east) / 2, 4), round((south + north) / 2, 4)], "zoom": 9,
        "sources": {source: source_doc},
        "layers": list(layers),
    }
