"""What the rollup dashboard reads at a million projects (docs/performance.md, "Rollups", 2026-12):
the live view its money from the trigger-kept cells, not by summing the year's projects (≈ 400 ms);
a view as of a moment history once, for the report and the trend together (it summed it three
times: cells, money, trend); a closed year's view its frozen cells, not the whole snapshot with
every project line (21 MB, 2.2 s)."""
from __future__ import annotations

import re

import pytest

from registry.domain.permissions import Actor
from registry.services import rollups
from tests.integration import rollup_data

SUMS = re.compile(r"\bsum\(", re.IGNORECASE)
PROJECT_ROWS = re.compile(r"\b(projects|project_history)\b")


@pytest.fixture
def page(client, login, statements, session):
    rollup_data.load(session)
    login("planner")

    def read(path: str) -> list[str]:
        statements.clear()
        response = client.get(path)
        assert response.status_code == 200
        return [sql for sql, _ in statements]
    return read


def test_the_live_dashboard_sums_no_project_rows(page):
    summing = [s for s in page("/rollups?year=2013") if SUMS.search(s)]
    assert any("rollup_cells" in s for s in summing)
    assert not [s for s in summing if PROJECT_ROWS.search(s)]


def test_the_dashboard_as_of_a_moment_sums_history_once_for_the_report_and_the_trend(page):
    # a moment after the test's rows were written (now): 2013 counts its projects then
    sql = page("/rollups?year=2013&as_of=2099-01-31")
    assert len([s for s in sql if SUMS.search(s) and "project_history" in s]) == 1


def test_a_year_counting_nothing_as_of_a_moment_reads_the_other_rule_then_once_more(page):
    # the note that the other rule counts the year's projects (services/rollups.rule_hint): the one
    # further reading of history, only for a year the rule counts nothing of then; live, no history
    sql = page("/rollups?year=2015&as_of=2099-01-31")
    assert len([s for s in sql if SUMS.search(s) and "project_history" in s]) == 2
    assert not [s for s in page("/rollups?year=2015") if "project_history" in s]


def test_a_closed_years_dashboard_reads_its_frozen_cells_not_its_snapshot(page, session):
    rollups.close_year(session, Actor(None, "admin", "admin"), 2013, "verified")
    sql = page("/rollups?year=2013")
    closures = [s for s in sql if "rollup_closures" in s]
    assert closures and not any(re.search(r"\bsnapshot\b", s) for s in closures), closures
    assert any("rollup_closure_cells" in s for s in sql)
