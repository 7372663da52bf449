"""Deterministic illustrative (示意) zones and parcels inside the real district outlines.

There are no public polygons of the 104 blocks, the 195/198 regions or development-zone
boundaries, so the demo data set invents plausible ones. Pure: callers pass the district
geometries in (EPSG:4326) and store what comes out.
"""

from geo.synth.frame import distances_m
from geo.synth.parcels import ZONE_SHARE, generate_parcels
from geo.synth.specs import LAND_USE_CLASSES, ZONE_KINDS, Districts, ParcelSpec, ZoneSpec
from geo.synth.zones import generate_zones

__all__ = [
    "LAND_USE_CLASSES",
    "ZONE_KINDS",
    "ZONE_SHARE",
    "Districts",
    "ParcelSpec",
    "ZoneSpec",
    "distances_m",
    "generate_parcels",
    "generate_zones",
]
