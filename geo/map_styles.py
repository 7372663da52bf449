"""The colours maps draw areas in, each with the outline that shows it on the base map.

A fill seen through (45 % opaque, the Okabe-Ito orange or sky blue) on the map's light grey came out
under 3:1, which WCAG 1.4.11 asks of the graphics a reader needs to see a shape. So every area has an
outline, its fill darkened to the nearest shade with about 3.3:1 against ``MAP_BACKGROUND``; the
layer switcher's swatches (the maps' legend, ``geo.maps``) are drawn with the same outline, and the
pages' own scripts (freed land, a parcel, the wizard) get these styles in their configuration.
"""
from __future__ import annotations

from dataclasses import dataclass

# The map's background where no tile covers it: Leaflet's own .leaflet-container grey, all a map
# shows with REGISTRY_BASEMAP=none (the default). OSM's and Tianditu's light tiles are lighter, so a
# dark outline only gains there.
MAP_BACKGROUND = "#dddddd"


@dataclass(frozen=True)
class AreaStyle:
    """An area's fill and the outline it is seen by (``color`` and ``fillColor`` in Leaflet)."""

    fill: str
    outline: str

    def as_json(self) -> dict[str, str]:
        return {"fill": self.fill, "outline": self.outline}


# Okabe-Ito: apart for colour-blind readers. Blue is dark enough to be its own outline.
BLUE = AreaStyle("#0072B2", "#0072B2")
ORANGE = AreaStyle("#E69F00", "#9C6C00")
GREEN = AreaStyle("#009E73", "#008662")
PURPLE = AreaStyle("#CC79A7", "#A36186")
VERMILION = AreaStyle("#D55E00", "#C45600")
SKY_BLUE = AreaStyle("#56B4E9", "#3B7CA1")
GREY = AreaStyle("#999999", "#767676")

DISTRICTS = AreaStyle("#1f5fa8", "#1f5fa8")  # the app's accent, outlines with a faint fill
ZONE_STYLES = {"block_104": BLUE, "region_195": ORANGE, "region_198": GREEN, "development_zone": PURPLE,
               "other": GREY}
PROJECT_KIND_STYLES = {
    "structural_adjustment": VERMILION, "boiler_replacement": BLUE, "motor_upgrade": GREEN,
    "technical_retrofit": PURPLE, "contract_energy_management": ORANGE, "cleaner_production": SKY_BLUE,
}
PARCEL_STATUS_STYLES = {"freed": VERMILION, "redevelopment_planned": ORANGE, "redeveloped": GREEN}
# The parcel a parcel page shows, and the wizard's parcels: chosen or not, and checked by the server.
PARCEL = VERMILION
# The live parcels near the ones a map shows (a parcel's or a project's surroundings): grey, thin and
# faint, so the site's colour stands out, yet outlined at 4:1 on the grey to be seen at all.
NEARBY = AreaStyle("#8c8c8c", "#666666")
# A shape being drawn with Leaflet-Geoman (its lines, hint and the finished shape until the page
# takes it) and the freed-land filter polygon: Geoman's own #3388ff shows at 2.4:1 on the grey.
DRAWING = BLUE
# The pieces a split would make, in turn (the parcel page's preview): apart from each other and from
# the parcel's vermilion and the cut line's blue that they are drawn with.
SPLIT_PIECES = (ORANGE, SKY_BLUE, GREEN, PURPLE)
WIZARD_STYLES = {"chosen": VERMILION, "not_chosen": AreaStyle("#666666", "#666666"), "accepted": GREEN,
                 "refused": AreaStyle("#cc0000", "#cc0000")}


def styles_json(styles: dict[str, AreaStyle]) -> dict[str, dict[str, str]]:
    """``styles`` for a page's script (JSON)."""
    return {name: style.as_json() for name, style in styles.items()}
