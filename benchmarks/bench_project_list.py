"""The project list (项目列表, ``GET /projects``) at city scale: its page statement in every order the
list offers (each sort key of ``repositories.projects.SORTABLE``, both ways) and with its filters,
and the whole page, for a city reviewer, for Pudong's staff as their list opens (their district) and
for Pudong's staff over every district (``district=`` empty: theirs and approved ones elsewhere).

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 100000 --projects 100000 --seed 7
    .venv/bin/python benchmarks/monitoring_claims_data.py <same url> --every 4 --big 500  # the page's marks
    .venv/bin/python benchmarks/bench_project_list.py <same url> [--runs 10] [--offsets 0,75]
                     [--no-check] [--no-requests] [--without-indexes] [--explain]

First it checks (unless ``--no-check``) that each page holds the rows, in the order, that the same
statement gives when PostgreSQL sorts every row (no index read in order) by the order as it was
written before migration 0042 (``NULLS LAST`` on every key, then the newest id). Then, for each
list, order and offset, and for the filtered lists (their first page, in the list's own order):
the page statement's median and p95 of ``--runs`` calls of ``repositories.projects.page``, as the
service runs it after a warm-up, its EXPLAIN ANALYZE time and the indexes it reads (``--explain``:
its plan). ``--without-indexes`` drops 0042's indexes first, in a transaction rolled back at the end
(the statements only). Then the whole pages through Flask's test client (users ``bench-reviewer``
and ``bench-pudong`` of ``bench_enterprise_page.py``, added if missing). Results go to
docs/performance.md ("Session 26: the project list at 100k").
"""
from __future__ import annotations

import re
import time

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench_enterprise_page import PASSWORD, READERS, ensure_readers, getter
from command_line import database_arguments, table_counts
from registry import create_app
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.models import Project
from registry.repositories import projects as repo
from registry.repositories import search
from registry.services.projects import listing
from timing import median, p95, timed

PAGE_SIZE = 25
REVIEWER = Actor(None, READERS["reviewer"][0], "city_reviewer")
PUDONG = Actor(None, READERS["Pudong staff"][0], "district_staff", "310115")
# label: the actor, the list's district filter, its page's query, the user signed in for it
LISTS = {"reviewer": (REVIEWER, None, "", "reviewer"),
         "Pudong staff, own district": (PUDONG, "310115", "", "Pudong staff"),
         "Pudong staff, every district": (PUDONG, None, "district=&", "Pudong staff")}
ORDERS = [(sort, descending) for sort in repo.SORTABLE for descending in (True, False)]


def filtered(session: Session) -> dict[str, dict]:
    """The list's filters (``ProjectFilter`` fields) a reader narrows it by, in its own order: a common
    text and a rare one (a whole reference), the enterprise with the most projects
    (``monitoring_claims_data.py --big``: 500)…"""
    code = session.execute(text("SELECT e.credit_code FROM projects p JOIN enterprises e ON e.id = p.enterprise_id "
                                "GROUP BY e.id ORDER BY count(*) DESC LIMIT 1")).scalar_one()
    reference = session.execute(text("SELECT reference FROM projects ORDER BY id LIMIT 1 OFFSET 5000")).scalar_one()
    return {"q=电机": {"text": "电机"}, f"q={reference}": {"text": reference},
            "kind=cleaner_production&year=2017": {"kind": "cleaner_production", "year": 2017},
            "status=submitted": {"status": "submitted"}, "overdue=1": {"overdue": True},
            "check=possible_duplicates": {"check": "possible_duplicates"},
            "monitoring=flagged": {"monitoring": "flagged"}, f"enterprise={code}": {"enterprise_code": code}}


def _order_name(sort: str, descending: bool) -> str:
    return f"{sort} {'desc' if descending else 'asc'}"


def _as_before(sort: str, descending: bool):
    """The list's order as it was written before 0042: every key ``NULLS LAST``, then the newest id."""
    column = repo.SORTABLE[sort]
    return (column.desc() if descending else column.asc()).nulls_last(), Project.id.desc()


def check(session: Session, offsets: list[int]) -> None:
    """Each list's pages, in each order, are those of a sort of every row in the order as before."""
    for label, (actor, district, _query, _user) in LISTS.items():
        query = repo.list_query(listing.list_criteria(session, actor, listing.ProjectFilter(district_code=district)))
        for sort, descending in ORDERS:
            for offset in offsets:
                served = [p.id for p, *_ in repo.page(session, query, sort, descending, PAGE_SIZE, offset)]
                for setting in ("enable_indexscan", "enable_indexonlyscan", "enable_incremental_sort"):
                    session.execute(text(f"SET LOCAL {setting} = off"))
                sorted_ = session.execute(query.with_only_columns(Project.id).order_by(*_as_before(sort, descending))
                                          .limit(PAGE_SIZE).offset(offset)).scalars().all()
                session.rollback()  # the settings end with the transaction
                assert served == sorted_, (label, sort, descending, offset, served, sorted_)
    print(f"every page of {len(LISTS)} lists × {len(ORDERS)} orders × offsets {offsets}: as a sort of every row\n")


def _plan(session: Session, statement) -> list[str]:
    compiled = statement.compile(dialect=session.bind.dialect, compile_kwargs={"render_postcompile": True})
    with session.connection().connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + str(compiled), compiled.params)
        return [row[0] for row in cursor.fetchall()]


def _read_by(plan: list[str]) -> str:
    """The indexes the plan reads (or how else it reads the projects)."""
    indexes = re.findall(r"Index (?:Only )?Scan(?: Backward)? using (\w+)", "\n".join(plan))
    scans = [name for name in ("Seq Scan", "Bitmap Heap Scan") if any(name in line for line in plan)]
    return ", ".join(dict.fromkeys(indexes + scans))


def _measure(session: Session, label: str, case: str, query, sort: str, descending: bool, offset: int,
             runs: int, explain: bool) -> None:
    ms = timed(lambda: repo.page(session, query, sort, descending, PAGE_SIZE, offset), runs)
    ordered = query.options(repo._LISTED_COLUMNS).order_by(*repo.list_order(sort, descending))
    plan = _plan(session, ordered.limit(PAGE_SIZE).offset(offset))
    took = float(plan[-1].split(":")[1].split()[0])  # "Execution Time: x ms"
    print(f"| {label} | {case} | {offset} | {median(ms):.1f} | {p95(ms):.1f} | {took:.1f} | {_read_by(plan)} |")
    if explain:
        print("\n".join("    " + line for line in plan))


def statements(session: Session, runs: int, offsets: list[int], without_indexes: bool, explain: bool) -> None:
    # the criteria first: the monitoring filter's first reading keeps its claims and commits
    def listed(actor: Actor, district: str | None, **fields):
        filters = listing.ProjectFilter(district_code=district, **fields)
        return repo.list_query(listing.list_criteria(session, actor, filters))
    lists = {label: listed(actor, district) for label, (actor, district, _query, _user) in LISTS.items()}
    narrowed = {(label, case): listed(actor, district, **fields) for case, fields in filtered(session).items()
                for label, (actor, district, _query, _user) in LISTS.items() if label != "Pudong staff, every district"}
    session.commit()
    if without_indexes:
        names = session.execute(text(r"SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix\_%\_order\_%'"))
        for name in names.scalars().all():
            session.execute(text(f'DROP INDEX "{name}"'))
        print("(without 0042's indexes)")
    print("| list | order or filter | offset | median ms | p95 ms | EXPLAIN ANALYZE ms | reads |")
    print("|---|---|---:|---:|---:|---:|---|")
    for label, query in lists.items():
        for sort, descending in ORDERS:
            for offset in offsets:
                _measure(session, label, _order_name(sort, descending), query, sort, descending, offset, runs, explain)
    search.plan_for_each_text(session)  # as the list filtered by a text does (its commit ended the setting)
    for (label, case), query in narrowed.items():
        _measure(session, label, f"`{case}`", query, "updated", True, 0, runs, explain)
    session.rollback()


def time_pages(url: str, runs: int, paths_of) -> None:
    """Each list's pages (``paths_of(label, query)``, its query's start) through Flask's test client,
    signed in as the list's reader: median and p95 ms of ``runs`` requests."""
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    print("\n| page | list | median ms | p95 ms |")
    print("|---|---|---:|---:|")
    for label, (_actor, _district, query, user) in LISTS.items():
        client = app.test_client()
        client.post("/login", data={"username": READERS[user][0], "password": PASSWORD}).close()
        for path in paths_of(label, query):
            ms = timed(getter(client, path), runs)
            print(f"| `{path}` | {label} | {median(ms):.1f} | {p95(ms):.1f} |")


def requests(url: str, runs: int, cases: list[str]) -> None:
    def paths_of(label: str, query: str) -> list[str]:
        paths = [f"/projects?{query}".rstrip("?&")] + [
            f"/projects?{query}sort={sort}&dir={'desc' if descending else 'asc'}" for sort, descending in ORDERS]
        return paths + ([f"/projects?{case}" for case in cases] if label == "reviewer" else [])
    time_pages(url, runs, paths_of)


def main() -> None:
    parser = database_arguments(runs=10)
    parser.add_argument("--offsets", default="0,75", help="the pages' offsets (0: the first page)")
    parser.add_argument("--no-check", action="store_true", help="skip the check of the order")
    parser.add_argument("--no-requests", action="store_true", help="the page statements only")
    parser.add_argument("--without-indexes", action="store_true", help="drop 0042's indexes (rolled back)")
    parser.add_argument("--explain", action="store_true", help="print each page statement's plan")
    args = parser.parse_args()
    offsets = [int(o) for o in args.offsets.split(",")]
    ensure_readers(args.url)
    engine = make_engine(args.url)
    with Session(engine) as session:
        projects, enterprises = table_counts(session.connection(), "projects", "enterprises")
        indexes = session.execute(text("SELECT count(*) FROM pg_indexes WHERE tablename = 'projects'")).scalar_one()
        print(f"{projects:,} projects of {enterprises:,} enterprises, {indexes} indexes on projects; "
              f"{args.runs} runs each\n")
        if not args.no_check:
            check(session, offsets)
        statements(session, args.runs, offsets, args.without_indexes, args.explain)
        cases = list(filtered(session))
    engine.dispose()
    if not args.no_requests:
        requests(args.url, args.runs, cases)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
