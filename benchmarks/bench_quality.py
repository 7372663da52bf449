"""The data-quality page (数据质量检查, ``/quality/``) at the enterprise directory's scale — 20,000
enterprises, 200,000 projects — and optionally the parcel list's (200,000 parcels, 20,000 projects on
them): ``services.quality.quality_report`` (every check's count in one statement, what the page, the
API and ``registry quality`` call), each check's count alone, and the project list a count links to
(the possible duplicates: its count and first page), as a city reviewer, for one district, and as
Pudong's staff; and the same lookalikes where one project or one page asks (the project page's
可能重复登记 card, ``possible_duplicates``, for the project with most; the list page's marks,
``marked_as_lookalikes``, for a page of 25).

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 20000 --projects 0 --seed 7
    .venv/bin/python benchmarks/search_data.py <same url> --projects 200000 --enterprises 20000
    .venv/bin/python benchmarks/bench_quality.py <same url> [--runs 10] [--explain]

(or the parcel list's database: ``registry demo synth --parcels 200000 --projects 20000 --seed 7``.)
Median and p95 of ``--runs`` after a warm-up, on one connection; ``--explain`` prints EXPLAIN ANALYZE
of the page's statement as a reviewer. Results go to docs/performance.md ("The data-quality page").
"""
from __future__ import annotations

import time

from sqlalchemy import text
from sqlalchemy.orm import Session

from command_line import database_arguments, table_counts
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.domain.quality import CHECKS
from registry.repositories import quality as repo
from registry.models import Project
from registry.services.projects import ProjectFilter, list_projects
from registry.services.projects.views import marked_as_lookalikes, possible_duplicates
from registry.services.quality import quality_report
from timing import median, p95, timed

REVIEWER = Actor(None, "bench", "city_reviewer")
PUDONG = Actor(None, "bench-pudong", "district_staff", "310115")
READERS = {"reviewer, the city": (REVIEWER, None), "reviewer, Pudong": (REVIEWER, "310115"),
           "Pudong staff": (PUDONG, None)}


def explain(session: Session) -> None:
    statement = repo.counts_statement(CHECKS, None, None)
    compiled = statement.compile(session.bind, compile_kwargs={"literal_binds": True})
    for (line,) in session.execute(text(f"EXPLAIN (ANALYZE, BUFFERS OFF) {compiled}")):
        print("   ", line)


def row(label: str, figure: str, ms: list[float]) -> None:
    print(f"| {label} | {figure} | {median(ms):.0f} | {p95(ms):.0f} |")


def lookalike_rows(session: Session, runs: int) -> None:
    """The project page's card for the project with most lookalikes by enterprise, and a list page's marks."""
    most = session.execute(text(
        "SELECT min(id) FROM projects GROUP BY enterprise_id, year, kind ORDER BY count(*) DESC LIMIT 1")).scalar()
    if most is None:
        return
    project = session.get(Project, most)
    page_ids = list(session.scalars(text("SELECT id FROM projects ORDER BY id LIMIT 25")))
    for label, (actor, district) in READERS.items():
        if district:  # a chosen district filters lists, not these
            continue
        found = len(possible_duplicates(session, actor, project))
        row(f"the project page's lookalikes, {label}", f"{found:,}",
            timed(lambda: possible_duplicates(session, actor, project), runs))
        marked = len(marked_as_lookalikes(session, actor, page_ids))
        row(f"a list page's marks (25 projects), {label}", f"{marked:,}",
            timed(lambda: marked_as_lookalikes(session, actor, page_ids), runs))


def main() -> None:
    parser = database_arguments(runs=10)
    parser.add_argument("--explain", action="store_true")
    args = parser.parse_args()
    engine = make_engine(args.url)
    with Session(engine) as session:
        sizes = table_counts(session, "enterprises", "projects", "parcels", "project_parcels")
        print(f"{sizes[0]:,} enterprises, {sizes[1]:,} projects, {sizes[2]:,} parcels, {sizes[3]:,} links; "
              f"{args.runs} runs each")
        print("| case | records failing | median ms | p95 ms |")
        print("|---|---:|---:|---:|")
        for label, (actor, district) in READERS.items():
            report = quality_report(session, actor, district)
            figure = ", ".join(f"{r.failing:,}" for r in report.results)
            row(f"the page, {label}", figure, timed(lambda: quality_report(session, actor, district), args.runs))
        for check in CHECKS:
            failing = repo.failing_counts(session, [check], None, None)[check.id]
            row(f"{check.id} alone, reviewer", f"{failing:,}",
                timed(lambda: repo.failing_counts(session, [check], None, None), args.runs))
        for label, (actor, district) in READERS.items():
            filters = ProjectFilter(check="possible_duplicates", district_code=district or actor.district_code)
            total = list_projects(session, actor, filters).total
            row(f"the project list of possible duplicates, {label}", f"{total:,}",
                timed(lambda: list_projects(session, actor, filters), args.runs))
        lookalike_rows(session, args.runs)
        if args.explain:
            explain(session)
        session.rollback()
    engine.dispose()


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
