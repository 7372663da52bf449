"""The project list's count kept until its data changes (migration 0048, services/projects/list_counts.py),
on PostGIS: a text's count is counted once and given again while neither ``projects`` nor
``enterprises`` changes; every write either table sees — a service's, a bulk statement's, a cascade, a
TRUNCATE — shows in the next count, exactly as a count made afresh; what the count does not read
(an enterprise's address) keeps it; lists of ids computed elsewhere are counted every time."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from registry.domain.credit_code import credit_code_check_char
from registry.domain.permissions import Actor
from registry.repositories import project_counts
from registry.services import enterprise_edits
from registry.services import projects as svc
from registry.services.projects import ProjectFilter, list_projects
from registry.services.report_cache import ReportCache
from tests.integration.project_data import MINHANG, PUDONG, REVIEWER, draft, submitted

pytestmark = pytest.mark.usefixtures("districts")

# a project's title (电机改造 n), its enterprise's name (上海测试电机有限公司), its credit code's middle
FILTERS = (ProjectFilter(text="电机改造"), ProjectFilter(text="测试电机"), ProjectFilter(text="改造", status="submitted"),
           ProjectFilter(text="0115MA1K"), ProjectFilter(text="电机", district_code="310115"))


@pytest.fixture
def views(session):
    shown = submitted(session, 3)
    svc.register_project(session, MINHANG, draft(title="闵行电机改造", district_code="310112", new_parcels=()))
    return shown


@pytest.fixture
def counted(monkeypatch) -> list:
    """The criteria ``project_counts.count`` was asked to count, in order."""
    calls, count = [], project_counts.count

    def counting(session, criteria):
        calls.append(criteria)
        return count(session, criteria)
    monkeypatch.setattr(project_counts, "count", counting)
    return calls


def _kept(session, cache, actor, filters) -> int:
    return list_projects(session, actor, filters, counts=cache).total


def _afresh(session, actor, filters) -> int:
    return list_projects(session, actor, filters).total


def test_a_texts_count_is_counted_once_then_given_while_nothing_changes(session, views, counted):
    cache = ReportCache()
    for actor in (REVIEWER, PUDONG, MINHANG):
        for filters in FILTERS:
            first = _kept(session, cache, actor, filters)
            pages = [_kept(session, cache, actor, replace(filters, page=n)) for n in (1, 2)]
            assert pages == [first, first] == [_afresh(session, actor, filters)] * 2, (actor.username, filters)
    kept = [c for c in counted if c.text is not None]
    assert len(kept) == 2 * 3 * len(FILTERS)  # each list counted once kept, once afresh: the pages asked nothing


def test_what_the_database_counts_and_computed_ids_are_not_kept(session, views, counted):
    cache = ReportCache()
    for filters in (ProjectFilter(), ProjectFilter(status="submitted"), ProjectFilter(check="possible_duplicates")):
        _kept(session, cache, REVIEWER, filters)
    assert len(cache) == 0


OTHER_CODE = "91310000MA1K00001" + credit_code_check_char("91310000MA1K00001")
# writes no service makes — a bulk load, a hand fix in psql, a cascade: SQL with :first (a project's id)
WRITES = {
    "a title": "UPDATE projects SET title = '照明节能' WHERE id = :first",
    "a status": "UPDATE projects SET status = 'approved' WHERE id = :first",
    "a district": "UPDATE projects SET district_code = '310112' WHERE id = :first",
    "a copy inserted": "INSERT INTO projects ({columns}, reference) SELECT {columns}, reference || '-2' FROM projects "
                       "WHERE id = :first",
    "a project deleted": "DELETE FROM projects WHERE id = :first",
    "the enterprise renamed": "UPDATE enterprises SET name = '上海另一家有限公司' "
                              "WHERE id = (SELECT enterprise_id FROM projects WHERE id = :first)",
    "the enterprise's credit code": f"UPDATE enterprises SET credit_code = '{OTHER_CODE}' "
                                    "WHERE id = (SELECT enterprise_id FROM projects WHERE id = :first)",
    "every project truncated": "TRUNCATE projects CASCADE",
    "every enterprise truncated": "TRUNCATE enterprises CASCADE",
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_every_write_to_what_the_count_reads_shows_in_the_next_count(session, views, write):
    columns = session.scalar(text(  # a copy's: all but its id, its reference and the generated search keys
        "SELECT string_agg(column_name, ', ') FROM information_schema.columns WHERE table_name = 'projects' "
        "AND is_generated = 'NEVER' AND column_name NOT IN ('id', 'reference')"))
    write = write.replace("{columns}", columns)
    cache = ReportCache()
    before = {(a.username, f): _kept(session, cache, a, f) for a in (REVIEWER, PUDONG, MINHANG) for f in FILTERS}
    session.execute(text(write), {"first": views[0].id})
    after = {(a.username, f): _kept(session, cache, a, f) for a in (REVIEWER, PUDONG, MINHANG) for f in FILTERS}
    assert after == {(a.username, f): _afresh(session, a, f) for a in (REVIEWER, PUDONG, MINHANG) for f in FILTERS}
    assert after != before


def test_a_services_writes_show_in_the_next_count(session, views):
    cache = ReportCache()
    listed = ProjectFilter(text="电机改造", status="submitted")
    assert _kept(session, cache, REVIEWER, listed) == 3
    svc.transition(session, REVIEWER, views[0].id, "approve")
    assert _kept(session, cache, REVIEWER, listed) == 2
    svc.register_project(session, PUDONG, draft(title="电机改造 4", new_parcels=()), submit=True)
    assert _kept(session, cache, REVIEWER, listed) == 3
    named = ProjectFilter(text="测试电机")
    assert _kept(session, cache, REVIEWER, named) == 5  # Minhang's draft too
    enterprise = session.execute(text("SELECT id, version FROM enterprises WHERE name = '上海测试电机有限公司'")).one()
    enterprise_edits.edit_enterprise(session, Actor(None, "admin", "admin"), enterprise.id, {"name": "上海新名有限公司"},
                                     enterprise.version)
    assert _kept(session, cache, REVIEWER, named) == 0 == _afresh(session, REVIEWER, named)


def test_an_enterprises_address_keeps_the_count(session, views, counted):
    cache = ReportCache()
    listed = ProjectFilter(text="测试电机")
    _kept(session, cache, REVIEWER, listed)
    session.execute(text("UPDATE enterprises SET address = '新地址', district_code = '310112'"))
    assert _kept(session, cache, REVIEWER, listed) == 4
    assert len([c for c in counted if c.text is not None]) == 1


def test_a_transaction_whose_writes_outran_its_versions_counts_afresh(session, views, counted):
    cache = ReportCache()
    listed = ProjectFilter(text="电机改造")
    for n in range(101):  # past migration 0040's PER_TRANSACTION numbers a table
        session.execute(text("UPDATE projects SET investment_wan_yuan = :n WHERE id = :id"), {"n": n, "id": views[0].id})
    _kept(session, cache, REVIEWER, listed)
    _kept(session, cache, REVIEWER, listed)
    assert len(counted) == 2 and len(cache) == 0


def test_the_guides_call_puts_right_a_count_a_write_without_triggers_left_stale(session, views):
    cache = ReportCache()
    listed = ProjectFilter(text="电机改造")
    assert _kept(session, cache, REVIEWER, listed) == 4  # Minhang's draft too
    session.execute(text("ALTER TABLE projects DISABLE TRIGGER USER"))  # rolled back with the test
    session.execute(text("UPDATE projects SET title = '照明节能' WHERE id = :id"), {"id": views[0].id})
    session.execute(text("ALTER TABLE projects ENABLE TRIGGER USER"))
    assert _kept(session, cache, REVIEWER, listed) == 4  # the write was not seen
    session.execute(text("SELECT registry_bump_data_versions()"))  # docs/operations.md's call
    assert _kept(session, cache, REVIEWER, listed) == 3 == _afresh(session, REVIEWER, listed)
