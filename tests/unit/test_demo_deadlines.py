"""The demo's approved projects plan their completion around the day it is loaded, so the demo
shows overdue projects (逾期未完成) whenever it is loaded, and no other figure of the seed moves."""
from __future__ import annotations

from datetime import date

from registry.domain.deadlines import overdue_days
from registry.services.demo import build_demo_dataset

TODAY = date(2026, 12, 5)


def test_one_in_three_approved_demo_projects_is_overdue_the_others_due_ahead():
    # the browser tests' demo (600 parcels, 120 projects)
    projects = build_demo_dataset(parcels=600, projects=120, today=TODAY).projects
    approved = {p.reference: overdue_days(p.status, p.planned_completion, TODAY) for p in projects if p.status == "approved"}
    # the same approved projects as before their plans moved: the seed's draws are untouched
    assert approved == {"2017-310113-0001": None, "2017-310112-0001": 45, "2017-310110-0001": None}
    assert all(p.planned_completion > TODAY for p in projects if p.status == "approved" and approved[p.reference] is None)
    # the others plan to finish with their year, as before
    assert {p.planned_completion == date(p.year, 12, 31) for p in projects if p.status != "approved"} == {True}
