"""Maps of layers drawn once per look, then filled with each page's features (``geo.maps.layered_map``).

folium writes a map by rendering each of its elements' snippets, and writes most snippets as new
Jinja templates, which Jinja compiles on every drawing: ≈ 30 compilations, 20–40 ms, on every view
of a page with a map of a few dozen areas (docs/performance.md, "The project list page's map").
What a layered map's text depends on is its look — the assets, the basemap, and for each layer
drawn its name, colours, outline, dash and whether its areas link somewhere — and, apart from that,
only each layer's GeoJSON and the view's bounds. So folium draws a *shell* of each look once, with
a stand-in feature per layer and stand-in bounds, and each page's map is that text with its own
collections and bounds in their places: the same text folium would have written for them
(tests/unit/test_map_shells.py holds the two to each other), with no template compiled.

A shell's element names (``map_…``, ``geo_json_…``) are folium's random ones of its drawing, the
same on every map drawn from it: one such map a page.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jinja2.utils import htmlsafe_json_dumps

# bounds no page is fitted to: their JSON marks where a page's go
STAND_IN_BOUNDS = [[-1.25, -2.25], [-3.25, -4.25]]
STAND_IN_GEOMETRY = '{"type": "Point", "coordinates": [0, 0]}'


def stand_in_id(layer: int) -> str:
    """The id (and label, and link) of the one feature a shell's layer number ``layer`` is drawn with."""
    return f"registry-map-shell-{layer}"


def as_json(value: Any) -> str:
    """``value`` as folium's templates write it (Jinja's ``tojson``: keys sorted, ``<>&'`` escaped)."""
    return str(htmlsafe_json_dumps(value, sort_keys=True))


@dataclass(frozen=True)
class Shell:
    """A map's header and body as drawn, and its script cut where the layers' collections and the
    bounds go: ``script[0] + collection 0 + script[1] + … + bounds + script[-1]``."""

    header: str
    body: str
    script: tuple[str, ...]

    def filled(self, collections: Sequence[str], bounds: str) -> tuple[str, str, str]:
        """(header, body, script) of the map of these layers' collections fitted to ``bounds``, each
        as the script writes it (``as_json``; the collections in the shell's order)."""
        values = [*collections, bounds]
        assert len(values) == len(self.script) - 1, "a collection for each of the shell's layers"
        pieces = [self.script[0]]
        for value, after in zip(values, self.script[1:]):
            pieces += [value, after]
        return self.header, self.body, "".join(pieces)


def cut(header: str, body: str, script: str, stand_ins: Sequence[str]) -> Shell:
    """The shell of a map drawn with ``stand_ins`` (each layer's collection as written, in the order
    the script holds them) and ``STAND_IN_BOUNDS``; each must be in the script exactly once, in that
    order, or the shell is refused (ValueError) — a folium that wrote them otherwise."""
    parts, rest = [], script
    for marker in [*stand_ins, as_json(STAND_IN_BOUNDS)]:
        if rest.count(marker) != 1:
            raise ValueError(f"a map shell's stand-in is not written once in order: {marker[:60]}")
        before, rest = rest.split(marker)
        parts.append(before)
    return Shell(header, body, (*parts, rest))


def ids_unique(ids: Sequence[str]) -> bool:
    """Whether a layer's features are told apart by their ids, as folium's styles then key them
    (``feature.id``); otherwise folium numbers the features itself and the layer is not a shell's."""
    return len(set(ids)) == len(ids)
