"""The search box (查找) at city scale: ``services.search.search`` — what the page and the API call —
for the texts people type, over 1M parcels and 100k projects.

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 1000000 --projects 0 --seed 7
    .venv/bin/python benchmarks/search_data.py <same url>     # 66,666 enterprises, 100,000 projects
                                 # (the former names were measured with --enterprises 20000 --former-names 2000)
    .venv/bin/python benchmarks/bench_search.py <same url> [--runs 40] [--without-indexes]

Each case is timed as the page runs it (every kind's first 20 matches with their totals, or only the
lookup of a record named whole, which the page then opens), median and p95 of ``--runs`` after a
warm-up; then the project list filtered by a text, where a group's link leads. The runs share one
connection, as a worker's requests share a pooled one: psycopg prepares a statement run five times
on it (``repositories.search.plan_for_each_text``). ``--without-indexes`` drops migration 0026's
indexes first (in a transaction rolled back at the end), to see what they save. Results go to
docs/performance.md ("Search").
"""
from __future__ import annotations

import time

from sqlalchemy import text
from sqlalchemy.orm import Session

from command_line import database_arguments, table_counts
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.services import search
from registry.services.projects import ProjectFilter, list_projects
from timing import median, p95, timed

REVIEWER = Actor(None, "bench", "city_reviewer")
PUDONG = Actor(None, "bench-pudong", "district_staff", "310115")
SEARCH_INDEXES = ("ix_projects_title_key_trgm", "ix_projects_reference_trgm", "ix_enterprises_name_key_trgm",
                  "ix_enterprises_credit_code_trgm", "ix_parcels_code_key")


def cases(session: Session) -> dict[str, str]:
    """The texts, taken from the data so that each finds what it says."""
    code = session.execute(text("SELECT credit_code FROM enterprises ORDER BY id LIMIT 1 OFFSET 5000")).scalar_one()
    reference = session.execute(text("SELECT reference FROM projects ORDER BY id LIMIT 1 OFFSET 5000")).scalar_one()
    parcel = session.execute(text("SELECT code FROM parcels ORDER BY id LIMIT 1 "
                                  "OFFSET (SELECT count(*) / 2 FROM parcels)")).scalar_one()
    # a former name (曾用名, search_data.py --former-names) without the demo's （示意）, if there are any
    former = session.execute(text("SELECT split_part(name, '（', 1) FROM enterprise_former_names ORDER BY id "
                                  "LIMIT 1 OFFSET (SELECT count(*) / 2 FROM enterprise_former_names)")).scalar()
    return {
        "whole credit code (opens the enterprise)": code,
        "whole project reference (opens the project)": reference,
        "credit code, first 10 characters": code[:10],
        "2 characters of a name (化工)": "化工",
        "2 characters of a name (华申)": "华申",
        "1 character (钢)": "钢",
        "4 characters of a name (申华化工)": "申华化工",
        "4 characters of a name (塑料制品, common)": "塑料制品",
        "6 characters of a name (上海华申化工)": "上海华申化工",
        "parcel code prefix (district)": parcel[:9],
        "parcel code prefix (district + 3 digits)": parcel[:13],
        "2 characters of a parcel code (SH)": "SH",
        "whole parcel code (opens the parcel)": parcel,
        "no match (不存在的企业)": "不存在的企业",
    } | ({f"a former name, whole ({former})": former} if former else {})


def run(session: Session, actor: Actor, typed: str) -> search.SearchResult:
    return search.search(session, actor, typed, stop_at_exact=True)


def main() -> None:
    parser = database_arguments(runs=40)
    parser.add_argument("--without-indexes", action="store_true")
    args = parser.parse_args()
    engine = make_engine(args.url)
    with Session(engine) as session:
        if args.without_indexes:
            for name in SEARCH_INDEXES:
                session.execute(text(f"DROP INDEX {name}"))
        sizes = table_counts(session, "parcels", "projects", "enterprises")
        print(f"{sizes[0]:,} parcels, {sizes[1]:,} projects, {sizes[2]:,} enterprises; "
              f"migration 0026's indexes {'dropped' if args.without_indexes else 'in place'}; {args.runs} runs each")
        print(f"| {'search (city reviewer; Pudong staff)':48} | found (projects/enterprises/parcels) | "
              "median ms | p95 ms | Pudong staff median | p95 |")
        print("|---|---|---:|---:|---:|---:|")
        for label, typed in cases(session).items():
            result = run(session, REVIEWER, typed)
            found = f"opens {result.exact[0]}" if result.exact else \
                " / ".join(f"{'> ' if g.more else ''}{g.total:,}" for g in result.groups)
            ms = timed(lambda: run(session, REVIEWER, typed), args.runs)
            staff = timed(lambda: run(session, PUDONG, typed), args.runs)
            print(f"| {label:48} | {found} | {median(ms):.1f} | {p95(ms):.1f} | {median(staff):.1f} | {p95(staff):.1f} |")
        print("\nThe project list filtered by the same text (/projects?q=…&district=, the group's link): "
              "its exact count and first page of 25, by last change")
        print("| text | projects | median ms | p95 ms |")
        print("|---|---:|---:|---:|")
        for typed in ("华申", "化工", "塑料制品", "上海华申化工"):
            listed = list_projects(session, REVIEWER, ProjectFilter(text=typed))
            ms = timed(lambda: list_projects(session, REVIEWER, ProjectFilter(text=typed)), args.runs)
            print(f"| {typed} | {listed.total:,} | {median(ms):.1f} | {p95(ms):.1f} |")
        session.rollback()
    engine.dispose()


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
