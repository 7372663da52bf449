"""What the synthetic-data tests measure with: the seeds and sizes they generate, geodesic areas,
and the pairs of shapes whose interiors meet."""
from __future__ import annotations

import numpy as np
import shapely
from shapely.strtree import STRtree

from geo.geometry import geodesic_area_m2

ZONE_SEED, PARCEL_SEED, PARCEL_COUNT = 42, 7, 4000
MINHANG = "310112"
TOLERANCE_DEG = 1e-9


def areas_m2(geoms) -> np.ndarray:
    return np.array([geodesic_area_m2(g) for g in geoms])


def interior_overlaps(geoms: list) -> list[tuple[int, int]]:
    """Pairs whose interiors meet (touching is fine)."""
    tree = STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    arr = np.asarray(geoms, dtype=object)
    meet = shapely.relate_pattern(arr[left], arr[right], "T********")
    return list(zip(left[meet].tolist(), right[meet].tolist()))
