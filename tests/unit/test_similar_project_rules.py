"""What a project started from another takes (domain/similar_projects.py): the next year, the title
without the source's year, the planned completion a year later, the savings document of the new
year, the parcels it may still use; and who may start one (domain/permissions.py)."""
from __future__ import annotations

from datetime import date

import pytest

from registry.domain.errors import DistrictRef, PermissionDenied
from registry.domain.permissions import Actor, may_register_similar, require_register_similar
from registry.domain.similar_projects import (
    PARCEL_ELSEWHERE, PARCEL_NOT_IN_USE, PARCEL_RETIRED, carried_inputs, moved_by_years, next_year,
    parcel_left_out, title_without_year,
)

PUDONG = Actor(None, "pudong", "district_staff", "310115")
ADMIN = Actor(None, "admin", "admin")


@pytest.mark.parametrize(("title", "expected"), [
    ("2013年高效电机改造", "高效电机改造"),
    ("2013年度第二批电机改造", "第二批电机改造"),
    ("锅炉改造（2013）", "锅炉改造"),
    ("锅炉改造(2013 年)", "锅炉改造"),
    ("上海某厂2013年锅炉改造", "上海某厂锅炉改造"),
    ("2013 boiler replacement", "boiler replacement"),
    ("Boiler 2013 replacement", "Boiler replacement"),
    ("Boiler replacement, 2013", "Boiler replacement"),
    # left as they are: no year, another year, a year inside a number or a range, nothing else
    ("电机改造", "电机改造"),
    ("2014年电机改造", "2014年电机改造"),
    ("改造批次201301", "改造批次201301"),
    ("2012-2013年锅炉改造", "2012-2013年锅炉改造"),
    ("2013至2015年节能改造", "2013至2015年节能改造"),
    ("2013年", "2013年"),
])
def test_the_title_loses_the_year_it_names(title, expected):
    assert title_without_year(title, 2013) == expected


def test_the_year_proposed_is_the_next_and_the_plan_moves_with_it():
    assert next_year(2013) == 2014 and next_year(2100) == 2100
    assert moved_by_years(date(2013, 12, 31), 1) == date(2014, 12, 31)
    assert moved_by_years(date(2016, 2, 29), 1) == date(2017, 2, 28)
    assert moved_by_years(None, 1) is None


def test_the_savings_document_is_the_new_years_and_the_sources_stays_as_it_was():
    source = {"kind": "motor_upgrade", "year": 2013, "motors": [{"count": 1, "rated_kw": 55}]}
    carried = carried_inputs(source, 2013, 2014)
    assert carried == {"kind": "motor_upgrade", "year": 2014, "motors": [{"count": 1, "rated_kw": 55}]}
    carried["motors"][0]["count"] = 2
    assert source["year"] == 2013 and source["motors"][0]["count"] == 1


def test_an_exits_default_baseline_follows_the_year_and_another_moves_with_it():
    exit_2013 = {"kind": "structural_adjustment", "year": 2013, "baseline_year": 2012, "energy_use": []}
    assert "baseline_year" not in carried_inputs(exit_2013, 2013, 2014)  # the parser's and wizard's default: 2013
    older = exit_2013 | {"baseline_year": 2010}
    assert carried_inputs(older, 2013, 2014)["baseline_year"] == 2011


def test_a_parcel_is_taken_while_in_use_and_in_the_district():
    assert parcel_left_out("in_use", False, "310115", "310115", district_staff=True) is None
    assert parcel_left_out("in_use", True, "310115", "310115", True).msgid == PARCEL_RETIRED
    freed = parcel_left_out("freed", False, "310115", "310115", True)
    assert freed.msgid == PARCEL_NOT_IN_USE and freed.render() == "no longer in use (Freed)"
    elsewhere = parcel_left_out("in_use", False, "310112", "310115", True)
    assert elsewhere.msgid == PARCEL_ELSEWHERE and elsewhere.params["district"] == DistrictRef("310112")
    # an administrator's save takes a parcel of another district: so does the template
    assert parcel_left_out("in_use", False, "310112", "310115", district_staff=False) is None


def test_district_staff_start_from_their_districts_projects_administrators_from_any():
    assert may_register_similar(PUDONG, "310115") and may_register_similar(ADMIN, "310112")
    assert not may_register_similar(PUDONG, "310112")
    assert not may_register_similar(Actor(None, "reviewer", "city_reviewer"), "310115")
    require_register_similar(PUDONG, "310115", "2013-310115-0001")
    with pytest.raises(PermissionDenied) as refused:
        require_register_similar(PUDONG, "310112", "2013-310112-0001")
    assert refused.value.render() == ("Project 2013-310112-0001 belongs to 310112: district staff of 310115 register "
                                      "similar projects of their own district only.")
    with pytest.raises(PermissionDenied, match="Your role may not do this"):
        require_register_similar(Actor(None, "planner", "planner"), "310115", "2013-310115-0001")
