"""The project list's text filter and its possible duplicates (项目列表 ``q=``, ``check=possible_duplicates``)
at city scale: what the list's service runs for them (``listing.list_projects``: the criteria, the count
and the first page), each statement's EXPLAIN ANALYZE, and the whole pages through Flask's test
client — for a city reviewer, Pudong's staff on their district and Pudong's staff over every district
(``bench_project_list.LISTS``).

    (the database of bench_project_list.py: demo synth 100,000 projects, monitoring_claims_data.py --big 500)
    .venv/bin/python benchmarks/bench_list_filters.py <url> [--runs 10] [--no-check] [--no-requests] [--explain]

First (unless ``--no-check``) it holds each list to the statements as they were written before
(migration 0043's session): the text as ``search.matching_project_ids``' union of ids, the lookalikes
as the grouping condition copied below (``_before_possibly_duplicated``) — the count, and every id in
the list's order (the last change, then the newest id). The timings use only what the code before
had too, so ``PYTHONPATH=<a checkout of it> … --no-check`` times the old code on the same database
(``registry db downgrade 0042`` first, for its index). Results: docs/performance.md, "The project
list's text and lookalike filters".
"""
from __future__ import annotations

import time

from sqlalchemy import func, or_, select, text, tuple_
from sqlalchemy.orm import Session

from bench_enterprise_page import Statements, ensure_readers
from bench_project_list import LISTS, time_pages
from command_line import database_arguments, table_counts
from registry.db import make_engine
from registry.domain.search import SearchText
from registry.models import Project, project_parcels
from registry.repositories import project_counts
from registry.repositories import projects as repo
from registry.repositories import search
from registry.repositories.project_checks import savings_family
from registry.services.projects import listing
from timing import median, p95, timed

PAGE_SIZE = 25
# the filters (``ProjectFilter`` fields): texts common and rare in the synthetic names (电机 in 15 % of
# the projects' names, 化工 in 7 % and in enterprises' names, 华申 in 406), one in none, and the check
CASES = {"q=电机": {"text": "电机"}, "q=化工": {"text": "化工"}, "q=华申": {"text": "华申"},
         "q=塑料制品": {"text": "塑料制品"}, "q=不存在的企业": {"text": "不存在的企业"},
         "check=possible_duplicates": {"check": "possible_duplicates"}}


def _before_possibly_duplicated(visible_district: str | None):
    """``project_checks.possibly_duplicated`` as it was before (a copy): every readable project grouped
    by enterprise, year and savings family, every link by parcel, year and family, each hashed."""
    o, links = Project.__table__.alias("o"), project_parcels.alias("l")
    readable = [] if (visible := search.visible_projects(visible_district, o.c)) is None else [visible]
    family = savings_family(o.c.kind).label("family")
    own = select(o.c.enterprise_id, o.c.year, family).where(*readable).subquery("own")
    by_enterprise = select(*own.c).group_by(*own.c).having(func.count() > 1)
    linked = (select(links.c.parcel_id, links.c.project_id, o.c.year, family).join(o, o.c.id == links.c.project_id)
              .where(*readable).subquery("linked"))
    key = (linked.c.parcel_id, linked.c.year, linked.c.family)
    shared = select(*key).group_by(*key).having(func.count() > 1)
    on_shared = select(linked.c.project_id).where(tuple_(*key).in_(shared))
    return or_(tuple_(Project.enterprise_id, Project.year, savings_family(Project.kind)).in_(by_enterprise),
               Project.id.in_(on_shared))


def _ordered_ids(session: Session, query) -> list[int]:
    return list(session.scalars(query.with_only_columns(Project.id).order_by(*repo.list_order("updated", True))))


def check(session: Session) -> None:
    """Each list of each case: the count and every id, in order, as the statements before select them."""
    for case, fields in CASES.items():
        for label, (actor, district, _query, _user) in LISTS.items():
            filters = listing.ProjectFilter(district_code=district, **fields)
            criteria = listing.list_criteria(session, actor, filters)
            served = _ordered_ids(session, repo.list_query(criteria))
            plain = repo.list_query(listing.list_criteria(session, actor, listing.ProjectFilter(district_code=district)))
            visible = criteria.visible_district
            before = plain.where(Project.id.in_(search.matching_project_ids(SearchText(fields["text"])))
                                 if "text" in fields else _before_possibly_duplicated(visible))
            expected = _ordered_ids(session, before)
            assert served == expected, (case, label, len(served), len(expected))
            assert project_counts.count(session, criteria) == len(expected), (case, label)
            page = listing.list_projects(session, actor, filters)
            assert [i.id for i in page.items] == expected[:PAGE_SIZE] and page.total == len(expected), (case, label)
            if "check" in fields:  # its few ids sorted apart (Session 28): every order's first pages as sorted whole
                _check_orders(session, actor, district, fields, before, (case, label))
            print(f"{case} · {label}: {len(expected):,} projects, as before")
            session.rollback()
    print()


def _check_orders(session: Session, actor, district, fields: dict, before, where) -> None:
    """The first and fourth pages of the list in each order it offers: the rows of ``before`` (the
    statement as written before) in that order, sorted by PostgreSQL whole."""
    for sort in repo.SORTABLE:
        for descending in (True, False):
            whole = list(session.scalars(before.with_only_columns(Project.id).order_by(*repo.list_order(sort, descending))))
            for page in (1, 4):
                listed = listing.list_projects(session, actor, listing.ProjectFilter(
                    district_code=district, sort=sort, descending=descending, page=page, **fields))
                assert [i.id for i in listed.items] == whole[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], (where, sort, descending)


def _explained(session: Session, statements: list[tuple[str, object]], explain: bool) -> str:
    """Each statement's EXPLAIN ANALYZE time, ms, and its buffers (shared, hit or read, of the plan's top node:
    the machine's load moves the time, not them; its plan too with ``explain``)."""
    times = []
    with session.connection().connection.cursor() as cursor:
        for statement, parameters in statements:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            plan = [row[0] for row in cursor.fetchall()]
            top = next((line.split("shared ")[1].split(",")[0] for line in plan if "Buffers: shared" in line), "")
            buffers = sum(int(part.split("=")[1]) for part in top.split() if part.startswith(("hit=", "read=")))
            times.append(f"{plan[-1].split(':')[1].split()[0]} ({buffers} b)")
            if explain:
                print("\n".join("    " + line for line in plan))
    return " + ".join(times)


def statements(session: Session, runs: int, explain: bool) -> None:
    recorder = Statements()
    print("| case | list | found | list_projects median ms | p95 ms | its statements, EXPLAIN ANALYZE ms |")
    print("|---|---|---:|---:|---:|---|")
    for case, fields in CASES.items():
        for label, (actor, district, _query, _user) in LISTS.items():
            filters = listing.ProjectFilter(district_code=district, **fields)

            def listed():
                result = listing.list_projects(session, actor, filters)
                session.rollback()  # as a request ends (the text's plan setting with it)
                return result
            ms = timed(listed, runs)
            found: list[int] = []
            seen = recorder.of(lambda: found.append(listing.list_projects(session, actor, filters).total))
            took = _explained(session, [(s, p) for s, p in seen if s.lstrip().upper().startswith(("SELECT", "WITH"))], explain)
            session.rollback()
            print(f"| `{case}` | {label} | {found[0]:,} | {median(ms):.1f} | {p95(ms):.1f} | {took} |")


def main() -> None:
    parser = database_arguments(runs=10)
    parser.add_argument("--no-check", action="store_true", help="skip the check against the statements before")
    parser.add_argument("--no-requests", action="store_true", help="the service's statements only")
    parser.add_argument("--explain", action="store_true", help="print each statement's plan")
    args = parser.parse_args()
    ensure_readers(args.url)
    engine = make_engine(args.url)
    with Session(engine) as session:
        projects, enterprises, links = table_counts(session.connection(), "projects", "enterprises", "project_parcels")
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        print(f"{projects:,} projects of {enterprises:,} enterprises, {links:,} parcel links; revision {revision}; "
              f"{args.runs} runs each\n")
        if not args.no_check:
            check(session)
        statements(session, args.runs, args.explain)
    engine.dispose()
    if not args.no_requests:
        time_pages(args.url, args.runs, lambda _label, query: [f"/projects?{query}{case}" for case in CASES])


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
