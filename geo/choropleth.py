"""A choropleth of a value per area (folium), with its legend drawn in HTML: no CDN, no d3.

Classes are five equal intervals from 0 in a round step (sequential blues), so the legend reads
0 – 2,000, 2,000 – 4,000 …; or, with ``quantiles``, five classes holding about as many areas each, the
legend giving each class's lowest and highest value. Areas without a value are grey. Each area links to
a drill-down page when given one.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from html import escape
from typing import Sequence

import folium

from geo.map_styles import DISTRICTS
from geo.maps import SHANGHAI_BOUNDS, Basemap, MapAssets, RenderedMap, _new_map, render
from geo.scales import round_step

BLUES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
NO_DATA = "#d9d9d9"
ZOOM_SNAP = 0.25  # the choropleth zooms by quarter levels: the city fills its box


@dataclass(frozen=True)
class ValuedArea:
    id: str
    label: str  # tooltip text, value included
    value: float | None
    geometry_geojson: str
    link: str | None = None


def class_breaks(maximum: float, classes: int = len(BLUES)) -> list[float]:
    """Upper bounds of equal-interval classes from 0, the step the smallest of 1, 2, 2.5 or 5 × 10^n
    that makes the last bound reach ``maximum``."""
    step = round_step((maximum if maximum > 0 else 1.0) / classes, (1, 2, 2.5, 5, 10))
    return [round(step * (i + 1), 12) for i in range(classes)]


def legend_rows(breaks: Sequence[float], maximum: float) -> list[tuple[str, str]]:
    """(colour, "low – high") per class, with as many decimals as the step needs (0.2 – 0.4, not
    0 – 0); when nothing has a value above 0 a single "0" class, not five classes of nothing."""
    if maximum <= 0:
        return [(BLUES[0], "0")]
    decimals = next(d for d in range(13) if abs(round(breaks[0], d) - breaks[0]) < 1e-12)
    lows = [0.0, *breaks[:-1]]
    return [(c, f"{lo:,.{decimals}f} – {hi:,.{decimals}f}") for lo, hi, c in zip(lows, breaks, BLUES)]


def quantile_classes(values: Sequence[float], classes: int = len(BLUES)) -> list[tuple[float, float]]:
    """(lowest, highest) value of each class of ``values`` cut into ``classes`` of about as many values
    (quantiles), the lowest class first. Equal values stay in one class, so values that repeat (or
    fewer values than classes) make fewer classes; none make none."""
    ordered = sorted(values)
    found: list[tuple[float, float]] = []
    start = 0
    for i in range(1, classes + 1):
        end = math.ceil(i * len(ordered) / classes)  # this class's values: ordered[start:end]
        if end <= start:
            continue
        while end < len(ordered) and ordered[end] == ordered[end - 1]:
            end += 1
        found.append((ordered[start], ordered[end - 1]))
        start = end
    return found


def _spread(count: int) -> list[str]:
    """``count`` of the blues, from the lightest to the darkest when more than one."""
    if count <= 1:
        return [BLUES[len(BLUES) // 2]] * count
    return [BLUES[round(i * (len(BLUES) - 1) / (count - 1))] for i in range(count)]


def quantile_legend_rows(classes: Sequence[tuple[float, float]], decimals: int = 1) -> list[tuple[str, str]]:
    """(colour, "lowest – highest") per quantile class, written with ``decimals`` as the figures
    are; a class of one value (after rounding) reads as that value."""
    rows = []
    for colour, (low, high) in zip(_spread(len(classes)), classes):
        lo, hi = f"{low:,.{decimals}f}", f"{high:,.{decimals}f}"
        rows.append((colour, lo if lo == hi else f"{lo} – {hi}"))
    return rows


def colour_of(value: float | None, breaks: Sequence[float], colours: Sequence[str] = BLUES) -> str:
    if value is None:
        return NO_DATA
    for bound, colour in zip(breaks, colours):
        if value <= bound:
            return colour
    return colours[-1]


def choropleth_map(areas: Sequence[ValuedArea], legend_title: str, assets: MapAssets, basemap: Basemap,
                   outlines: Sequence[str] = (), quantiles: str | None = None) -> RenderedMap:
    """``areas`` coloured by value; ``outlines`` (GeoJSON geometries, the districts') drawn beneath them,
    unfilled and deaf to the pointer, where the areas are smaller than the city's districts.
    ``quantiles``: classes of about as many areas each (``quantile_classes``), the text given said
    under the legend; without it, equal steps from 0."""
    fmap = _new_map(assets, basemap)
    # Shanghai fitted at a quarter level: at whole levels the city took half the box's height (a level
    # more did not fit), a small map in a large grey frame beside the rollup's district table
    fmap.options["zoom_snap"] = ZOOM_SNAP
    if outlines:
        # zones alone floated on the grey, with nothing to tell where in the city they lie
        folium.GeoJson(
            {"type": "FeatureCollection",
             "features": [{"type": "Feature", "geometry": json.loads(g), "properties": {}} for g in outlines]},
            style_function=lambda _: {"color": DISTRICTS.outline, "weight": 1, "fill": False,
                                      "className": "district-outline"},
            interactive=False, control=False,
        ).add_to(fmap)
    if quantiles is not None:
        classes = quantile_classes([a.value for a in areas if a.value is not None])
        rows = quantile_legend_rows(classes)
        breaks, colours = [high for _, high in classes], [colour for colour, _ in rows]
    else:
        maximum = max((a.value or 0 for a in areas), default=0)
        breaks, colours = class_breaks(maximum), list(BLUES)
        rows = legend_rows(breaks, maximum)
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": a.id, "geometry": json.loads(a.geometry_geojson),
         "properties": {"label": a.label, "fill": colour_of(a.value, breaks, colours), "link": a.link or ""}}
        for a in areas]}
    if areas:
        layer = folium.GeoJson(
            collection, name=legend_title,
            style_function=lambda f: {"color": "#44546a", "weight": 1, "fillColor": f["properties"]["fill"],
                                      "fillOpacity": 0.8},
            highlight_function=lambda _: {"weight": 2.5},
            tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
        )
        layer.add_to(fmap)
    items = "".join(f'<li><span style="background:{c}"></span>{escape(text)}</li>' for c, text in rows)
    note = f'<small>{escape(quantiles)}</small>' if quantiles else ""
    fmap.get_root().html.add_child(folium.Element(
        f'<div class="choropleth-legend"><strong>{escape(legend_title)}</strong><ul>{items}</ul>{note}</div>'))
    fmap.fit_bounds(SHANGHAI_BOUNDS)
    rendered = render(fmap)
    if not areas:
        return rendered
    # A click on a district opens its drill-down list (after the layer's own script has run).
    click = (f"\n{layer.get_name()}.eachLayer(function (l) {{ var u = l.feature.properties.link;"
             " if (u) { l.on('click', function () { window.location.href = u; }); } });")
    return RenderedMap(rendered.header, rendered.body, rendered.script + click)
