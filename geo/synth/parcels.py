"""Illustrative land parcels: non-overlapping rectangles inside zones and districts.

Scale is the design constraint (a million parcels in minutes on two cores), so nothing is placed
one by one. The territory is first cut into disjoint *owner regions* — each zone minus the zones
that outrank it, each district minus all zones — shrunk by a few metres so neighbouring regions
never touch. In each region a rotated, jittered street grid is laid over the bounding box with
numpy (rows of varying depth, cut into plots of lognormal area, set back from the roads); a random
subset of the cells that lie wholly inside the region (vectorised ``shapely.contains`` on the
prepared region) becomes the region's parcels. Cells of one grid never overlap and regions are
disjoint, so parcels never overlap and each lies inside exactly one district.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.geometry import geodesic_area_m2, polygonal_parts
from geo.synth.frame import LocalFrame
from geo.synth.street_grid import MIN_PLOT_M2, SIGMA_IN_ROW, SIGMA_ROW, street_grid_cells
from geo.synth.specs import Districts, ParcelSpec, ZoneSpec

ZONE_SHARE = 0.85  # of parcels inside zones; the rest are scattered over the districts' industry
# A plot's median by its owner's kind (None: scattered). The development zones' plants are the largest;
# outside the blocks — 195 regions' older sites, 198 regions' and the villages' scattered workshops
# (村级工业), where the exits of capacity mostly happen — plots are small: the programme's published
# results give an exit 9–18 亩, 0.6–1.2 ha (DOMAIN.md §6; docs/development.md, "freed land per exit").
# All together the median stays ≈ 1 ha, ~93 % within 0.2–20 ha.
MEDIAN_M2_BY_KIND = {"development_zone": 40_000.0, "block_104": 25_000.0, "region_195": 15_000.0,
                     "region_198": 5_000.0, "other": 20_000.0, None: 4_000.0}
# The workshops outside the blocks are alike (a narrower lognormal: sigma × this); the zones' plots
# range from a workshop to a plant.
SPREAD_BY_KIND = {"region_198": 0.6, None: 0.6}
_FLOOR_MEDIAN_M2 = 800.0  # medians shrink towards this when a count does not fit at 2 ha
_OVERSAMPLE = 1.25  # cells wanted per parcel, so a region's parcels are a random subset
_FILL = 0.8  # share of a region's area that whole cells cover (roads, ragged edges)
_REGION_MARGIN_DEG = 4e-5  # ~4 m: keeps neighbouring regions' parcels apart
_MAX_ROTATION_RAD = math.radians(25.0)
_RETRIES = 5

_KIND_PRIORITY = {"development_zone": 0, "block_104": 1, "region_195": 2, "region_198": 3,
                  "other": 4}
_CLASSES = ("M1", "M2", "M3", "W1", "W2", "B1", "B2", "A35", "R", "G")
_CLASS_WEIGHTS = {  # per owner kind; mostly industrial, some logistics, a few others
    "development_zone": (50, 15, 5, 6, 6, 3, 6, 7, 1, 1),
    "block_104": (50, 20, 6, 8, 6, 2, 3, 3, 1, 1),
    "region_195": (45, 20, 5, 8, 6, 4, 6, 3, 2, 1),
    "region_198": (35, 30, 12, 10, 8, 1, 1, 1, 1, 1),
    "other": (45, 25, 8, 8, 6, 2, 2, 2, 1, 1),
    None: (40, 25, 8, 10, 8, 2, 2, 1, 2, 2),
}


@dataclass(frozen=True)
class _Region:
    number: int  # stable position, seeds the region's own random stream
    geom: BaseGeometry  # lon/lat, shrunk by the margin, prepared
    district_code: str
    zone_index: int | None
    kind: str | None
    area_m2: float
    weight: float = 0.0  # its share of the parcels: as many as its land holds at its plots' size

    @property
    def median_m2(self) -> float:
        return MEDIAN_M2_BY_KIND.get(self.kind, MEDIAN_M2_BY_KIND["other"])

    @property
    def spread(self) -> float:
        return SPREAD_BY_KIND.get(self.kind, 1.0)


def generate_parcels(zones: Sequence[ZoneSpec], districts: Districts, count: int,
                     seed: int) -> Iterator[ParcelSpec]:
    """Yield exactly ``count`` non-overlapping parcels, identical for the same seed.

    ~85 % lie in zones, the rest scatter over the districts outside them. Areas are lognormal with a
    median by the zone's kind (``MEDIAN_M2_BY_KIND``: 4 ha in development zones, 2.5 ha in 104 blocks,
    down to 0.4–0.5 ha for scattered and 198 regions' workshops; ≥ 0.05 ha always), and a region holds
    parcels as its land does at that size (area / median); scattered ones go to a district by its
    zones' land, so they cluster where its industry is. When ``count`` does not fit at those sizes
    (beyond ~20k parcels for the generated zones) each region's median shrinks so it does, and past
    ~800k the zones fill up and the surplus joins the scattered share.
    Codes are ``SH-<district>-<nnnnnn>``, numbered per district in yield order.
    Bad arguments raise ValueError here, before anything is generated.
    """
    if count < 0:
        raise ValueError("count must be ≥ 0")
    if count == 0:
        return iter(())
    district_geoms = {str(code): geom for code, _zh, _en, geom in districts}
    if not district_geoms:
        raise ValueError("no districts to put parcels in")
    zone_regions, scatter_regions = _owner_regions(zones, district_geoms)
    territory_m2 = sum(r.area_m2 for r in zone_regions + scatter_regions)
    if count * _OVERSAMPLE * 2 * MIN_PLOT_M2 > territory_m2:
        raise ValueError(f"{count} parcels do not fit in {territory_m2 / 1e6:.0f} km²")
    return _parcels(zone_regions, scatter_regions, count, seed)


def _parcels(zone_regions: list[_Region], scatter_regions: list[_Region], count: int,
             seed: int) -> Iterator[ParcelSpec]:
    n_in_zones = round(ZONE_SHARE * count) if zone_regions else 0
    numbers: Counter[str] = Counter()
    # Zones first; what they cannot hold (only at very large counts) joins the scattered share.
    spill = yield from _fill_regions(zone_regions, n_in_zones, seed, numbers)
    spill = yield from _fill_regions(scatter_regions, count - n_in_zones + spill, seed, numbers)
    if spill:
        raise RuntimeError(f"{spill} parcels did not fit; ask for fewer")


def _fill_regions(regions: list[_Region], total: int, seed: int, numbers: Counter[str]
                  ) -> Generator[ParcelSpec, None, int]:
    """Yield ``total`` parcels shared out over ``regions`` by area; return how many did not fit."""
    quotas = _share_out(regions, total)
    # Small regions first, so the largest absorb what small ones cannot hold.
    carry = 0
    for region in sorted(regions, key=lambda r: (r.area_m2, r.number)):
        wanted = quotas[region.number] + carry
        if wanted == 0:
            continue
        rng = np.random.default_rng([seed, region.number])
        polygons = _fill_region(region, wanted, rng)
        carry = wanted - len(polygons)
        if not len(polygons):
            continue
        multis = shapely.multipolygons(polygons[:, np.newaxis])
        weights = np.asarray(_CLASS_WEIGHTS.get(region.kind, _CLASS_WEIGHTS["other"]), dtype=float)
        classes = rng.choice(len(_CLASSES), size=len(multis), p=weights / weights.sum())
        start = numbers[region.district_code]
        numbers[region.district_code] += len(multis)
        prefix = f"SH-{region.district_code}-"
        for k, (geom, cls) in enumerate(zip(multis, classes)):
            yield ParcelSpec(f"{prefix}{start + k + 1:06d}", region.district_code, geom,
                             _CLASSES[cls], region.zone_index)
    return carry


def _owner_regions(zones: Sequence[ZoneSpec], district_geoms: dict[str, BaseGeometry]
                   ) -> tuple[list[_Region], list[_Region]]:
    """Disjoint regions: each zone minus higher-priority zones; each district minus all zones."""
    claimed: list[BaseGeometry] = []
    zone_regions: list[_Region] = []
    ranked = sorted(range(len(zones)), key=lambda i: (_KIND_PRIORITY.get(zones[i].kind, 9), i))
    for i in ranked:
        zone = zones[i]
        district = district_geoms.get(zone.district_code)
        if district is None:
            raise ValueError(f"zone {zone.name_en!r} is in unknown district {zone.district_code}")
        own = shapely.intersection(zone.geometry, district)
        if claimed:
            prior = np.asarray(claimed, dtype=object)
            hits = prior[shapely.intersects(own, prior)]
            if len(hits):
                own = shapely.difference(own, shapely.union_all(hits))
        claimed.append(own)
        region = _region(i, own, zone.district_code, i, zone.kind)
        if region is not None:
            zone_regions.append(region)
    scatter_regions: list[_Region] = []
    claimed_all = np.asarray(claimed, dtype=object)
    for j, (code, district) in enumerate(district_geoms.items()):
        rest = district
        if len(claimed_all):
            hits = claimed_all[shapely.intersects(district, claimed_all)]
            if len(hits):
                rest = shapely.difference(district, shapely.union_all(hits))
        region = _region(len(zones) + j, rest, code, None, None)
        if region is not None:
            scatter_regions.append(region)
    # Scattered parcels where a district's zoned industry is (its land outside the zones is mostly
    # farmland, water and towns); with no zones at all, by its territory.
    zoned: Counter[str] = Counter()
    for region in zone_regions:
        zoned[region.district_code] += region.area_m2
    scatter_regions = [replace(r, weight=(zoned[r.district_code] if zoned else r.area_m2) / r.median_m2)
                       for r in scatter_regions]
    return [replace(r, weight=r.area_m2 / r.median_m2) for r in zone_regions], scatter_regions


def _region(number: int, geom: BaseGeometry, district_code: str, zone_index: int | None,
            kind: str | None) -> _Region | None:
    shrunk = shapely.buffer(geom, -_REGION_MARGIN_DEG, join_style="mitre")
    parts = polygonal_parts(shrunk)
    if not parts:
        return None
    shrunk = shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0]
    shapely.prepare(shrunk)
    return _Region(number, shrunk, district_code, zone_index, kind, geodesic_area_m2(shrunk))


def _share_out(regions: list[_Region], total: int) -> dict[int, int]:
    """``total`` split in proportion to the regions' weights, largest remainders rounded up (exact
    sum)."""
    if not regions:
        return {}
    weights = np.array([r.weight for r in regions])
    if not weights.sum():  # none near the zones' industry: by area
        weights = np.array([r.area_m2 for r in regions])
    exact = total * weights / weights.sum()
    base = np.floor(exact).astype(int)
    remainder = total - int(base.sum())
    base[np.argsort(-(exact - base), kind="stable")[:remainder]] += 1
    return {r.number: int(q) for r, q in zip(regions, base)}


def _fill_region(region: _Region, wanted: int, rng: np.random.Generator) -> np.ndarray:
    """Up to ``wanted`` polygons (lon/lat) from a grid laid over the region."""
    centre = region.geom.centroid
    frame = LocalFrame.at(centre.x, centre.y)
    angle = rng.uniform(-_MAX_ROTATION_RAD, _MAX_ROTATION_RAD)
    c, s = math.cos(angle), math.sin(angle)
    to_grid = np.array([[c, -s], [s, c]])  # row vectors: metric → grid axes (rotate by −angle)
    boundary = frame.xy_to_m(shapely.get_coordinates(region.geom)) @ to_grid
    bbox = (*boundary.min(axis=0), *boundary.max(axis=0))
    mean_factor = math.exp((SIGMA_ROW**2 + SIGMA_IN_ROW**2) / 2)
    median = min(region.median_m2, region.area_m2 * _FILL / (_OVERSAMPLE * wanted * mean_factor))
    best = np.empty(0, dtype=object)
    for _attempt in range(_RETRIES):
        # Below the floor, plots cannot shrink further: make them alike instead, which packs
        # tighter (the mean approaches the median).
        spread = float(np.clip(median / _FLOOR_MEDIAN_M2, 0.25, region.spread))
        cells = street_grid_cells(rng, bbox, max(median, _FLOOR_MEDIAN_M2), spread)
        found = _pick_cells(region, frame, to_grid.T, cells, wanted, rng)
        if len(found) > len(best):
            best = found
        if len(best) >= wanted or spread <= 0.25:
            break
        # Too few whole cells: a finer grid, by about the shortfall.
        median *= float(np.clip(0.9 * len(found) / wanted, 0.3, 0.8))
    return best


def _pick_cells(region: _Region, frame: LocalFrame, from_grid: np.ndarray, cells: np.ndarray,
                wanted: int, rng: np.random.Generator) -> np.ndarray:
    """A random subset of ``wanted`` cells lying wholly inside the region, as lon/lat polygons in
    row-major order (so codes run along the streets)."""
    order = rng.permutation(len(cells))
    chosen_idx: list[np.ndarray] = []
    chosen_polys: list[np.ndarray] = []
    got, pos, rate = 0, 0, 0.5
    while got < wanted and pos < len(order):
        size = min(len(order) - pos, max(512, int((wanted - got) / max(rate, 0.02) * 1.2)))
        idx = order[pos:pos + size]
        pos += size
        x0, y0, x1, y1 = cells[idx].T
        corners = np.stack([np.column_stack(p) for p in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))],
                           axis=1)
        corners_deg = frame.xy_to_deg(corners @ from_grid)
        centres = corners_deg.mean(axis=1)
        inside = shapely.contains_xy(region.geom, centres[:, 0], centres[:, 1])
        polys = shapely.polygons(corners_deg[inside])
        whole = shapely.contains(region.geom, polys)
        chosen_idx.append(idx[inside][whole])
        chosen_polys.append(polys[whole])
        got += int(whole.sum())
        rate = max(whole.sum() / size, 0.0)
    if not chosen_idx:
        return np.empty(0, dtype=object)
    idx_all = np.concatenate(chosen_idx)[:wanted]
    polys_all = np.concatenate(chosen_polys)[:wanted]
    return polys_all[np.argsort(idx_all, kind="stable")]
