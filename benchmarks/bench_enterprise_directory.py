"""The enterprise directory (企业名录) at 20,000 enterprises and 200,000 projects:
``services.enterprise_directory.list_enterprises`` — what the page and the API call — for the
filters and orders people choose, as a city reviewer and as Pudong's staff (whose counts are their
district's projects and the approved elsewhere).

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 20000 --projects 0 --seed 7
    .venv/bin/python benchmarks/search_data.py <same url> --projects 200000 --enterprises 20000
    .venv/bin/python benchmarks/bench_enterprise_directory.py <same url> [--runs 20] [--without-index]

Each case is the count and a first page of 25, median and p95 of ``--runs`` after a warm-up, on one
connection. ``--without-index`` drops migration 0032's index first (in a transaction rolled back
at the end), to see what it saves. Results go to docs/performance.md ("The enterprise directory").
"""
from __future__ import annotations

import time

from sqlalchemy import text
from sqlalchemy.orm import Session

from command_line import database_arguments, table_counts
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.services.enterprise_directory import EnterpriseFilter, list_enterprises
from timing import median, p95, timed

REVIEWER = Actor(None, "bench", "city_reviewer")
PUDONG = Actor(None, "bench-pudong", "district_staff", "310115")
CASES = {
    "by name (the default)": EnterpriseFilter(),
    "by name, Pudong (staff's default)": EnterpriseFilter(district_code="310115"),
    "by name, page 400 of 800": EnterpriseFilter(page=400),
    "by number of projects, largest first": EnterpriseFilter(sort="projects", descending=True),
    "by latest project year, Pudong": EnterpriseFilter(district_code="310115", sort="latest_year", descending=True),
    "without projects": EnterpriseFilter(with_projects=False),
    "with projects, industry C26": EnterpriseFilter(with_projects=True, industry="C26"),
    "text 化工 (2 characters)": EnterpriseFilter(text="化工"),
    "text 化工, by number of projects": EnterpriseFilter(text="化工", sort="projects", descending=True),
    "text 申华化工 (4 characters)": EnterpriseFilter(text="申华化工"),
}


def main() -> None:
    parser = database_arguments(runs=20)
    parser.add_argument("--without-index", action="store_true")
    args = parser.parse_args()
    engine = make_engine(args.url)
    with Session(engine) as session:
        if args.without_index:
            session.execute(text("DROP INDEX ix_projects_enterprise_readable"))
        sizes = table_counts(session, "enterprises", "projects")
        print(f"{sizes[0]:,} enterprises, {sizes[1]:,} projects; migration 0032's index "
              f"{'dropped' if args.without_index else 'in place'}; {args.runs} runs each")
        print("| case | enterprises (reviewer) | median ms | p95 ms | Pudong staff median | p95 |")
        print("|---|---:|---:|---:|---:|---:|")
        for label, filters in CASES.items():
            total = list_enterprises(session, REVIEWER, filters).total
            ms = timed(lambda: list_enterprises(session, REVIEWER, filters), args.runs)
            staff = timed(lambda: list_enterprises(session, PUDONG, filters), args.runs)
            print(f"| {label} | {total:,} | {median(ms):.1f} | {p95(ms):.1f} | {median(staff):.1f} | {p95(staff):.1f} |")
        session.rollback()
    engine.dispose()


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
