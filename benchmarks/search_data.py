"""Enterprises and projects for the search benchmark, written by COPY beside the parcels of
``registry demo synth --parcels 1000000 --projects 0``.

    .venv/bin/python benchmarks/search_data.py <database url> [--projects 100000] [--enterprises N] [--seed 7]
                                               [--former-names N]

The records are the demo's (``demo_enterprises``, ``demo_projects``: 上海{place}{place}{trade}有限公司
（示意）, two thirds as many enterprises as projects, titles {enterprise}{kind}项目（示意）, references
``YYYY-<district>-NNNN``; ``--enterprises`` sets another number: 20,000 for 200,000 projects, as the
enterprise directory was measured, docs/performance.md), each project with its inputs and the savings
trace the accounting engine computes, so rows are as wide as the registry's (≈ 1.8 kB: a read of
every project reads ≈ 180 MB).
``--former-names N`` gives N enterprises, spread evenly, a former name (曾用名, migration 0034) drawn
from the same vocabulary (another draw of the demo's names), as renames would leave them: a text
then matches current and former names alike, the search's costlier case. No parcel is linked: the search reads no link. Why not ``demo synth --projects 100000`` itself: its
project load spent over ten minutes in one statement (marking freed parcels with a 100,000-element
``ANY``) on this machine and was stopped (docs/performance.md, "Search").
"""
from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry import clock
from registry.db import make_engine
from registry.domain.json_text import dump_json
from registry.services.demo.districts import shipped_districts
from registry.services.demo.enterprises import demo_enterprises
from registry.services.demo.projects import demo_projects
from registry.services.savings import PROJECT_FIGURES, FactorCache, stored_trace

COLUMNS = ("reference", "kind", "year", "status", "title", "enterprise_id", "district_code", "structural_mode", "inputs",
           *PROJECT_FIGURES, "savings_method", "savings_trace", "investment_wan_yuan", "output_value_wan_yuan",
           "planned_completion", "completed_on", "verified_on", "is_illustrative")
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--enterprises", type=int, help="default: two thirds of --projects")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--former-names", type=int, default=0, help="enterprises given a former name (曾用名)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()
    enterprises = demo_enterprises(rng, [d.code for d in shipped_districts()], count=args.enterprises or max(1, args.projects * 2 // 3))
    projects = demo_projects(rng, args.projects, enterprises, [], clock.today())
    engine = make_engine(args.url)
    with Session(engine) as session:
        factors = FactorCache(session)
        results = [factors.compute(p.inputs) for p in projects]
        session.rollback()
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy("COPY enterprises (credit_code, name, industry_code, district_code, is_illustrative) "
                         "FROM STDIN") as copy:
            for e in enterprises:
                copy.write_row((e.credit_code, e.name, e.industry_code, e.district_code, True))
        cursor.execute("SELECT credit_code, id FROM enterprises")
        ids = dict(cursor.fetchall())
        if args.former_names:
            _former_names(cursor, sorted(ids.values()), args.former_names, args.seed)
        with cursor.copy(f"COPY projects ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for p, result in zip(projects, results):
                copy.write_row((
                    p.reference, p.kind, p.year, p.status, p.title, ids[p.enterprise_credit_code], p.district_code,
                    p.structural_mode, dump_json(dict(p.inputs), ensure_ascii=False, separators=(",", ":")),
                    *(getattr(result, name) for name in PROJECT_FIGURES), result.method, _json(stored_trace(result)),
                    p.investment_wan_yuan, p.output_value_wan_yuan, p.planned_completion, p.completed_on,
                    p.verified_on, True))
        raw.commit()
    finally:
        raw.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("enterprises", "enterprise_former_names", "projects", "parcels"):
            conn.execute(text(f"VACUUM ANALYZE {table}"))
        counts = conn.execute(text("SELECT (SELECT count(*) FROM enterprises), (SELECT count(*) FROM projects), "
                                   "pg_size_pretty(pg_relation_size('projects'))")).one()
    engine.dispose()
    print(f"{counts[0]:,} enterprises, {counts[1]:,} projects ({counts[2]}) in {time.perf_counter() - started:.1f} s")


def _former_names(cursor, ids: list[int], count: int, seed: int) -> None:
    """``count`` of the enterprises (every len/count-th) with a former name from another draw of the demo's."""
    names = [e.name for e in demo_enterprises(random.Random(seed + 1), [d.code for d in shipped_districts()], count=count)]
    step = max(1, len(ids) // count)
    with cursor.copy("COPY enterprise_former_names (enterprise_id, name, until) FROM STDIN") as copy:
        for i, (enterprise_id, name) in enumerate(zip(ids[::step], names)):
            copy.write_row((enterprise_id, name, date(2015, 1, 1) + timedelta(days=i % 3650)))


if __name__ == "__main__":
    main()
