"""Areas on the maps are seen by their outline: WCAG 1.4.11 asks 3:1 against what is next to them,
the map's background, which the Okabe-Ito orange or sky blue fills did not reach. The layer switcher,
the maps' legend, shows each layer's fill and the same outline."""
from __future__ import annotations

import json
import re

import pytest

from geo import map_styles
from geo.map_styles import MAP_BACKGROUND, AreaStyle
from geo.maps import AreaFeature, Basemap, Layer, MapAssets, layered_map

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[121.4, 31.2], [121.5, 31.2], [121.5, 31.3], [121.4, 31.2]]]})
ALL_STYLES = {
    **{f"zone {kind}": style for kind, style in map_styles.ZONE_STYLES.items()},
    **{f"project {kind}": style for kind, style in map_styles.PROJECT_KIND_STYLES.items()},
    **{f"parcel {status}": style for status, style in map_styles.PARCEL_STATUS_STYLES.items()},
    **{f"wizard {name}": style for name, style in map_styles.WIZARD_STYLES.items()},
    **{f"split piece {i + 1}": style for i, style in enumerate(map_styles.SPLIT_PIECES)},
    "districts": map_styles.DISTRICTS, "parcel page": map_styles.PARCEL,
}


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of ``#rrggbb``."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_gives_wcag_s_figures():
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48 and contrast_ratio("#000000", "#ffffff") == 21


@pytest.mark.parametrize("name, style", ALL_STYLES.items(), ids=list(ALL_STYLES))
def test_every_area_s_outline_has_3_to_1_against_the_map_background(name, style: AreaStyle):
    assert contrast_ratio(style.outline, MAP_BACKGROUND) >= 3, f"{name}: {style.outline} on {MAP_BACKGROUND}"


def test_the_legend_shows_each_layer_s_fill_and_the_outline_the_layer_is_drawn_with():
    styles = [*map_styles.ZONE_STYLES.values(), map_styles.DISTRICTS]
    layers = [Layer.styled(f"layer {i}", style, [AreaFeature(str(i), "x", SQUARE)], weight=1.5)
              for i, style in enumerate(styles)]
    script = layered_map(layers, MapAssets("/leaflet.js", "/leaflet.css"), Basemap()).script
    drawn = re.findall(r'\{"color": "(#\w{6})", "fillColor": "(#\w{6})"', script)
    swatches = re.findall(r"background:(#\w{6});border:2px solid (#\w{6})", script)
    assert drawn == [(s.outline, s.fill) for s in styles]
    assert swatches == [(s.fill, s.outline) for s in styles]
    assert all(contrast_ratio(outline, MAP_BACKGROUND) >= 3 for outline, _ in drawn)
