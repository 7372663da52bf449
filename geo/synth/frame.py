"""A local metric frame (an affine map of lon/lat) and the shapes drawn in it.

An affine map keeps straight edges straight and preserves containment and disjointness exactly,
which the generators rely on; its scale error across Shanghai (<1 %) is irrelevant for
illustrative shapes. Areas that matter are measured geodesically by the callers/tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

_WGS84_A = 6378137.0
_WGS84_E2 = 0.00669437999014


@dataclass(frozen=True)
class LocalFrame:
    """x = metres east of lon0, y = metres north of lat0 (scales true at lat0)."""

    lon0: float
    lat0: float
    m_per_deg_lon: float
    m_per_deg_lat: float

    @classmethod
    def at(cls, lon0: float, lat0: float) -> LocalFrame:
        phi = math.radians(lat0)
        w = 1.0 - _WGS84_E2 * math.sin(phi) ** 2
        meridian = _WGS84_A * (1.0 - _WGS84_E2) / w**1.5
        normal = _WGS84_A / math.sqrt(w)
        return cls(lon0, lat0, math.radians(1.0) * normal * math.cos(phi), math.radians(1.0) * meridian)

    def xy_to_m(self, xy: np.ndarray) -> np.ndarray:
        out = np.empty_like(xy, dtype=float)
        out[..., 0] = (xy[..., 0] - self.lon0) * self.m_per_deg_lon
        out[..., 1] = (xy[..., 1] - self.lat0) * self.m_per_deg_lat
        return out

    def xy_to_deg(self, xy: np.ndarray) -> np.ndarray:
        out = np.empty_like(xy, dtype=float)
        out[..., 0] = xy[..., 0] / self.m_per_deg_lon + self.lon0
        out[..., 1] = xy[..., 1] / self.m_per_deg_lat + self.lat0
        return out

    def to_m(self, geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, self.xy_to_m)

    def to_deg(self, geom: BaseGeometry) -> BaseGeometry:
        return shapely.transform(geom, self.xy_to_deg)

    @property
    def m2_per_deg2(self) -> float:
        return self.m_per_deg_lon * self.m_per_deg_lat


def rotated_rectangle(cx: float, cy: float, width: float, height: float, angle_rad: float) -> Polygon:
    """A width × height rectangle centred on (cx, cy), turned anticlockwise by angle_rad."""
    hw, hh = width / 2.0, height / 2.0
    corners = np.array([[-hw, -hh], [hw, -hh], [hw, hh], [-hw, hh]])
    c, s = math.cos(angle_rad), math.sin(angle_rad)
    rotated = corners @ np.array([[c, s], [-s, c]]) + (cx, cy)
    return Polygon(rotated)


def compound_block(rng: np.random.Generator, cx: float, cy: float, area_m2: float) -> BaseGeometry:
    """An industrial-estate-like outline of about ``area_m2``: one to three rectangles sharing a
    grid orientation (road-bounded, L/T shapes), unioned."""
    angle = rng.uniform(-math.pi / 5, math.pi / 5)
    n_parts = int(rng.choice([1, 2, 2, 3]))
    shares = rng.dirichlet(np.full(n_parts, 3.0)) if n_parts > 1 else np.ones(1)
    shares = np.sort(shares)[::-1]
    c, s = math.cos(angle), math.sin(angle)
    parts = []
    main_w = main_h = 0.0
    for i, share in enumerate(shares):
        aspect = rng.uniform(1.0, 2.2)
        w = math.sqrt(area_m2 * share * aspect)
        h = area_m2 * share / w
        if i == 0:
            main_w, main_h = w, h
            ox = oy = 0.0
        else:
            # Attach along an edge of the main rectangle so the union stays one piece.
            ox = rng.choice([-1.0, 1.0]) * (main_w / 2.0 + w / 2.0 - 0.25 * min(w, main_w))
            oy = rng.uniform(-0.5, 0.5) * max(main_h - h, 0.0)
            if rng.random() < 0.5:
                ox, oy = rng.uniform(-0.5, 0.5) * max(main_w - w, 0.0), rng.choice([-1.0, 1.0]) * (
                    main_h / 2.0 + h / 2.0 - 0.25 * min(h, main_h)
                )
        parts.append(rotated_rectangle(cx + ox * c - oy * s, cy + ox * s + oy * c, w, h, angle))
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def jittered_quad(rng: np.random.Generator, cx: float, cy: float, area_m2: float) -> Polygon:
    """A small patch: a rotated rectangle with its corners nudged (still convex)."""
    aspect = rng.uniform(1.0, 2.5)
    w = math.sqrt(area_m2 * aspect)
    h = area_m2 / w
    rect = rotated_rectangle(cx, cy, w, h, rng.uniform(-math.pi / 2, math.pi / 2))
    coords = np.asarray(rect.exterior.coords)[:4]
    coords = coords + rng.uniform(-0.08, 0.08, size=(4, 2)) * min(w, h)
    return shapely.convex_hull(Polygon(coords))


# One frame for the whole city (at People's Square): across Shanghai its scale errs by < 1 %, which is
# nothing for telling neighbouring plots from ones kilometres apart.
SHANGHAI_FRAME = LocalFrame.at(121.4737, 31.2304)


def distances_m(geom: BaseGeometry, others: list[BaseGeometry]) -> np.ndarray:
    """The shortest distance (m) from ``geom`` to each of ``others`` (lon/lat), edge to edge: 0 for
    plots that touch."""
    return shapely.distance(SHANGHAI_FRAME.to_m(geom), [SHANGHAI_FRAME.to_m(g) for g in others])
