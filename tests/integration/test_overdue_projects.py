"""Overdue projects (逾期未完成) on a real PostGIS: the list's filter and its days, the to-do count
that is the list's, and the export that carries the filter (domain/deadlines.py for the rule)."""
from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from registry import clock
from registry.catalogues import translator
from registry.services import overview
from registry.services import projects as svc
from registry.services.project_exports import export_projects
from registry.services.projects.filters import filter_params, parse_project_filter
from tests.integration.project_data import MINHANG, OVERDUE_TODAY, PLANNER, PUDONG, REVIEWER, overdue_set

pytestmark = pytest.mark.usefixtures("districts")
TODAY = OVERDUE_TODAY


@pytest.fixture
def projects(session):
    return overdue_set(session)


def _listed(session, actor, **filters) -> dict[int, int | None]:
    page = svc.list_projects(session, actor, svc.ProjectFilter(**filters))
    return {item.id: item.overdue_days for item in page.items}


def test_the_filter_lists_the_approved_projects_past_their_planned_completion_with_their_days(session, projects):
    with clock.frozen_at(TODAY):
        assert _listed(session, REVIEWER, overdue=True) == {projects["late"]: 1, projects["minhang"]: 158}
        assert _listed(session, REVIEWER, overdue=True, district_code="310115") == {projects["late"]: 1}
        assert _listed(session, REVIEWER, overdue=True, status="submitted") == {}  # a plan under review is not late
        assert svc.count_projects(session, REVIEWER, svc.ProjectFilter(overdue=True)) == 2
        # the unfiltered list marks the same rows, and only those
        marked = {i: d for i, d in _listed(session, REVIEWER, page_size=50).items() if d is not None}
        assert marked == {projects["late"]: 1, projects["minhang"]: 158}
        assert svc.get_project(session, REVIEWER, projects["late"]).overdue_days == 1
        assert svc.get_project(session, REVIEWER, projects["due_today"]).overdue_days is None


def test_a_plan_due_today_is_overdue_from_tomorrow_in_shanghai(session, projects):
    # 16:30 UTC on 5 December is half past midnight on the 6th in Shanghai
    with clock.frozen_at(datetime.fromisoformat("2026-12-05T16:30:00+00:00")):
        assert _listed(session, REVIEWER, overdue=True) == {
            projects["late"]: 2, projects["due_today"]: 1, projects["minhang"]: 159}


def test_the_to_do_counts_what_the_list_it_opens_counts_for_each_reader(session, projects):
    with clock.frozen_at(TODAY):
        for actor, district, expected in ((PUDONG, "310115", 1), (MINHANG, "310112", 1), (REVIEWER, None, 2)):
            todo = overview.todo(session, actor)
            listed = svc.list_projects(session, actor, svc.ProjectFilter(district_code=district, overdue=True))
            assert todo.overdue_projects == listed.total == expected, actor.username
        assert overview.todo(session, PLANNER).overdue_projects == 0  # planners follow land, not completions
        # district staff read the other districts' approved projects too: the list without a district has both
        assert set(_listed(session, PUDONG, overdue=True)) == {projects["late"], projects["minhang"]}


def test_the_export_carries_the_filter_and_says_so(session, projects):
    filters = parse_project_filter({"overdue": "1", "sort": "reference", "dir": "asc"})
    assert filter_params(filters)["overdue"] == "1"  # the list's export link keeps it
    out = io.BytesIO()
    with clock.frozen_at(TODAY):
        export_projects(session, REVIEWER, filters, "csv", out, translator("zh_Hans_CN"))
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
    assert sorted(r["项目名称"] for r in rows) == ["逾期一天", "闵行逾期"]
    out = io.BytesIO()
    with clock.frozen_at(TODAY):
        export_projects(session, REVIEWER, filters, "xlsx", out, translator("zh_Hans_CN"))
    about = [tuple(row) for row in load_workbook(io.BytesIO(out.getvalue()))["说明"].iter_rows(values_only=True)]
    assert ("逾期未完成", "是") in [row[:2] for row in about]
