"""The parcel list (地块清单, ``/land/parcels``) at city scale: ``services.parcel_list.list_parcels`` —
the page's count, area and one page with its projects — for the lists people open, over synthetic
parcels and projects.

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 200000 --projects 20000 --seed 7
    .venv/bin/python benchmarks/bench_parcel_list.py <same url> [--runs 30] [--explain]

Median and p95 of ``--runs`` after a warm-up, each case on one connection as a worker's requests
share a pooled one; ``--explain`` prints EXPLAIN ANALYZE of each case's count and page. Results go to
docs/performance.md ("The parcel list").
"""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from command_line import database_arguments
from registry.db import make_engine
from registry.domain.parcel_list import parse_parcel_query
from registry.domain.permissions import Actor, unapproved_readable_in
from registry.models import Parcel
from registry.repositories import freed_land as land_repo
from registry.repositories import parcel_list as repo
from registry.services.parcel_list import list_parcels
from timing import median, p95, timed

REVIEWER = Actor(None, "bench", "city_reviewer")
PUDONG = Actor(None, "bench-pudong", "district_staff", "310115")
CASES = {  # name: (reader, query string as the page sends it)
    "every parcel, by code (the overview's link)": (REVIEWER, {}),
    "Pudong staff's default: their district": (PUDONG, {"district": ["310115"]}),
    "Pudong staff: their parcels tied to no project": (PUDONG, {"district": ["310115"], "project": ["without"]}),
    "every parcel tied to a project": (REVIEWER, {"project": ["with"]}),
    "every parcel, largest first": (REVIEWER, {"sort": ["-area_m2"]}),
    "in use, by status then id, page 100": (REVIEWER, {"status": ["in_use"], "sort": ["status"], "page": ["100"]}),
    "code starts with (a district and two digits: SH-310113-00)": (REVIEWER, {"code": ["?"]}),
    "M1 over 10 mu in development zones, by district": (REVIEWER, {"land_use": ["M1"], "area_min": ["10"],
                                                                   "area_unit": ["mu"], "zone_kind": ["development_zone"],
                                                                   "sort": ["district_code"]}),
}


def explain(session: Session, actor: Actor, query) -> None:
    visible = unapproved_readable_in(actor)
    base = select(func.count(), func.sum(Parcel.area_m2)).where(*land_repo.land_conditions(query, visible))
    page = (select(Parcel.id).where(*land_repo.land_conditions(query, visible))
            .order_by(repo.SORT_COLUMNS[query.sort], Parcel.id).limit(query.limit).offset(query.offset))
    for statement in (base, page):
        compiled = statement.compile(session.bind, compile_kwargs={"literal_binds": True})
        for (line,) in session.execute(text(f"EXPLAIN (ANALYZE, BUFFERS OFF) {compiled}")):
            print("   ", line)


def main() -> None:
    parser = database_arguments(runs=30)
    parser.add_argument("--explain", action="store_true")
    options = parser.parse_args()
    engine = make_engine(options.url)
    with Session(engine) as session:
        total = session.execute(select(func.count()).select_from(Parcel)).scalar_one()
        print(f"{total:,} parcels")
        code = session.execute(select(Parcel.code).limit(1)).scalar_one()
        for name, (actor, args) in CASES.items():
            if "code" in args:
                args = {"code": [code[:12]]}
            query = parse_parcel_query(args)
            result = list_parcels(session, actor, query)
            if result.page > result.pages:  # a page beyond the last redirects: time the last one
                query = replace(query, offset=(result.pages - 1) * query.limit)
            ms = timed(lambda: list_parcels(session, actor, query), options.runs)
            print(f"{name}: {result.totals.count:,} parcels; median {median(ms):.1f} ms, p95 {p95(ms):.1f} ms")
            if options.explain:
                explain(session, actor, query)
            session.rollback()


if __name__ == "__main__":
    main()
