"""Why a shape is no valid polygon, in words a user can act on, keeping the place GEOS names.

GEOS's reasons (shapely's ``is_valid_reason``, PostGIS's ``ST_IsValidReason``:
'Self-intersection[121.62 31.21]') are a programmer's English. Every path that checks a shape says
them through ``invalid_reason_message``: the wizard and the parcel API (services/parcels.py), a GIS
import's report (services/imports/features.py), ``registry load`` and the demo
(services/dataset_checks.py), a split or merge (services/lineage.py) and the freed-land query's
drawn polygon (services/freed_land.py).
"""
from __future__ import annotations

import re

from registry.domain.errors import N_, Message

GEOS_REASONS = {
    "Self-intersection": N_("the boundary crosses itself at %(where)s"),
    "Ring Self-intersection": N_("a ring touches itself at %(where)s"),
    "Too few points in geometry component": N_("a ring has fewer than 3 distinct points at %(where)s"),
    "Hole lies outside shell": N_("a hole lies outside its polygon at %(where)s"),
    "Holes are nested": N_("a hole lies inside another hole at %(where)s"),
    "Nested shells": N_("one polygon lies inside another at %(where)s"),
    "Interior is disconnected": N_("the holes cut the polygon into pieces at %(where)s"),
    "Invalid Coordinate": N_("a coordinate is not a number at %(where)s"),
    "Duplicate Rings": N_("a ring is repeated at %(where)s"),
    "Ring is not closed": N_("a ring is not closed at %(where)s"),
    "Repeated Point": N_("a point is repeated at %(where)s"),
}
_GEOS_REASON = re.compile(r"^\s*(?P<reason>[^\[]+?)\s*(?:\[(?P<where>[^\]]*)\])?\s*$")
# A field's problem where nothing else says the shape is invalid (the wizard's own words do).
INVALID_GEOMETRY = N_("geometry is invalid: %(reason)s")


def invalid_reason_message(reason: str) -> Message:
    """GEOS's explanation of an invalid geometry as a translatable message, keeping its location
    (a reason GEOS may add later: "the polygon is invalid at …")."""
    match = _GEOS_REASON.match(reason or "")
    where = (match.group("where") or "").strip() if match else ""
    msgid = GEOS_REASONS.get(match.group("reason")) if match else None
    if msgid and where:
        return Message(msgid, {"where": where})
    if where:
        return Message(N_("the polygon is invalid at %(where)s"), {"where": where})
    return Message(N_("the polygon is invalid"))


def invalid_geometry_message(reason: str) -> Message:
    """"geometry is invalid: " and GEOS's ``reason`` in the reader's words (几何图形无效：边界在 … 处自相交)."""
    return Message(INVALID_GEOMETRY, {"reason": invalid_reason_message(reason)})
