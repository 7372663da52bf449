"""The demo's dates make sense on the day it is loaded, and each project's land is one site.

A 2017 project still awaiting review in 2026 had been planned to finish on 2017-12-31: approved, it
showed 逾期 3,263 天; and an exit's parcels lay in different zones, ~10 km apart. The demo's programme
years are history (verified projects), its work in progress the current year's, dated around the load.
"""
from __future__ import annotations

from datetime import date
from itertools import combinations

import pytest
import shapely

from geo.synth import distances_m
from registry.domain.deadlines import overdue_days
from registry.services.demo import build_demo_dataset
from registry.services.demo.dates import current_year
from registry.services.demo.parcels import MAX_APART_M
from registry.services.demo.projects import YEARS

TODAY = date(2026, 12, 7)
OPEN = ("draft", "submitted", "returned", "approved", "completed")


@pytest.fixture(scope="module")
def demo():
    return build_demo_dataset(today=TODAY)  # what `registry demo load` gives (3,000 parcels, 600 projects)


def test_no_approved_project_is_overdue_by_more_than_weeks_and_some_are(demo):
    late = [overdue_days(p.status, p.planned_completion, TODAY) for p in demo.projects if p.status == "approved"]
    assert [days for days in late if days] and max(days or 0 for days in late) <= 90, late
    assert max(days or 0 for p in demo.projects for days in [overdue_days(p.status, p.planned_completion, TODAY)]) <= 365


def test_approving_a_project_awaiting_review_today_does_not_make_it_overdue(demo):
    waiting = [p for p in demo.projects if p.status in ("draft", "submitted", "returned")]
    assert waiting and all(overdue_days("approved", p.planned_completion, TODAY) is None for p in waiting)


def test_work_in_progress_is_this_years_and_the_programme_years_are_closed(demo):
    by_status = {(p.year, p.status == "verified") for p in demo.projects}
    assert by_status == {(year, True) for year in YEARS} | {(2026, False)}
    assert {p.status for p in demo.projects} == {"verified", *OPEN}


def test_every_date_lies_in_or_after_its_project_s_year_and_none_in_the_future(demo):
    for p in demo.projects:
        start = date(p.year, 1, 1)
        assert p.planned_completion >= start and p.inputs["year"] == p.year, p
        assert p.inputs.get("baseline_year", p.year - 1) == p.year - 1
        assert p.reference.startswith(f"{p.year}-{p.district_code}-")
        if p.completed_on:
            assert start <= p.completed_on <= TODAY and abs((p.completed_on - p.planned_completion).days) <= 366, p
        if p.verified_on:
            assert p.completed_on < p.verified_on <= TODAY, p
    assert len({p.reference for p in demo.projects}) == len(demo.projects)


def test_a_demo_loaded_early_in_a_year_keeps_its_work_in_the_year_before():
    # on 20 January the overdue projects planned weeks before lie in the old year: their work is its
    assert current_year(date(2027, 1, 20)) == 2026 and current_year(date(2027, 6, 1)) == 2027
    today = date(2027, 1, 20)
    projects = build_demo_dataset(parcels=600, projects=120, today=today).projects
    assert all(p.planned_completion >= date(p.year, 1, 1) and (p.completed_on or today) >= date(p.year, 1, 1)
               for p in projects)


def test_each_project_s_parcels_lie_within_a_few_hundred_metres_of_each_other_inside_its_district(demo):
    outlines = {p.code: p.geometry for p in demo.parcels}
    districts = {d.code: d.geometry for d in demo.districts}
    several = 0
    for project in demo.projects:
        parcels = [outlines[code] for code in project.parcel_codes]
        for a, b in combinations(parcels, 2):
            assert distances_m(a, [b])[0] <= MAX_APART_M, project.reference
        district = shapely.buffer(districts[project.district_code], 1e-4)  # ~10 m: the outline's simplification
        assert all(district.contains(parcel) for parcel in parcels), project.reference
        several += len(parcels) > 1
    assert several >= 50  # exits still hold several parcels

