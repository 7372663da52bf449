"""The land-output report's levels and orders (土地产出, docs/freed-land.md "Land output"): what a
line is (a district, a development zone, any zone, a parcel) and by which column its table may be
sorted, read from a query string or the command line and checked."""
from __future__ import annotations

from dataclasses import dataclass

from registry.domain.errors import N_, Listed, UNKNOWN_VALUE, ValidationError

LEVELS = {
    "district": N_("District"),
    "development_zone": N_("Development zone"),
    "zone": N_("Zone (any kind)"),
    "parcel": N_("Parcel"),
}
# The sortable columns: the line's name (a district by its code, a zone by its kind and name, a
# parcel by its code), its figures and the change on the year before.
SORTS = ("name", "parcels", "output_wan_yuan", "area_km2", "output", "previous", "change", "change_percent")


@dataclass(frozen=True)
class OutputOrder:
    """How the lines are sorted: ``sort`` one of ``SORTS``; lines without the figure (no output the
    year before) come last either way, ties in the level's own order."""

    sort: str
    descending: bool

    @property
    def param(self) -> str:
        """The order as the ``sort`` query parameter writes it (``-output``: descending)."""
        return ("-" if self.descending else "") + self.sort


def own_order(level: str) -> OutputOrder:
    """A level's order when none is asked for: parcels by land output, the highest first (the page
    shows the first 500); districts and zones by name (a district by its code)."""
    return OutputOrder("output", True) if level == "parcel" else OutputOrder("name", False)


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValidationError.single("level", UNKNOWN_VALUE,
                                     value=str(level)[:40], allowed=Listed(tuple(LEVELS)))
    return level


def parse_output_order(value: str | None, level: str) -> OutputOrder:
    """``sort`` as given (``output``, ``-output`` for descending; none: the level's own order).
    A parcel is one parcel: ``parcels`` orders its lines in their own order."""
    text = (value or "").strip()
    if not text:
        return own_order(level)
    descending = text.startswith("-")
    sort = text.lstrip("-")
    if sort not in SORTS:
        raise ValidationError.single("sort", UNKNOWN_VALUE,
                                     value=sort[:40], allowed=Listed(SORTS))
    if sort == "parcels" and level == "parcel":
        return own_order(level)
    return OutputOrder(sort, descending)
