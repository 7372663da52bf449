"""The project list's order — by each key it sorts by, both ways, ties by the newest id, projects
without the key (no savings) last both ways — as the list reads it from migration 0042's indexes
instead of sorting every project, for the city and for district staff (their district, every
district); and that each of those orders is read from an index, not sorted whole (docs/performance.md,
"Session 26: the project list at 100k"); a list chosen by few ids (the possible duplicates') in each
order too, its few projects sorted apart (docs/performance.md, "Session 28")."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import event, text

from registry.domain.credit_code import credit_code_check_char
from registry.domain.permissions import unapproved_readable_in
from registry.repositories import projects as repo
from registry.repositories.projects import SORTABLE
from registry.services import projects as svc
from tests.integration.project_data import MINHANG, PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")

APPROVED = {"approved", "completed", "verified"}
ORDERS = [(sort, descending) for sort in SORTABLE for descending in (True, False)]
# (reader, the list's district filter): the city; staff as their list opens; staff over every district
LISTS = {"reviewer": (REVIEWER, None), "Pudong staff, own district": (PUDONG, "310115"),
         "Pudong staff, every district": (PUDONG, None)}
THEN = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
# (actor, enterprise, title, year, kind, status, savings, hours after THEN of the last change): ties in
# every key, savings missing; titles and names start with a capital letter, to order alike in any
# database's collation as in Python
ROWS = [
    (PUDONG, "B", "B 电机改造", 2014, "motor_upgrade", "draft", None, 0),
    (PUDONG, "A", "A 电机改造", 2013, "boiler_replacement", "approved", Decimal("5.5"), 1),
    (MINHANG, "A2", "B 电机改造", 2013, "motor_upgrade", "draft", Decimal("5.5"), 1),
    (PUDONG, "A", "C 电机改造", 2014, "technical_retrofit", "verified", Decimal(0), 0),
    (MINHANG, "C", "A 电机改造", 2013, "boiler_replacement", "verified", None, 2),
    (PUDONG, "B", "A 电机改造", 2013, "motor_upgrade", "submitted", Decimal("12.25"), 1),
    (MINHANG, "A2", "C 电机改造", 2014, "motor_upgrade", "approved", Decimal("5.5"), 0),
    (PUDONG, "C", "B 电机改造", 2013, "technical_retrofit", "draft", None, 2),
    (MINHANG, "B", "A 电机改造", 2014, "boiler_replacement", "completed", Decimal(0), 1),
]
# enterprise names: "A" and "A2" are two enterprises of one name (their projects tie by name)
NAMES = {"A": "A 测试公司", "A2": "A 测试公司", "B": "B 测试公司", "C": "C 测试公司"}


def _credit_code(n: int) -> str:
    first17 = f"91310115MA1K{n:05d}"
    return first17 + credit_code_check_char(first17)


@pytest.fixture
def projects(session) -> list[dict]:
    """``ROWS`` registered, then given their keys; each as a dict of what the list sorts by."""
    codes = {key: _credit_code(n + 10) for n, key in enumerate(NAMES)}
    ids = []
    for actor, firm, title, *_ in ROWS:
        ids.append(svc.register_project(session, actor, draft(
            title=title, district_code=actor.district_code, credit_code=codes[firm], enterprise_name=NAMES[firm],
            new_parcels=())).id)
    for project_id, (_actor, _firm, _title, year, kind, status, savings, updated) in zip(ids, ROWS):
        session.execute(text("UPDATE projects SET year = :year, kind = :kind, status = :status, "
                             "savings_tce = :savings, updated_at = :updated WHERE id = :id"),
                        {"id": project_id, "year": year, "kind": kind, "status": status, "savings": savings,
                         "updated": THEN + timedelta(hours=updated)})
    rows = session.execute(text("""
        SELECT p.id, p.reference, p.title, p.year, p.kind, p.status, p.district_code AS district, p.savings_tce,
               e.name AS enterprise, p.updated_at AS updated
        FROM projects p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id = ANY(:ids)"""), {"ids": ids})
    return [dict(row._mapping) for row in rows]


def _expected(rows: list[dict], sort: str, descending: bool) -> list[int]:
    """The list's rule: by the key either way, the projects without it last; ties by the newest id."""
    newest_first = sorted(rows, key=lambda r: -r["id"])
    keyed = sorted((r for r in newest_first if r[sort] is not None), key=lambda r: r[sort], reverse=descending)
    return [r["id"] for r in keyed] + [r["id"] for r in newest_first if r[sort] is None]


def _readable(rows: list[dict], actor, district: str | None) -> list[dict]:
    return [r for r in rows if (actor.role != "district_staff" or r["district"] == actor.district_code
                                or r["status"] in APPROVED) and district in (None, r["district"])]


@pytest.fixture
def read_in_order(session):
    """The planner's settings under which an order an index holds is read from it: with few rows a
    sort of them all is cheaper, and would show nothing of the indexes (a table of 100,000 projects
    prefers them: docs/performance.md). Undone with the test's rollback."""
    session.execute(text("ANALYZE projects"))
    session.execute(text("ANALYZE enterprises"))
    for setting in ("enable_seqscan", "enable_bitmapscan", "enable_sort"):
        session.execute(text(f"SET LOCAL {setting} = off"))


@pytest.mark.parametrize("reader", LISTS)
def test_each_order_of_the_list_is_as_it_was_ties_by_the_newest_id_and_no_savings_last(
        session, projects, read_in_order, reader):
    actor, district = LISTS[reader]
    readable = _readable(projects, actor, district)
    for sort, descending in ORDERS:
        listed = []
        for page in (1, 2, 3):  # pages of 3: the offsets too
            filters = svc.ProjectFilter(district_code=district, sort=sort, descending=descending, page=page,
                                        page_size=3)
            listed += [item.id for item in svc.list_projects(session, actor, filters).items]
        assert listed == _expected(readable, sort, descending), (reader, sort, descending)


def _page_statement(session, actor, filters) -> tuple[str, dict]:
    """The page statement the list runs for ``filters``, as sent, with its parameters."""
    seen = []
    connection = session.connection()

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))
    event.listen(connection, "before_cursor_execute", record)
    try:
        svc.list_projects(session, actor, filters)
    finally:
        event.remove(connection, "before_cursor_execute", record)
    return next((s, p) for s, p in seen if "ORDER BY" in s and "LIMIT" in s)


@pytest.mark.parametrize("reader", LISTS)
def test_each_order_of_the_list_is_read_from_an_index_not_sorted_whole(session, projects, read_in_order, reader):
    actor, district = LISTS[reader]
    for sort, descending in ORDERS:
        statement, parameters = _page_statement(session, actor, svc.ProjectFilter(
            district_code=district, sort=sort, descending=descending))
        plan = "\n".join(row[0] for row in session.connection().exec_driver_sql("EXPLAIN " + statement, parameters))
        # no Sort of every row (an Incremental Sort orders only the ties the index gives by id)
        assert not re.search(r"(^|->)\s*Sort\s+\(cost", plan, re.MULTILINE), (reader, sort, descending, plan)
        assert "Seq Scan" not in plan, (reader, sort, descending, plan)


@pytest.mark.parametrize("reader", LISTS)
def test_a_list_of_few_ids_sorted_apart_pages_in_each_order_as_the_list(session, projects, read_in_order, reader):
    actor, district = LISTS[reader]
    chosen = [r for r in projects if r["id"] % 3]  # some of them, by id (as the possible duplicates' list)
    criteria = repo.ListCriteria(district_code=district, visible_district=unapproved_readable_in(actor),
                                 project_ids=[r["id"] for r in chosen])
    assert repo.sorted_apart(criteria)
    for sort, descending in ORDERS:
        listed = []
        for offset in (0, 3, 6, 9):  # pages of 3: the offsets too
            rows = repo.page(session, repo.list_query(criteria), sort, descending, 3, offset, apart=True)
            listed += [project.id for project, _name, _code in rows]
        assert listed == _expected(_readable(chosen, actor, district), sort, descending), (reader, sort, descending)


def test_the_possible_duplicates_page_sorts_its_few_ids_apart_not_walking_an_orders_index(session, projects,
                                                                                         read_in_order):
    session.execute(text("UPDATE projects SET year = 2013, kind = 'motor_upgrade'"))  # each enterprise's alike
    for sort, descending in (("updated", True), ("title", False), ("savings_tce", True)):
        filters = svc.ProjectFilter(check="possible_duplicates", sort=sort, descending=descending)
        statement, parameters = _page_statement(session, REVIEWER, filters)
        plan = "\n".join(row[0] for row in session.connection().exec_driver_sql("EXPLAIN " + statement, parameters))
        # the few rows' keys read whole, by id, and sorted (not an order's index walked until the page's last)
        assert "CTE Scan on chosen" in plan and "Sort Key: chosen.key" in plan, (sort, descending, plan)
