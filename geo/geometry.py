"""Pure geometry helpers: validation, repair, geodesic area and CRS conversion.

Shapely 2 + pyproj only — no I/O, no database. Coordinates are (x, y) = (lon, lat) throughout.
"""

from __future__ import annotations

import functools

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

__all__ = [
    "SHANGHAI_EXTENT_LONLAT",
    "SRID_CGCS2000",
    "SRID_STORAGE",
    "SRID_WEB_MERCATOR",
    "as_multipolygon",
    "coordinates_2d",
    "coordinates_finite",
    "coordinates_in_range",
    "explain_invalid",
    "fewest_shell_points",
    "looks_swapped",
    "gcj02_to_wgs84",
    "geodesic_area_m2",
    "polygonal_parts",
    "repair",
    "reproject",
    "wgs84_to_gcj02",
]

SRID_STORAGE = 4326  # WGS84 lon/lat: what the database stores
SRID_CGCS2000 = 4490  # China's national datum; differs from WGS84 by centimetres
SRID_WEB_MERCATOR = 3857  # tiles only — never measure areas in it (~37 % too large in Shanghai)

# Shanghai's extent (west, south, east, north in degrees) with a margin of a few kilometres.
SHANGHAI_EXTENT_LONLAT = (120.8, 30.6, 122.2, 31.95)

# PostGIS ST_Area(geography) uses the WGS84 spheroid with the same GeographicLib algorithm.
_GEOD = Geod(ellps="WGS84")


def geodesic_area_m2(geom: BaseGeometry) -> float:
    """Area in m² on the WGS84 ellipsoid of a lon/lat geometry (holes subtracted).

    Polygonal parts only; points and lines have no area (0.0), like ST_Area(geography).
    """
    polys = polygonal_parts(geom)
    if not polys:
        return 0.0
    # pyproj sums *signed* ring areas, so orient every polygon the same way first:
    # a MultiPolygon with mixed ring orientation would otherwise cancel out.
    oriented = shapely.orient_polygons(MultiPolygon(polys), exterior_cw=False)
    area, _perimeter = _GEOD.geometry_area_perimeter(oriented)
    return abs(float(area))


def polygonal_parts(geom: BaseGeometry) -> list[Polygon]:
    """The non-empty polygons inside any geometry (recursing into collections)."""
    if geom is None or geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if hasattr(geom, "geoms"):
        return [p for part in geom.geoms for p in polygonal_parts(part)]
    return []


def as_multipolygon(geom: BaseGeometry) -> MultiPolygon:
    """The polygonal content of ``geom`` as one MultiPolygon.

    Polygon → one-part MultiPolygon; a GeometryCollection (e.g. from ``make_valid``) keeps
    its polygonal parts only. Raises ValueError when nothing with an area is left.
    """
    if isinstance(geom, MultiPolygon) and not geom.is_empty and geom.area > 0:
        return geom
    polys = [p for p in polygonal_parts(geom) if p.area > 0]
    if not polys:
        kind = "empty geometry" if geom is None or geom.is_empty else geom.geom_type
        raise ValueError(f"geometry has no area ({kind})")
    multi = MultiPolygon(polys)
    if len(polys) > 1 and not multi.is_valid:
        # Parts taken from a collection may share edges; dissolve them.
        merged = shapely.union_all(polys)
        multi = MultiPolygon(polygonal_parts(merged))
    return multi


def coordinates_2d(coordinates):
    """GeoJSON ``coordinates`` with every position cut to (x, y): Z and any further ordinate (M) dropped.

    Anything that is not a list of positions is returned unchanged (shapely then refuses it).
    """
    if not isinstance(coordinates, (list, tuple)) or not coordinates:
        return coordinates
    if not isinstance(coordinates[0], (list, tuple)):
        return list(coordinates[:2])  # a position
    return [coordinates_2d(part) for part in coordinates]


def coordinates_finite(geom: BaseGeometry) -> bool:
    """Every coordinate is a finite number (no NaN, no infinity)."""
    return bool(np.isfinite(shapely.get_coordinates(geom)).all())


def coordinates_in_range(geom: BaseGeometry) -> bool:
    """Every position is a longitude in [-180, 180] and a latitude in [-90, 90]."""
    west, south, east, north = geom.bounds
    return -180 <= west and east <= 180 and -90 <= south and north <= 90


def _within(bounds: tuple[float, float, float, float], extent: tuple[float, float, float, float]) -> bool:
    return extent[0] <= bounds[0] and bounds[2] <= extent[2] and extent[1] <= bounds[1] and bounds[3] <= extent[3]


def looks_swapped(geom: BaseGeometry, extent: tuple[float, float, float, float] = SHANGHAI_EXTENT_LONLAT) -> bool:
    """True when ``geom`` lies outside ``extent`` but would lie inside it with x and y swapped
    (latitude given first)."""
    west, south, east, north = geom.bounds
    return not _within((west, south, east, north), extent) and _within((south, west, north, east), extent)


def fewest_shell_points(geom: BaseGeometry) -> int:
    """The fewest distinct points of any polygon's exterior ring (fewer than 3 encloses nothing)."""
    counts = [len(set(p.exterior.coords)) for p in polygonal_parts(geom)]
    return min(counts) if counts else 0


def explain_invalid(geom: BaseGeometry) -> str | None:
    """Why ``geom`` is invalid (GEOS wording, e.g. 'Self-intersection[0.5 0.5]'); None if valid."""
    if shapely.is_valid(geom):
        return None
    return shapely.is_valid_reason(geom)


def repair(geom: BaseGeometry) -> MultiPolygon:
    """A valid MultiPolygon covering what ``geom`` meant (``shapely.make_valid``, polygons kept).

    Raises ValueError when the repaired geometry has no area (e.g. a collapsed ring).
    """
    fixed = geom if shapely.is_valid(geom) else shapely.make_valid(geom)
    return as_multipolygon(fixed)


# --- GCJ-02 -------------------------------------------------------------------------------------
# The widely published GCJ-02 ("Mars coordinates") obfuscation, Krasovsky 1940 ellipsoid.
_GCJ_A = 6378245.0
_GCJ_EE = 0.00669342162296594323
_GCJ_INVERSE_TOLERANCE_DEG = 1e-10
_GCJ_INVERSE_MAX_ITERATIONS = 30


def _outside_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    # The same coarse box every public implementation uses: no offset is applied outside it.
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _gcj02_offset_deg(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(dlon, dlat) in degrees that GCJ-02 adds to a WGS84 position."""
    x = lon - 105.0
    y = lat - 35.0
    pi = np.pi
    common = (20.0 * np.sin(6.0 * x * pi) + 20.0 * np.sin(2.0 * x * pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    dlat += common
    dlat += (20.0 * np.sin(y * pi) + 40.0 * np.sin(y / 3.0 * pi)) * 2.0 / 3.0
    dlat += (160.0 * np.sin(y / 12.0 * pi) + 320.0 * np.sin(y * pi / 30.0)) * 2.0 / 3.0
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    dlon += common
    dlon += (20.0 * np.sin(x * pi) + 40.0 * np.sin(x / 3.0 * pi)) * 2.0 / 3.0
    dlon += (150.0 * np.sin(x / 12.0 * pi) + 300.0 * np.sin(x / 30.0 * pi)) * 2.0 / 3.0

    radlat = lat / 180.0 * pi
    magic = 1.0 - _GCJ_EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_GCJ_A * (1.0 - _GCJ_EE)) / (magic * sqrtmagic) * pi)
    dlon = (dlon * 180.0) / (_GCJ_A / sqrtmagic * np.cos(radlat) * pi)
    outside = _outside_china(lon, lat)
    return np.where(outside, 0.0, dlon), np.where(outside, 0.0, dlat)


def _wgs84_to_gcj02_xy(xy: np.ndarray) -> np.ndarray:
    lon, lat = xy[:, 0], xy[:, 1]
    dlon, dlat = _gcj02_offset_deg(lon, lat)
    return np.column_stack([lon + dlon, lat + dlat])


def _gcj02_to_wgs84_xy(xy: np.ndarray) -> np.ndarray:
    # Fixed-point iteration w ← w − (gcj(w) − g): the offset varies slowly (its Jacobian is
    # ~1e-5), so each step gains about five digits; the one-step inverse is only ~1–2 m good.
    target = np.asarray(xy, dtype=float)
    wgs = target.copy()
    for _ in range(_GCJ_INVERSE_MAX_ITERATIONS):
        error = _wgs84_to_gcj02_xy(wgs) - target
        wgs -= error
        if not error.size or np.max(np.abs(error)) < _GCJ_INVERSE_TOLERANCE_DEG:
            break
    return wgs


def wgs84_to_gcj02(geom: BaseGeometry) -> BaseGeometry:
    """The geometry as a Chinese web map (Amap/Gaode, Tencent) draws it: WGS84 → GCJ-02."""
    return shapely.transform(geom, _wgs84_to_gcj02_xy)


def gcj02_to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    """Undo the GCJ-02 offset (iterated to < 1e-9°, i.e. sub-millimetre): GCJ-02 → WGS84."""
    return shapely.transform(geom, _gcj02_to_wgs84_xy)


# --- projections --------------------------------------------------------------------------------
@functools.lru_cache(maxsize=32)
def _transformer(from_epsg: int, to_epsg: int) -> Transformer:
    return Transformer.from_crs(from_epsg, to_epsg, always_xy=True)


def reproject(geom: BaseGeometry, from_epsg: int, to_epsg: int = SRID_STORAGE) -> BaseGeometry:
    """``geom`` transformed from EPSG:``from_epsg`` to EPSG:``to_epsg`` (x = easting/longitude)."""
    if from_epsg == to_epsg:
        return geom
    transformer = _transformer(int(from_epsg), int(to_epsg))

    def _xy(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geom, _xy)
