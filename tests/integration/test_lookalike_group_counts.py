"""The totals the database keeps for the possible duplicates' grouping (migration 0045): how many
projects each enterprise has in each year, how many projects each parcel is linked to — always those
of the rows, whatever writes them (registration, a year or an enterprise changed, links added and
removed, a deletion and its links' cascade, bulk statements, TRUNCATE), with no row for a key none
holds; and the grouping reads them instead of counting every project and link."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.repositories import project_checks
from registry.services import projects as svc
from tests.integration.plans import plan_without_table_scans
from tests.integration.test_list_text_and_lookalikes import _alike_data

pytestmark = pytest.mark.usefixtures("districts")

KEPT = text("SELECT 'enterprise', enterprise_id, year, n FROM projects_per_enterprise_year "
            "UNION ALL SELECT 'parcel', parcel_id, NULL, n FROM projects_per_parcel")
COUNTED = text("SELECT 'enterprise', enterprise_id, year, count(*) FROM projects GROUP BY 2, 3 "
               "UNION ALL SELECT 'parcel', parcel_id, NULL, count(*) FROM project_parcels GROUP BY 2")


def _totals(session, statement) -> dict[tuple, int]:
    return {(kind, key, year): int(n) for kind, key, year, n in session.execute(statement)}


def assert_in_step(session) -> dict[tuple, int]:
    kept = _totals(session, KEPT)
    assert kept == _totals(session, COUNTED)  # also: no kept row of nought
    return kept


def test_the_totals_follow_registration_moves_links_deletion_and_bulk_statements(session):
    ids = _alike_data(session)
    kept = assert_in_step(session)
    assert max(kept.values()) > 1  # pairs by enterprise and by a shared parcel
    session.execute(text("UPDATE projects SET year = year + 1 WHERE id = :id"), {"id": ids["a"]})
    session.execute(text("UPDATE projects SET enterprise_id = (SELECT enterprise_id FROM projects WHERE id = :to) "
                         "WHERE id = :id"), {"id": ids["b"], "to": ids["twin"]})
    session.execute(text("UPDATE projects SET title = title || '（改）'"))  # every row, no key moved
    assert_in_step(session)
    parcel = session.execute(text("SELECT parcel_id FROM project_parcels WHERE project_id = :id"),
                             {"id": ids["shares"]}).scalar_one()
    session.execute(text("INSERT INTO project_parcels (project_id, parcel_id) VALUES (:a, :p), (:b, :p)"),
                    {"a": ids["a"], "b": ids["c"], "p": parcel})
    session.execute(text("DELETE FROM project_parcels WHERE project_id = :id"), {"id": ids["on_land"]})
    assert assert_in_step(session)[("parcel", parcel, None)] == 3
    svc.delete_draft(session, Actor.system(), ids["shares"])  # its link goes with it (ON DELETE CASCADE)
    session.execute(text("UPDATE projects SET year = 2020 WHERE id IN (:a, :c)"), {"a": ids["a"], "c": ids["c"]})
    kept = assert_in_step(session)
    assert kept[("parcel", parcel, None)] == 2


def test_truncate_forgets_the_totals_of_its_table(session):
    _alike_data(session)
    session.execute(text("TRUNCATE project_parcels"))
    assert [key for key in assert_in_step(session) if key[0] == "parcel"] == []
    session.execute(text("TRUNCATE projects CASCADE"))
    assert assert_in_step(session) == {}


def test_recounting_puts_right_what_a_write_without_triggers_left_out(session):
    ids = _alike_data(session)
    trigger = "projects_projects_per_enterprise_year_update"
    session.execute(text(f"ALTER TABLE projects DISABLE TRIGGER {trigger}"))  # rolled back with the test
    session.execute(text("UPDATE projects SET year = 2030 WHERE id = :id"), {"id": ids["a"]})
    session.execute(text(f"ALTER TABLE projects ENABLE TRIGGER {trigger}"))
    assert _totals(session, KEPT) != _totals(session, COUNTED)
    session.execute(text("SELECT registry_recount_lookalike_groups()"))
    assert_in_step(session)


@pytest.mark.parametrize("visible_district", [None, "310115"], ids=["the city", "district staff"])
def test_the_grouping_reads_the_kept_totals_not_every_project_and_link(session, visible_district):
    _alike_data(session)
    plan = plan_without_table_scans(session, project_checks.possible_duplicate_ids(visible_district))
    assert "ix_projects_per_enterprise_year_shared" in plan and "ix_projects_per_parcel_shared" in plan, plan
    # no count of every project (0037's grouping of the index, "projects o"); which way a test's few
    # projects are read is the planner's (at city scale from 0043's index, by the kept groups' keys)
    assert " on projects o" not in plan and "GroupAggregate" not in plan, plan
