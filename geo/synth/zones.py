"""Illustrative 104 blocks, 195/198 regions, development zones and other clusters.

No public polygons of these exist, so they are invented — deterministically from a seed — inside
the real district outlines. All construction happens in one metric frame centred on People's
Square; gaps of 100 m or more between shapes that must not overlap keep them disjoint after the
conversion back to lon/lat and the final clip to the district.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from geo.geometry import as_multipolygon, geodesic_area_m2, polygonal_parts, repair
from geo.synth.catalogue import (
    BLOCKS_104_PER_DISTRICT,
    CITY_CENTRE_LON_LAT,
    DEV_ZONE_ANCHORS,
    INNER_AREA_RADIUS_M,
    KIND_LABELS,
    OTHER_ZONES_PER_KM2,
    REGIONS_195_PER_KM2,
    REGIONS_198_PER_KM2,
    short_name_en,
    short_name_zh,
)
from geo.synth.frame import LocalFrame, compound_block, jittered_quad
from geo.synth.specs import Districts, ZoneSpec

_KM2 = 1e6
_DEV_ZONE_SEPARATION_M = 1500.0  # between development zones
_BLOCK_MARGIN_AROUND_DEV_ZONE_M = 250.0  # an enclosing 104 block reaches this far beyond its zone
_BLOCK_GAP_M = 150.0  # between 104 blocks
_PATCH_GAP_M = 100.0  # between a 195/198/other patch and anything else
_MAX_ATTEMPTS_PER_SHAPE = 200  # placements tried for one 104 block
_MAX_ATTEMPTS_PER_PATCH = 50  # on average, for 195/198/other patches
_SLIVER_SHARE = 0.02  # parts smaller than this share of a clipped zone are dropped
_MAX_BLOCK_KM2 = 20.0


@dataclass(frozen=True)
class _District:
    code: str
    short_zh: str
    short_en: str
    geom_deg: BaseGeometry
    geom_m: BaseGeometry
    area_m2: float


class _Builder:
    """Holds the frame, the districts and everything placed so far."""

    def __init__(self, districts: Districts, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.frame = LocalFrame.at(*CITY_CENTRE_LON_LAT)
        self.districts: list[_District] = []
        for code, name_zh, name_en, geom in districts:
            geom_m = self.frame.to_m(geom)
            shapely.prepare(geom_m)
            self.districts.append(
                _District(str(code), short_name_zh(name_zh), short_name_en(name_en), geom,
                          geom_m, geodesic_area_m2(geom))
            )
        self.by_code = {d.code: d for d in self.districts}
        self.dev_m: list[BaseGeometry] = []  # unclipped metric outlines of development zones
        self.blocks_m: list[BaseGeometry] = []
        self.patches_m: list[BaseGeometry] = []
        self.zones: dict[str, list[ZoneSpec]] = {k: [] for k in
                                                  ("block_104", "region_195", "region_198",
                                                   "development_zone", "other")}
        self._numbers: Counter[tuple[str, str]] = Counter()

    # --- shapes ---------------------------------------------------------------------------------
    def clip(self, shape_m: BaseGeometry, district: _District) -> tuple[MultiPolygon, float] | None:
        """``shape_m`` in lon/lat, clipped to the district, slivers dropped; with its area (m²)."""
        clipped = shapely.intersection(self.frame.to_deg(shape_m), district.geom_deg)
        parts = polygonal_parts(clipped)
        if not parts:
            return None
        total = sum(p.area for p in parts)
        parts = [p for p in parts if p.area >= _SLIVER_SHARE * total]
        multi = as_multipolygon(MultiPolygon(parts) if len(parts) > 1 else parts[0])
        if not multi.is_valid:
            multi = repair(multi)
        return multi, geodesic_area_m2(multi)

    def is_free(self, shape_m: BaseGeometry, placed: list[BaseGeometry], gap_m: float) -> bool:
        if not placed:
            return True
        return not shapely.intersects(shape_m.buffer(gap_m), np.asarray(placed, dtype=object)).any()

    def random_points_in(self, district: _District, n: int,
                         accept: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None
                         ) -> np.ndarray:
        """Up to ``n`` uniform random points (metric) inside the district (and ``accept``)."""
        minx, miny, maxx, maxy = district.geom_m.bounds
        xs = self.rng.uniform(minx, maxx, 8 * n + 16)
        ys = self.rng.uniform(miny, maxy, 8 * n + 16)
        keep = shapely.contains_xy(district.geom_m, xs, ys)
        if accept is not None:
            keep &= accept(xs, ys)
        return np.column_stack([xs[keep], ys[keep]])[:n]

    # --- naming ---------------------------------------------------------------------------------
    def add(self, kind: str, district: _District, geometry: MultiPolygon,
            name: tuple[str, str] | None = None) -> None:
        if name is None:
            self._numbers[(kind, district.code)] += 1
            number = self._numbers[(kind, district.code)]
            label_zh, label_en = KIND_LABELS[kind]
            name = (f"{label_zh} · {district.short_zh}-{number:02d}",
                    f"{label_en} · {district.short_en}-{number:02d}")
        self.zones[kind].append(ZoneSpec(kind, name[0], name[1], district.code, geometry))


def generate_zones(districts: Districts, seed: int) -> list[ZoneSpec]:
    """Plausible illustrative zones inside the given districts, identical for the same seed.

    Returns 104 blocks, then 195 regions, 198 regions, development zones and others. 104/195/198
    (and others) are mutually disjoint; a development zone lies inside a 104 block of its own.
    Every geometry is a valid MultiPolygon in EPSG:4326 inside its district.
    """
    builder = _Builder(districts, seed)
    _place_development_zones(builder)
    _place_blocks_104(builder)
    _place_patches(builder, "region_195", REGIONS_195_PER_KM2, median_km2=0.9, sigma=0.6,
                   bounds_km2=(0.25, 3.0), inner=True)
    _place_patches(builder, "region_198", REGIONS_198_PER_KM2, median_km2=0.25, sigma=0.7,
                   bounds_km2=(0.06, 1.0), inner=False)
    _place_patches(builder, "other", OTHER_ZONES_PER_KM2, median_km2=1.2, sigma=0.4,
                   bounds_km2=(0.5, 3.0), inner=False)
    z = builder.zones
    return [*z["block_104"], *z["region_195"], *z["region_198"], *z["development_zone"],
            *z["other"]]


def _place_development_zones(b: _Builder) -> None:
    for anchor in DEV_ZONE_ANCHORS:
        district = b.by_code.get(anchor.district_code)
        if district is None:
            continue
        ax, ay = b.frame.xy_to_m(np.array([anchor.lon, anchor.lat]))
        target_m2 = anchor.area_km2 * _KM2 * b.rng.uniform(0.9, 1.1)
        keep_out = (shapely.union_all([g.buffer(_DEV_ZONE_SEPARATION_M) for g in b.dev_m])
                    if b.dev_m else None)
        best: tuple[float, BaseGeometry, MultiPolygon] | None = None
        for attempt in range(8):  # keep the candidate that loses least to the district edge
            spread = 300.0 + 300.0 * attempt
            cx, cy = ax + b.rng.uniform(-spread, spread), ay + b.rng.uniform(-spread, spread)
            shape_m = compound_block(b.rng, cx, cy, target_m2)
            if keep_out is not None:
                shape_m = shape_m.difference(keep_out)
            clipped = b.clip(shape_m, district) if not shape_m.is_empty else None
            if clipped is not None and (best is None or clipped[1] > best[0]):
                best = (clipped[1], shape_m, clipped[0])
        if best is None or best[0] < 0.3 * _KM2:
            continue
        b.dev_m.append(best[1])
        b.add("development_zone", district, best[2], (anchor.name_zh, anchor.name_en))


def _place_blocks_104(b: _Builder) -> None:
    # First a block around every development zone (zones sit inside 104 blocks), then the rest.
    for index, (dev_m, zone) in enumerate(zip(b.dev_m, b.zones["development_zone"])):
        district = b.by_code[zone.district_code]
        others = [g.buffer(_BLOCK_MARGIN_AROUND_DEV_ZONE_M + 350.0)
                  for j, g in enumerate(b.dev_m) if j != index]
        core = dev_m.buffer(_BLOCK_MARGIN_AROUND_DEV_ZONE_M, join_style="mitre")
        # Room around the zone for other firms, keeping the block at most ~20 km².
        extra_m2 = max(0.1 * core.area, min(0.5 * core.area, _MAX_BLOCK_KM2 * _KM2 - core.area))
        half = math.sqrt(core.area) / 2
        extra = compound_block(b.rng, core.centroid.x + b.rng.uniform(-half, half),
                               core.centroid.y + b.rng.uniform(-half, half), extra_m2)
        shape_m = core.union(extra)
        keep_out = others + [g.buffer(_BLOCK_GAP_M) for g in b.blocks_m]
        if keep_out:
            shape_m = shape_m.difference(shapely.union_all(keep_out))
        clipped = b.clip(shape_m, district)
        if clipped is None:
            continue
        b.blocks_m.append(b.frame.to_m(clipped[0]))
        b.add("block_104", district, clipped[0])

    for district in b.districts:
        wanted = BLOCKS_104_PER_DISTRICT.get(district.code, 0)
        have = sum(1 for z in b.zones["block_104"] if z.district_code == district.code)
        cap_m2 = max(1.5 * _KM2, 0.08 * district.area_m2)
        for _ in range(max(0, wanted - have)):
            for _attempt in range(_MAX_ATTEMPTS_PER_SHAPE):
                target = float(np.clip(6.0 * _KM2 * b.rng.lognormal(0.0, 0.45),
                                       2.5 * _KM2, min(18.0 * _KM2, cap_m2)))
                points = b.random_points_in(district, 1)
                if not len(points):
                    continue
                shape_m = compound_block(b.rng, points[0, 0], points[0, 1], target)
                if not (b.is_free(shape_m, b.blocks_m, _BLOCK_GAP_M)
                        and b.is_free(shape_m, b.dev_m, 2 * _BLOCK_GAP_M)):
                    continue
                clipped = b.clip(shape_m, district)
                if clipped is None or clipped[1] < max(0.75 * target, 1.2 * _KM2):
                    continue
                b.blocks_m.append(b.frame.to_m(clipped[0]))
                b.add("block_104", district, clipped[0])
                break


def _place_patches(b: _Builder, kind: str, per_km2: float, *, median_km2: float,
                   sigma: float, bounds_km2: tuple[float, float], inner: bool) -> None:
    """Small patches whose centres lie inside (``inner``) or outside the central disc; their
    clipped areas stay within ``bounds_km2``."""
    low_m2, high_m2 = bounds_km2[0] * _KM2, bounds_km2[1] * _KM2
    candidates = [d for d in b.districts if inner or d.code in BLOCKS_104_PER_DISTRICT]
    if not candidates:
        return
    radius2 = INNER_AREA_RADIUS_M**2

    def in_area(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        r2 = xs * xs + ys * ys  # the frame's origin is the city centre
        return r2 <= radius2 if inner else r2 > radius2

    # As many as the wanted part of the city's territory holds; outside the central disc they go to
    # districts by their industry (their 104 blocks), not their territory: 崇明, the largest outline
    # of the outer city, is an ecological island with a handful of blocks, and it held ~40 % of them.
    shares = np.array([_share_in_area(d, inner) for d in candidates])
    areas = shares * np.array([d.area_m2 for d in candidates])
    target_count = round(per_km2 * areas.sum() / _KM2)
    if target_count == 0:
        return
    weights = areas if inner else shares * np.array([BLOCKS_104_PER_DISTRICT[d.code] for d in candidates])
    weights = weights / weights.sum()
    placed = 0
    for _attempt in range(_MAX_ATTEMPTS_PER_PATCH * target_count):
        if placed >= target_count:
            break
        district = candidates[int(b.rng.choice(len(candidates), p=weights))]
        points = b.random_points_in(district, 1, in_area)
        if not len(points):
            continue
        # Drawn inside the bounds with room for clipping and the jittered corners.
        target = float(np.clip(median_km2 * _KM2 * b.rng.lognormal(0.0, sigma),
                               1.3 * low_m2, 0.9 * high_m2))
        shape_m = jittered_quad(b.rng, points[0, 0], points[0, 1], target)
        if not all(b.is_free(shape_m, placed_m, _PATCH_GAP_M)
                   for placed_m in (b.blocks_m, b.dev_m, b.patches_m)):
            continue
        clipped = b.clip(shape_m, district)
        if clipped is None or not max(0.7 * target, low_m2) <= clipped[1] <= high_m2:
            continue
        b.patches_m.append(b.frame.to_m(clipped[0]))
        b.add(kind, district, clipped[0])
        placed += 1


def _share_in_area(district: _District, inner: bool) -> float:
    """Share of the district's area inside (``inner``) or outside the central disc."""
    disc = shapely.Point(0.0, 0.0).buffer(INNER_AREA_RADIUS_M, quad_segs=32)
    inside = district.geom_m.intersection(disc).area / district.geom_m.area
    return inside if inner else 1.0 - inside
