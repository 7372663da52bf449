"""GEOS's reasons for an invalid polygon become messages in the user's language, keeping the place:
the one translator of every path that checks a shape (registry/domain/geometry_reasons.py)."""
from __future__ import annotations

import gettext
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Polygon

from registry.domain.geometry_reasons import invalid_geometry_message, invalid_reason_message

TRANSLATIONS = Path(__file__).resolve().parents[2] / "registry" / "translations"
chinese = gettext.translation("messages", TRANSLATIONS, languages=["zh_Hans_CN"]).gettext


@pytest.mark.parametrize("reason, english, zh", [
    ("Self-intersection[121.6005 31.2005]", "the boundary crosses itself at 121.6005 31.2005", "边界在 121.6005 31.2005 处自相交"),
    ("Ring Self-intersection[1 2]", "a ring touches itself at 1 2", "边界环在 1 2 处与自身相接"),
    ("Too few points in geometry component[121.62 31.21]", "a ring has fewer than 3 distinct points at 121.62 31.21",
     "边界环在 121.62 31.21 处不足 3 个不同的点"),
    ("Hole lies outside shell[3 4]", "a hole lies outside its polygon at 3 4", "内洞位于所属多边形之外（3 4）"),
    ("Nested shells[5 6]", "one polygon lies inside another at 5 6", "一个多边形位于另一个多边形内部（5 6）"),
    ("Interior is disconnected[7 8]", "the holes cut the polygon into pieces at 7 8", "内洞在 7 8 处把多边形分割成互不相连的几块"),
    ("Invalid Coordinate[nan 31.2]", "a coordinate is not a number at nan 31.2", "nan 31.2 处的坐标不是数值"),
    ("Something new[9 9]", "the polygon is invalid at 9 9", "多边形在 9 9 处无效"),
    ("Something new", "the polygon is invalid", "多边形无效"),
])
def test_geos_reasons_are_translated_with_their_location(reason, english, zh):
    message = invalid_reason_message(reason)
    assert message.render() == english
    assert message.render(chinese) == zh


def test_the_reasons_shapely_gives_are_the_ones_mapped():
    bow_tie = Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)])
    reason = shapely.is_valid_reason(bow_tie)
    assert invalid_reason_message(reason).render() == "the boundary crosses itself at 0.5 0.5"


def test_a_fields_problem_says_the_geometry_is_invalid_and_why_in_the_readers_words():
    message = invalid_geometry_message("Self-intersection[121.6005 31.2005]")
    assert message.render() == "geometry is invalid: the boundary crosses itself at 121.6005 31.2005"
    assert message.render(chinese) == "几何图形无效：边界在 121.6005 31.2005 处自相交"
