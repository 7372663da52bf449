"""Migrations 0037 and 0045: the possible duplicates' grouping (``project_checks.possibly_duplicated``,
the data-quality count and the project list's ``check=possible_duplicates``) reads its groups from the
totals the database keeps (0045; before, from the projects' index of 0037 — the enterprise, the year,
the kind and what ``visible_projects`` asks of district staff), not each project's row
(docs/performance.md, "The data-quality page", "The lookalikes' groups kept")."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.models import Project
from registry.repositories.project_checks import possibly_duplicated
from registry.repositories.search import visible_projects
from registry.services import projects as svc
from tests.integration.plans import plan_without_table_scans
from tests.integration.project_data import PUDONG, draft

pytestmark = pytest.mark.usefixtures("districts")


@pytest.mark.parametrize("visible_district", [None, "310115"], ids=["the city", "district staff"])
def test_the_possible_duplicates_grouping_reads_the_index_not_the_projects_rows(session, visible_district):
    for title in ("高效电机改造", "高效电机改造（重复）"):
        svc.register_project(session, PUDONG, draft(title=title, new_parcels=()))
    readable = [] if (visible := visible_projects(visible_district)) is None else [visible]
    statement = select(func.count()).select_from(Project).where(*readable, possibly_duplicated(visible_district))
    plan = plan_without_table_scans(session, statement)
    assert "ix_projects_per_enterprise_year_shared" in plan, plan  # since 0045 the groups are kept totals
