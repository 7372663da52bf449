"""geo.geometry: geodesic area, MultiPolygon coercion, repair, GCJ-02 and reprojection."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from tests.data import GCJ02_DISTRICTS, WGS84_DISTRICTS
from shapely import wkt
from shapely.geometry import MultiPolygon, Point, Polygon, box, shape

from geo.geometry import (
    SRID_CGCS2000,
    SRID_STORAGE,
    SRID_WEB_MERCATOR,
    as_multipolygon,
    explain_invalid,
    gcj02_to_wgs84,
    geodesic_area_m2,
    repair,
    reproject,
    wgs84_to_gcj02,
)

FIXTURES = {"shanghai_districts_wgs84.geojson": WGS84_DISTRICTS, "shanghai_districts_gcj02.geojson": GCJ02_DISTRICTS}
BOW_TIE = "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"
SQUARE_WITH_HOLE = ("POLYGON ((121 31, 121.01 31, 121.01 31.01, 121 31.01, 121 31), "
                    "(121.004 31.004, 121.004 31.006, 121.006 31.006, 121.006 31.004, 121.004 31.004))")
PEOPLES_SQUARE = (121.4737, 31.2304)
WGS84_GEOD = Geod(ellps="WGS84")


def _load(name: str) -> list[tuple[int, MultiPolygon]]:
    features = json.loads((FIXTURES[name]).read_text(encoding="utf-8"))["features"]
    return [(f["properties"]["adcode"], shape(f["geometry"])) for f in features]


@pytest.fixture(scope="module")
def wgs84_districts() -> list[tuple[int, MultiPolygon]]:
    return _load("shanghai_districts_wgs84.geojson")


@pytest.fixture(scope="module")
def gcj02_districts() -> list[tuple[int, MultiPolygon]]:
    return _load("shanghai_districts_gcj02.geojson")


def _ellipsoidal_box_area_m2(lon0: float, lat0: float, lon1: float, lat1: float) -> float:
    """Worked example: area between two meridians and two parallels on the WGS84 ellipsoid,
    Δλ · (S(φ1) − S(φ0)) with S(φ) = b²/2 · (sinφ/(1 − e²sin²φ) + artanh(e·sinφ)/e)."""
    a, f = 6378137.0, 1 / 298.257223563
    e2 = f * (2 - f)
    e, b = math.sqrt(e2), a * (1 - f)

    def zone(lat: float) -> float:
        s = math.sin(math.radians(lat))
        return b * b / 2 * (s / (1 - e2 * s * s) + math.atanh(e * s) / e)

    return math.radians(lon1 - lon0) * (zone(lat1) - zone(lat0))


def test_srid_constants() -> None:
    assert (SRID_STORAGE, SRID_CGCS2000, SRID_WEB_MERCATOR) == (4326, 4490, 3857)


def test_geodesic_area_of_a_small_box_matches_the_ellipsoidal_formula() -> None:
    expected = _ellipsoidal_box_area_m2(121.0, 31.0, 121.01, 31.01)
    assert expected == pytest.approx(1_058_796.2, abs=0.1)  # ≈ 1.06 km² ≈ 1,588 亩
    assert geodesic_area_m2(box(121.0, 31.0, 121.01, 31.01)) == pytest.approx(expected, rel=1e-6)


def test_geodesic_area_ignores_ring_orientation_and_subtracts_holes() -> None:
    outer = box(121.0, 31.0, 121.01, 31.01)
    clockwise = shapely.reverse(outer)
    assert geodesic_area_m2(clockwise) == pytest.approx(geodesic_area_m2(outer), rel=1e-12)

    hole = box(121.004, 31.004, 121.006, 31.006)
    with_hole = wkt.loads(SQUARE_WITH_HOLE)
    assert geodesic_area_m2(with_hole) == pytest.approx(
        geodesic_area_m2(outer) - geodesic_area_m2(hole), rel=1e-9)

    # Parts drawn in opposite directions add up instead of cancelling.
    far = box(121.1, 31.0, 121.11, 31.01)
    mixed = MultiPolygon([outer, shapely.reverse(far)])
    assert geodesic_area_m2(mixed) == pytest.approx(
        geodesic_area_m2(outer) + geodesic_area_m2(far), rel=1e-9)


def test_geodesic_area_is_zero_for_lines_points_and_empties() -> None:
    assert geodesic_area_m2(wkt.loads("LINESTRING (121 31, 121.1 31.1)")) == 0.0
    assert geodesic_area_m2(Point(121, 31)) == 0.0
    assert geodesic_area_m2(Polygon()) == 0.0


def test_geodesic_area_of_districts_close_to_their_published_spherical_area() -> None:
    features = json.loads((WGS84_DISTRICTS).read_text())["features"]
    for feature in features:
        area_km2 = geodesic_area_m2(shape(feature["geometry"])) / 1e6
        # The file's area_km2 is spherical; the ellipsoid differs by a few tenths of a percent.
        assert area_km2 == pytest.approx(feature["properties"]["area_km2"], rel=5e-3)


def test_as_multipolygon_wraps_a_polygon() -> None:
    result = as_multipolygon(box(0, 0, 1, 1))
    assert isinstance(result, MultiPolygon)
    assert len(result.geoms) == 1 and result.area == 1.0


def test_as_multipolygon_keeps_only_the_polygons_of_a_collection() -> None:
    collection = wkt.loads("GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)), "
                           "LINESTRING (5 5, 6 6), POINT (9 9), "
                           "MULTIPOLYGON (((2 2, 3 2, 3 3, 2 2))))")
    result = as_multipolygon(collection)
    assert isinstance(result, MultiPolygon)
    assert len(result.geoms) == 2 and result.area == pytest.approx(1.0)


def test_as_multipolygon_dissolves_parts_that_share_an_edge() -> None:
    collection = shapely.GeometryCollection([box(0, 0, 1, 1), box(1, 0, 2, 1)])
    result = as_multipolygon(collection)
    assert result.is_valid and result.area == pytest.approx(2.0)


@pytest.mark.parametrize("geom", ["LINESTRING (0 0, 1 1)", "POINT (1 1)", "POLYGON EMPTY",
                                  "GEOMETRYCOLLECTION (LINESTRING (0 0, 1 1))"])
def test_as_multipolygon_rejects_geometries_without_area(geom: str) -> None:
    with pytest.raises(ValueError, match="no area"):
        as_multipolygon(wkt.loads(geom))


def test_bow_tie_is_explained_and_repaired_into_two_triangles() -> None:
    bow_tie = wkt.loads(BOW_TIE)
    reason = explain_invalid(bow_tie)
    assert reason is not None and "Self-intersection" in reason

    fixed = repair(bow_tie)
    assert isinstance(fixed, MultiPolygon) and fixed.is_valid
    assert len(fixed.geoms) == 2
    assert fixed.area == pytest.approx(0.5)  # two triangles of 0.25 each


def test_valid_geometry_has_no_explanation_and_survives_repair() -> None:
    square = box(121.0, 31.0, 121.01, 31.01)
    assert explain_invalid(square) is None
    assert repair(square).equals(MultiPolygon([square]))


def test_repair_of_a_collapsed_ring_raises() -> None:
    with pytest.raises(ValueError):
        repair(wkt.loads("POLYGON ((0 0, 1 1, 2 2, 0 0))"))


def test_gcj02_offset_in_shanghai_is_about_440_m_east_210_m_south() -> None:
    moved = wgs84_to_gcj02(Point(*PEOPLES_SQUARE))
    lon, lat = PEOPLES_SQUARE
    _, _, east_m = WGS84_GEOD.inv(lon, lat, moved.x, lat)
    _, _, south_m = WGS84_GEOD.inv(lon, lat, lon, moved.y)
    assert moved.x > lon and moved.y < lat
    assert 400 < east_m < 480 and 180 < south_m < 240


def test_gcj02_leaves_points_outside_china_alone() -> None:
    paris = Point(2.3522, 48.8566)
    assert wgs84_to_gcj02(paris).equals(paris)
    assert gcj02_to_wgs84(paris).equals(paris)


def test_gcj02_file_converts_to_the_wgs84_file_within_a_metre(wgs84_districts, gcj02_districts) -> None:
    assert [code for code, _ in wgs84_districts] == [code for code, _ in gcj02_districts]
    worst_m = 0.0
    for (_, wgs84), (_, gcj02) in zip(wgs84_districts, gcj02_districts):
        expected = shapely.get_coordinates(wgs84)
        converted = shapely.get_coordinates(gcj02_to_wgs84(gcj02))
        assert converted.shape == expected.shape
        _, _, distance_m = WGS84_GEOD.inv(expected[:, 0], expected[:, 1],
                                          converted[:, 0], converted[:, 1])
        worst_m = max(worst_m, float(np.max(distance_m)))
    # Both files are rounded to 1e-6° (~0.1 m); the conversion itself is sub-millimetre.
    assert worst_m < 1.0


def test_wgs84_gcj02_round_trip_is_exact_to_1e_7_degrees(wgs84_districts) -> None:
    for _, district in wgs84_districts:
        back = gcj02_to_wgs84(wgs84_to_gcj02(district))
        error = np.abs(shapely.get_coordinates(back) - shapely.get_coordinates(district))
        assert error.max() < 1e-7


@settings(max_examples=200, deadline=None)
@given(lon=st.floats(73.0, 135.0), lat=st.floats(1.0, 55.0))
def test_gcj02_inverse_undoes_the_forward_offset_anywhere_in_china(lon: float, lat: float) -> None:
    back = gcj02_to_wgs84(wgs84_to_gcj02(Point(lon, lat)))
    assert abs(back.x - lon) < 1e-9 and abs(back.y - lat) < 1e-9


def test_gcj02_conversion_keeps_geometry_type_and_validity(wgs84_districts) -> None:
    _, pudong = next(d for d in wgs84_districts if d[0] == 310115)
    converted = wgs84_to_gcj02(pudong)
    assert isinstance(converted, MultiPolygon) and converted.is_valid
    assert geodesic_area_m2(converted) == pytest.approx(geodesic_area_m2(pudong), rel=1e-3)


def test_reproject_to_web_mercator_and_back() -> None:
    lon, lat = PEOPLES_SQUARE
    mercator = reproject(Point(lon, lat), SRID_STORAGE, SRID_WEB_MERCATOR)
    assert mercator.x == pytest.approx(lon * 20037508.342789244 / 180.0, abs=1e-3)
    assert mercator.y == pytest.approx(
        6378137.0 * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)), abs=1e-3)
    back = reproject(mercator, SRID_WEB_MERCATOR)
    assert back.x == pytest.approx(lon, abs=1e-9) and back.y == pytest.approx(lat, abs=1e-9)


def test_reproject_cgcs2000_is_practically_wgs84() -> None:
    square = box(121.0, 31.0, 121.01, 31.01)
    moved = reproject(square, SRID_CGCS2000, SRID_STORAGE)
    assert np.abs(shapely.get_coordinates(moved) - shapely.get_coordinates(square)).max() < 1e-6


def test_reproject_to_the_same_crs_returns_the_geometry() -> None:
    square = box(0, 0, 1, 1)
    assert reproject(square, SRID_STORAGE, SRID_STORAGE) is square


def test_coordinates_2d_drops_z_and_m_from_every_position():
    from geo.geometry import coordinates_2d

    ring = [[121.6, 31.2, 5], [121.61, 31.2, 5, 9], [121.61, 31.21], [121.6, 31.2, 5]]
    assert coordinates_2d([ring]) == [[[121.6, 31.2], [121.61, 31.2], [121.61, 31.21], [121.6, 31.2]]]
    assert coordinates_2d("abc") == "abc" and coordinates_2d([]) == []


def test_swapped_latitude_and_longitude_are_recognised_near_shanghai():
    from geo.geometry import coordinates_in_range, looks_swapped

    square = box(121.62, 31.21, 121.63, 31.22)
    swapped = box(31.21, 121.62, 31.22, 121.63)
    assert looks_swapped(swapped) and not coordinates_in_range(swapped)
    assert not looks_swapped(square) and coordinates_in_range(square)
    assert not looks_swapped(box(116.4, 39.9, 116.41, 39.91))  # Beijing: outside, but not swapped


def test_fewest_shell_points_counts_distinct_points():
    from geo.geometry import fewest_shell_points

    two = Polygon([(121.62, 31.21), (121.621, 31.211), (121.62, 31.21)])
    assert fewest_shell_points(two) == 2
    assert fewest_shell_points(MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)])) == 4
