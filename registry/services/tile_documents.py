"""Use case: what a GIS client reads to add a map layer of vector tiles without typing it in — a
TileJSON 3.0.0 document (the URL template, zooms, Shanghai's bounds, the layers in the tiles and
their fields) and a Mapbox GL style in the maps' colours (docs/freed-land.md, "Vector tiles")."""
from __future__ import annotations

from typing import Any, Callable

from geo import map_styles as colours
from geo.geometry import SHANGHAI_EXTENT_LONLAT
from geo.tile_styles import AreaClass, area_layers, circle_layer, label_layer, style_document
from registry.domain.errors import N_, NotFound
from registry.domain.vocabulary import PARCEL_STATUSES, PROJECT_KINDS, ZONE_KINDS
from registry.repositories.tiles import SourceLayer, source_layers
from registry.services.tiles import LAYERS

Translate = Callable[[str], str]
TILEJSON_VERSION = "3.0.0"
# The zoom the documents give clients as the tiles' last: from 13 on a tile holds every parcel in it,
# and at 16 one tile unit is 15 cm, so clients draw deeper zooms from the zoom-16 tile instead of
# asking the server for four times the tiles at each step (it still answers them, up to 22).
MAX_ZOOM = 16
MIN_ZOOM = 0
SOURCE = "registry"
TITLES = {
    "parcels": (N_("Land parcels"), N_("Live land parcels by status; below zoom 13 counted on a grid (zoom 10 to 12) "
                                       "and per district (up to zoom 9).")),
    "freed": (N_("Freed land"), N_("Freed land by status; below zoom 13 counted on a grid (zoom 10 to 12) and per "
                                   "district (up to zoom 9).")),
    "projects": (N_("Projects"), N_("The parcels of registered projects, by kind of project.")),
    "zones": (N_("Zones"), N_("104 industrial blocks, 195/198 regions and development zones.")),
    "districts": (N_("Districts"), N_("The 16 districts of Shanghai.")),
}
_FREED_STATUSES = ("freed", "redevelopment_planned", "redeveloped")
# A style layer per class of a district's freed area, darker for more, is what QGIS lists in its legend.
# The classes step by tenfold (2 ha, 20 ha, 2 km²): a district's total spans orders of magnitude — the
# demo's 0.004–0.35 km², a suburban district's few km² freed over the programme's years (2009 alone freed
# 9.4 km² citywide: DOMAIN.md §6) — where classes from 2 km² up put every district of the demo in the first.
_FREED_M2_CLASSES = ((None, 2e4, 0.15), (2e4, 2e5, 0.3), (2e5, 2e6, 0.5), (2e6, None, 0.7))


def _layer(layer: str) -> str:
    if layer not in LAYERS:
        raise NotFound(N_("No map layer named %(layer)s."), layer=layer[:40])
    return layer


def _named(t: Translate, layer: str, what: str) -> str:
    """A style layer's id, the text of QGIS's legend: "Freed land: Redeveloped"."""
    return t(N_("%(layer)s: %(class)s")) % {"layer": t(TITLES[layer][0]), "class": what}


def _description(t: Translate, layer: str, source: SourceLayer) -> str:
    title = t(TITLES[layer][0])
    if source.id.endswith("_district"):
        return t(N_("%(layer)s per district: how many parcels, their area in m² and how many are freed.")) % {
            "layer": title}
    if source.id.endswith("_grid"):
        return t(N_("%(layer)s counted on a grid of 32 × 32 cells a tile: how many parcels, their area in m² and "
                    "how many are freed.")) % {"layer": title}
    return t(TITLES[layer][1])


def tilejson(layer: str, tiles_url: str, t: Translate) -> dict[str, Any]:
    """TileJSON 3.0.0 of ``layer``; ``tiles_url`` is the absolute ``…/{z}/{x}/{y}.mvt`` template."""
    layer = _layer(layer)
    west, south, east, north = SHANGHAI_EXTENT_LONLAT
    return {
        "tilejson": TILEJSON_VERSION, "name": t(TITLES[layer][0]), "description": t(TITLES[layer][1]),
        "version": "1.0.0", "attribution": t(N_("Shanghai energy-saving and structural-adjustment registry")),
        "scheme": "xyz", "tiles": [tiles_url], "minzoom": MIN_ZOOM, "maxzoom": MAX_ZOOM,
        "bounds": [west, south, east, north], "center": [round((west + east) / 2, 4), round((south + north) / 2, 4), 9],
        "vector_layers": [{"id": s.id, "description": _description(t, layer, s), "minzoom": s.minzoom,
                           "maxzoom": s.maxzoom, "fields": dict(s.fields)} for s in source_layers(layer, MAX_ZOOM)],
    }


def _classes(t: Translate, layer: str, field: str, vocabulary: dict[str, str], styles: dict[str, colours.AreaStyle],
             opacity: float) -> list[AreaClass]:
    return [AreaClass(_named(t, layer, t(vocabulary[code])), style, opacity, field, code)
            for code, style in styles.items()]


def _freed_m2_classes(t: Translate, layer: str) -> list[AreaClass]:
    def words(low: float | None, high: float | None) -> str:
        if low is None:
            return t(N_("freed under %(high)s km²")) % {"high": f"{high / 1e6:g}"}
        if high is None:
            return t(N_("freed %(low)s km² or more")) % {"low": f"{low / 1e6:g}"}
        return t(N_("freed %(low)s to %(high)s km²")) % {"low": f"{low / 1e6:g}", "high": f"{high / 1e6:g}"}
    return [AreaClass(_named(t, layer, words(low, high)), colours.VERMILION, shade, "freed_m2", None, low, high)
            for low, high, shade in _FREED_M2_CLASSES]


def _parcel_layers(t: Translate, layer: str, name_field: str) -> list[dict[str, Any]]:
    district, grid, detail = source_layers(layer, MAX_ZOOM)
    freed = layer == "freed"
    statuses = {s: colours.PARCEL_STATUS_STYLES[s] for s in _FREED_STATUSES} if freed else {
        "in_use": colours.GREY, **colours.PARCEL_STATUS_STYLES}
    dot = colours.VERMILION if freed else colours.GREY
    count = "{freed}" if freed else "{parcels}"
    by_district = (_freed_m2_classes(t, layer) if freed else
                   [AreaClass(_named(t, layer, t(N_("per district"))), colours.DISTRICTS, 0.12)])
    return [
        *area_layers(SOURCE, district.id, by_district, district.minzoom, district.maxzoom),
        label_layer(_named(t, layer, t(N_("district name labels"))), SOURCE, district.id, name_field,
                    district.minzoom, district.maxzoom),
        circle_layer(_named(t, layer, t(N_("counted on a grid"))), SOURCE, grid.id, dot, 6, grid.minzoom, grid.maxzoom),
        label_layer(_named(t, layer, t(N_("grid count labels"))), SOURCE, grid.id, count, grid.minzoom, grid.maxzoom,
                    size_px=10),
        *area_layers(SOURCE, detail.id, _classes(t, layer, "status", PARCEL_STATUSES, statuses, 0.55 if freed else 0.45),
                     detail.minzoom),
        label_layer(_named(t, layer, t(N_("parcel code labels"))), SOURCE, detail.id, "{code}", 16, size_px=10),
    ]


def _layers(t: Translate, layer: str, name_field: str) -> list[dict[str, Any]]:
    if layer in ("parcels", "freed"):
        return _parcel_layers(t, layer, name_field)
    if layer == "projects":
        return [*area_layers(SOURCE, layer, _classes(t, layer, "kind", PROJECT_KINDS, colours.PROJECT_KIND_STYLES, 0.45)),
                label_layer(_named(t, layer, t(N_("reference labels"))), SOURCE, layer, "{reference}", 15, size_px=10)]
    if layer == "zones":
        return [*area_layers(SOURCE, layer, _classes(t, layer, "kind", ZONE_KINDS, colours.ZONE_STYLES, 0.45)),
                label_layer(_named(t, layer, t(N_("name labels"))), SOURCE, layer, name_field, 11)]
    return [*area_layers(SOURCE, layer, [AreaClass(t(TITLES[layer][0]), colours.DISTRICTS, 0.12)]),
            label_layer(_named(t, layer, t(N_("name labels"))), SOURCE, layer, name_field)]


def style(layer: str, tiles_url: str, t: Translate, english: bool) -> dict[str, Any]:
    """The Mapbox GL style of ``layer``: the maps' colours by status, kind or zone, and names in the
    reader's language (``english``: the ``name_en`` fields, else ``name_zh``)."""
    layer = _layer(layer)
    name_field = "{name_en}" if english else "{name_zh}"
    return style_document(t(TITLES[layer][0]), SOURCE, tilejson(layer, tiles_url, t), _layers(t, layer, name_field),
                          {"registry:layer": layer})
