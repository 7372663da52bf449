"""The street grid the synthetic parcels are cut from (``geo.synth.parcels``): rows of plots along
parallel roads, each row with its own plot size, set back from the roads — laid with numpy over a
region's bounding box in one go, as a million parcels in minutes asks."""
from __future__ import annotations

import math

import numpy as np

SIGMA_ROW = 0.9  # plots along one road are alike: most of the spread is between rows
SIGMA_IN_ROW = 0.45  # together: lognormal sigma ≈ 1.0, so ~95 % fall within 0.3–14 ha
MIN_PLOT_M2 = 700.0  # before the setback; after it every parcel is ≥ 0.05 ha
_MAX_PLOT_M2 = 600_000.0
_MIN_PARCEL_M2 = 520.0  # 0.05 ha plus a margin for the local-frame scale error
_SETBACK_COMPENSATION = 1.25


def street_grid_cells(rng: np.random.Generator, bbox: tuple[float, float, float, float],
                median_m2: float, spread: float = 1.0) -> np.ndarray:
    """Plots of a jittered street grid covering ``bbox`` (grid axes, metres): (n, 4) array of
    x0, y0, x1, y1 after the setback from the roads, in row-major order. ``spread`` scales the
    lognormal sigmas (1 = the normal size mix)."""
    sigma_row, sigma_in_row = SIGMA_ROW * spread, SIGMA_IN_ROW * spread
    minx, miny, maxx, maxy = bbox
    height, length = maxy - miny, maxx - minx
    row_area, depth = [], []
    covered = 0.0
    # A row of small plots holds more plots (∝ area^-½), so rows drawn from lognormal(m, σ)
    # give plots distributed as lognormal(m·exp(−σ²/2), σ) by count: shift the draws to undo
    # that, and enlarge a little for the setback.
    row_median = median_m2 * _SETBACK_COMPENSATION * math.exp(sigma_row**2 / 2)
    while covered < height:  # rows of plots along parallel roads, each with its own plot size
        n = int(height / math.sqrt(row_median) * 1.2) + 8
        area = np.clip(row_median * rng.lognormal(0.0, sigma_row, n), MIN_PLOT_M2, _MAX_PLOT_M2)
        d = np.sqrt(area * rng.uniform(0.6, 1.6, n))
        row_area.append(area)
        depth.append(d)
        covered += d.sum()
    row_area_a, depth_a = np.concatenate(row_area), np.concatenate(depth)
    row_y0 = miny - rng.uniform(0.0, depth_a[0]) + np.concatenate([[0.0], np.cumsum(depth_a)[:-1]])
    rows = row_y0 < maxy
    row_area_a, depth_a, row_y0 = row_area_a[rows], depth_a[rows], row_y0[rows]

    mean_width = row_area_a * math.exp(sigma_in_row**2 / 2) / depth_a
    per_row = np.ceil(length / mean_width * 1.3).astype(int) + 3
    row_of = np.repeat(np.arange(len(per_row)), per_row)
    area = np.clip(row_area_a[row_of] * rng.lognormal(0.0, sigma_in_row, len(row_of)),
                   MIN_PLOT_M2, _MAX_PLOT_M2)
    d = depth_a[row_of]
    width = area / d
    ends = np.cumsum(width)
    row_start = np.concatenate([[0], np.cumsum(per_row)[:-1]])
    before_row = np.where(row_start > 0, ends[row_start - 1], 0.0)
    x1_rel = ends - np.repeat(before_row, per_row)
    x0 = minx - rng.uniform(0.0, 1.0, len(per_row))[row_of] * mean_width[row_of] + x1_rel - width
    y0 = row_y0[row_of]
    keep = x0 < maxx
    x0, y0, width, d = x0[keep], y0[keep], width[keep], d[keep]
    # Set back from the roads: wider between rows (streets) than between neighbours (lanes).
    sx = np.minimum(3.0, 0.05 * width)
    sy = np.minimum(8.0, 0.08 * d)
    cells = np.column_stack([x0 + sx, y0 + sy, x0 + width - sx, y0 + d - sy])
    final_area = (cells[:, 2] - cells[:, 0]) * (cells[:, 3] - cells[:, 1])
    return cells[final_area >= _MIN_PARCEL_M2]
