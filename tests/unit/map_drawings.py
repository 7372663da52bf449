"""Maps as folium drew them before the shells (geo/map_shells.py), and texts of maps compared
without folium's random element names: tests/unit/test_map_shells.py, tests/web/test_list_page_map.py."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence

from shapely.geometry import shape

from geo.maps import SHANGHAI_BOUNDS, Basemap, Layer, MapAssets, RenderedMap, drawn_by_folium

_ELEMENT_NAME = re.compile(r"\b([a-z_]+?)_([0-9a-f]{32})(?![0-9a-f])")


def named_in_order(*texts: str) -> list[str]:
    """The texts with folium's random element names (``map_<32 hex>``…) numbered by first appearance."""
    names: dict[str, str] = {}
    return [_ELEMENT_NAME.sub(lambda m: names.setdefault(m.group(0), f"{m.group(1)}_{len(names)}"), text)
            for text in texts]


def as_before(assets: MapAssets, layers: Sequence[Layer], fit: Sequence[int], basemap: Basemap,
              view: Sequence[Sequence[float]] | None = None) -> RenderedMap:
    """What folium drew for these layers before the shells: fitted to ``view`` if given, else by
    shapely's bounds of each area."""
    boxes = [shape(json.loads(f.geometry_geojson)).bounds for i in fit for f in layers[i].features]
    bounds = ([[min(b[1] for b in boxes), min(b[0] for b in boxes)], [max(b[3] for b in boxes), max(b[2] for b in boxes)]]
              if boxes else SHANGHAI_BOUNDS)
    return drawn_by_folium(layers, assets, basemap, view or bounds)
