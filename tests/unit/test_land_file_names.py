"""A land download's file name says the districts and completion years it holds (it read
freed-land-2026-12-07 whatever the filters: a day's filtered downloads all got one name)."""
from __future__ import annotations

import pytest

from registry.domain.freed_land import download_stem, parse_land_query


@pytest.mark.parametrize("args, stem", [
    ({}, "freed-land"),
    ({"district": ["310115"]}, "freed-land-310115"),
    ({"district": ["310115", "310112"]}, "freed-land-310112-310115"),
    ({"district": ["310101,310104,310105,310106"]}, "freed-land-4-districts"),
    ({"year_from": ["2015"], "year_to": ["2020"]}, "freed-land-2015-2020"),
    ({"year_from": ["2018"], "year_to": ["2018"]}, "freed-land-2018"),
    ({"year_from": ["2018"]}, "freed-land-from-2018"),
    ({"year_to": ["2018"]}, "freed-land-to-2018"),
    ({"district": ["310115"], "year_from": ["2015"], "land_use": ["M1"]}, "freed-land-310115-from-2015-filtered"),
    ({"zone_kind": ["block_104"]}, "freed-land-filtered"),
    ({"area_min": ["10"], "area_unit": ["mu"]}, "freed-land-filtered"),
    ({"sort": ["-area_m2"], "limit": ["50"], "offset": ["50"]}, "freed-land"),  # the order and page change no content
])
def test_the_stem_names_districts_and_years_and_says_when_other_filters_narrow_it(args, stem):
    assert download_stem("freed-land", parse_land_query(args)) == stem
