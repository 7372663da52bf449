"""The project list's count of a text (repositories/project_counts.py): a text of three characters or
more found seldom is counted from its matches' ids in one statement, one found often (a side of its
ids reaching ``FEW``) by reading each project once from the index, as a shorter text is — the same
count either way, for every reader and filter."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event

from registry.repositories import project_counts
from registry.repositories import projects as repo
from registry.services.projects import ProjectFilter
from registry.services.projects.listing import list_criteria
from tests.integration.plans import plan_without_table_scans
from tests.integration.project_data import PUDONG, REVIEWER
from tests.integration.test_list_text_and_lookalikes import READERS, TEXTS, listed, ordered_ids  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("districts", "listed")

FILTERS = (ProjectFilter(), ProjectFilter(district_code="310115"), ProjectFilter(year=2013, kind="motor_upgrade"))


def _statements(session, counted) -> int:
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731 (before_cursor_execute's statement)
    event.listen(session.bind, "before_cursor_execute", listener)
    try:
        counted()
    finally:
        event.remove(session.bind, "before_cursor_execute", listener)
    return len(seen)


@pytest.mark.parametrize("few", [1, 2, project_counts.FEW], ids=["every text common", "two a side", "as served"])
def test_a_texts_count_is_its_lists_length_whichever_way_it_is_counted(session, monkeypatch, few):
    monkeypatch.setattr(project_counts, "FEW", few)
    for actor in READERS:
        for typed in TEXTS:
            for filters in FILTERS:
                criteria = list_criteria(session, actor, replace(filters, text=typed))
                expected = len(ordered_ids(session, repo.list_query(criteria)))
                assert project_counts.count(session, criteria) == expected, (actor.username, typed, filters)


def test_a_long_text_found_seldom_is_counted_from_its_ids_in_one_statement(session, monkeypatch):
    criteria = list_criteria(session, REVIEWER, ProjectFilter(text="化工贸易"))
    assert _statements(session, lambda: project_counts.count(session, criteria)) == 1
    monkeypatch.setattr(project_counts, "FEW", 1)  # now common: its ids reach FEW, the projects are read
    assert _statements(session, lambda: project_counts.count(session, criteria)) == 2


@pytest.mark.parametrize("actor", [REVIEWER, PUDONG], ids=["reviewer", "district staff"])
def test_a_common_long_texts_count_reads_each_project_once_from_the_index(session, actor):
    criteria = list_criteria(session, actor, ProjectFilter(text="电机改造"))  # a trigram's text
    plan = plan_without_table_scans(session, project_counts.count_statement(criteria))
    assert "Index Only Scan using ix_projects_enterprise_readable on projects" in plan, plan
    assert "title_key ~~" in plan.split("Index Only Scan using ix_projects_enterprise_readable", 1)[1], plan
    assert plan.count(" on projects") == 1 and "trgm" not in plan.split("SubPlan")[0], plan
