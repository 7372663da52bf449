"""Which projects are overdue (逾期未完成), and by how many days (domain/deadlines.overdue_days)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from registry import clock
from registry.domain.deadlines import OVERDUE_STATUSES, overdue_days
from registry.domain.vocabulary import PROJECT_STATUSES

TODAY = date(2026, 12, 5)


def test_an_approved_project_is_overdue_from_the_day_after_its_planned_completion():
    assert overdue_days("approved", TODAY, TODAY) is None  # planned today: it may still be completed today
    assert overdue_days("approved", TODAY - timedelta(days=1), TODAY) == 1
    assert overdue_days("approved", date(2026, 10, 1), TODAY) == 65
    assert overdue_days("approved", date(2017, 12, 31), TODAY) == 3261
    assert overdue_days("approved", TODAY + timedelta(days=1), TODAY) is None


def test_a_project_without_a_planned_completion_is_never_overdue():
    assert overdue_days("approved", None, TODAY) is None


@pytest.mark.parametrize("status", sorted(set(PROJECT_STATUSES) - {"approved"}))
def test_only_approved_projects_are_overdue_not_plans_under_review_nor_projects_done(status):
    # submitted: the city has not accepted the plan yet; completed/verified: done, late or not
    assert overdue_days(status, date(2016, 12, 31), TODAY) is None


def test_the_statuses_are_the_vocabularys():
    assert OVERDUE_STATUSES == {"approved"} and OVERDUE_STATUSES <= set(PROJECT_STATUSES)


def test_today_is_shanghais_day_not_the_servers():
    # 20:30 UTC on 4 December is already 5 December in Shanghai: a plan of the 4th is a day late
    with clock.frozen_at(datetime.fromisoformat("2026-12-04T20:30:00+00:00")):
        assert overdue_days("approved", date(2026, 12, 4), clock.today()) == 1


def test_the_days_are_said_as_the_reader_reads_them():
    from registry.domain.deadlines import overdue_note, overdue_notice
    from registry.i18n import presenter

    english = presenter("en")
    assert overdue_note(1).render(show=english) == "1 day overdue"
    assert overdue_note(3261).render(show=english) == "3,261 days overdue"
    assert overdue_notice(date(2026, 10, 1), 65).render(show=english) == (
        "Planned to be completed on Oct 1, 2026: 65 days overdue.")
