"""A district named in the search box: by its Chinese name whole or short, its English name, its code."""
from __future__ import annotations

import pytest

from registry.domain.district_search import districts_named
from registry.domain.search import parse_search

DISTRICTS = {"310112": ("闵行区", "Minhang"), "310115": ("浦东新区", "Pudong New Area"),
             "310106": ("静安区", "Jing'an"), "310113": ("宝山区", "Baoshan")}


@pytest.mark.parametrize("typed, codes", [
    ("闵行", ["310112"]), ("闵行区", ["310112"]), ("  闵行区 ", ["310112"]), ("Minhang", ["310112"]),
    ("MINHANG district", ["310112"]), ("ｍｉｎｈａｎｇ", ["310112"]), ("310112", ["310112"]),
    ("浦东新区", ["310115"]), ("浦东", ["310115"]), ("pudong new area", ["310115"]), ("Pudong", ["310115"]),
    ("Jing'an", ["310106"]), ("jingan", ["310106"]), ("静安", ["310106"]),
    ("上海市闵行区", ["310112"]),
])
def test_a_district_is_found_by_any_of_its_names(typed, codes):
    assert districts_named(parse_search(typed), DISTRICTS) == codes


@pytest.mark.parametrize("typed", ["区", "闵", "行区", "Min", "hang", "3101", "31011", "宝钢", "新区", "Pudong Baoshan",
                                   "2013-310112-0042", "上海"])
def test_a_part_of_a_name_or_another_text_names_no_district(typed):
    assert districts_named(parse_search(typed), DISTRICTS) == []
