"""Cutting a parcel along a drawn line (geo.cutting): what a planner's split on the map makes."""
from shapely.geometry import LineString, MultiLineString, MultiPolygon, box

from geo.cutting import cut_along, cuts_something

SQUARE = box(121.0, 31.0, 121.002, 31.002)


def test_a_line_across_a_parcel_cuts_it_in_two_that_cover_it_exactly():
    pieces = cut_along(SQUARE, LineString([(121.001, 30.999), (121.001, 31.003)]))
    assert len(pieces) == 2 and cuts_something(SQUARE, pieces)
    assert sorted(round(p.area / SQUARE.area, 6) for p in pieces) == [0.5, 0.5]
    assert pieces[0].union(pieces[1]).symmetric_difference(SQUARE).area < 1e-15


def test_a_bent_line_crossing_twice_cuts_three_pieces():
    zigzag = LineString([(120.999, 31.0005), (121.003, 31.0005), (121.003, 31.0015), (120.999, 31.0015)])
    assert len(cut_along(SQUARE, zigzag)) == 3


def test_a_line_that_stops_inside_the_parcel_cuts_nothing():
    pieces = cut_along(SQUARE, LineString([(121.001, 30.999), (121.001, 31.001)]))
    assert len(pieces) == 1 and pieces[0].equals(SQUARE) and not cuts_something(SQUARE, pieces)


def test_a_line_beside_the_parcel_cuts_nothing():
    assert not cuts_something(SQUARE, cut_along(SQUARE, LineString([(121.01, 30.9), (121.01, 31.1)])))


def test_each_polygon_of_a_parcel_is_cut_on_its_own_and_one_the_line_misses_stays_whole():
    other = box(121.01, 31.0, 121.012, 31.002)
    parcel = MultiPolygon([SQUARE, other])
    pieces = cut_along(parcel, MultiLineString([[(121.001, 30.999), (121.001, 31.003)]]))
    assert len(pieces) == 3 and cuts_something(parcel, pieces)
    assert any(p.equals(other) for p in pieces)
