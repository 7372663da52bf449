"""The demo's years and dates, coherent with each other and with the day the demo is loaded.

The demo's programme years (2013–2017, the seed documents' targets) are history: a project of them
is verified, completed in its year and verified weeks later, planned to finish with its year. Its
work in progress — drafts, submitted, returned and approved projects, completed ones awaiting
verification — is the current year's (``current_year``), its dates around the day of the load. A
2017 project still awaiting review in 2026 had been planned to finish on 2017-12-31, and approving
it made it 逾期 3,263 天 (``domain.deadlines``); one completed in 2014 waited twelve years for
verification. Taken without the random generator, so every other figure of a seed stays.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from registry.services.records import ProjectRecord

CLOSED = "verified"  # the one status that ends the workflow: the others are work in progress
# The work in progress is the year of this many days before the load: in its first months a year's
# work is still the last year's, so no date of it falls before its year.
YEAR_LAG_DAYS = 100
OVERDUE_DAYS = (10, 30, 50, 70, 90)  # an overdue approved project is weeks late, not years
DUE_IN_DAYS = tuple(range(30, 331, 30))  # the others are due within the year ahead
PLANNED_AFTER_REVIEW_DAYS = tuple(range(60, 331, 30))  # drafts, submitted, returned: after a review
COMPLETED_AGO_DAYS = (5, 15, 25, 35, 45, 55)  # completions awaiting verification are recent
COMPLETED_AGAINST_PLAN_DAYS = (-20, 0, 20)  # finished early, on the day, late


def current_year(today: date) -> int:
    """The year the demo's work in progress belongs to."""
    return (today - timedelta(days=YEAR_LAG_DAYS)).year


def dated(projects: list[ProjectRecord], today: date) -> list[ProjectRecord]:
    """``projects`` with the work in progress moved to the current year and dated around ``today``,
    then numbered per year and district (2026-310115-0001). Of the approved ones, every third (the
    second, the fifth …) is overdue (逾期未完成) by weeks, so the demo shows some whenever it is loaded."""
    year = current_year(today)
    placed, seen = [], defaultdict(int)
    for project in projects:
        if project.status != CLOSED:
            nth = seen[project.status]
            seen[project.status] += 1
            project = _in_progress(project, year, today, nth)
        placed.append(project)
    return _numbered(placed)


def _in_progress(project: ProjectRecord, year: int, today: date, nth: int) -> ProjectRecord:
    """``project``, the ``nth`` of its status, as this year's work with its dates around ``today``."""
    inputs = dict(project.inputs, year=year)
    if "baseline_year" in inputs:
        inputs["baseline_year"] = year - 1
    completed = None
    if project.status == "approved":
        late = nth % 3 == 1
        planned = today - timedelta(days=OVERDUE_DAYS[nth // 3 % len(OVERDUE_DAYS)]) if late \
            else today + timedelta(days=DUE_IN_DAYS[nth % len(DUE_IN_DAYS)])
    elif project.status == "completed":
        completed = today - timedelta(days=COMPLETED_AGO_DAYS[nth % len(COMPLETED_AGO_DAYS)])
        planned = completed - timedelta(days=COMPLETED_AGAINST_PLAN_DAYS[nth % len(COMPLETED_AGAINST_PLAN_DAYS)])
    else:
        planned = today + timedelta(days=PLANNED_AFTER_REVIEW_DAYS[nth % len(PLANNED_AFTER_REVIEW_DAYS)])
    return replace(project, year=year, inputs=inputs, planned_completion=planned, completed_on=completed,
                   verified_on=None)


def _numbered(projects: list[ProjectRecord]) -> list[ProjectRecord]:
    numbers: dict[tuple[int, str], int] = defaultdict(int)
    placed = []
    for project in projects:
        numbers[(project.year, project.district_code)] += 1
        number = numbers[(project.year, project.district_code)]
        placed.append(replace(project, reference=f"{project.year}-{project.district_code}-{number:04d}"))
    return placed
