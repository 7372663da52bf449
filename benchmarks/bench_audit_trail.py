"""Audit trail at city scale: the 审计日志 page's reads (count + one page) over millions of entries.

    .venv/bin/python benchmarks/bench_audit_trail.py [--entries 3000000] [--runs 15] [--keep]

Builds ``registry_bench_audit`` in the local cluster (migrated to head), fills ``audit_log`` with
``--entries`` synthetic entries by one ``INSERT … SELECT generate_series`` (20 users, the entity and
action mix of a working registry, moments over three years), ANALYZEs, then times
``services.audit_trail.read_trail`` — what the page and ``registry audit list`` call — for the
filters people use, each as median and p95 of ``--runs`` (after one warm-up). The page's own SQL is
the count of matching entries and one page of them (web/paging.py: the count decides the pages).
Results go to docs/performance.md ("Audit trail").
"""
from __future__ import annotations

import argparse
import time
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry import migrations
from registry.db import make_engine
from registry.domain.audit_trail import TrailFilter
from registry.domain.permissions import Actor
from registry.localdb import LocalCluster
from registry.services import audit_trail
from timing import median, p95, timed

DATABASE = "registry_bench_audit"
USERS = 20
# entity, action, share of entries (a registry where projects are edited most, parcels next)
FILL = text("""
    INSERT INTO audit_log (at, user_id, channel, action, entity, entity_id, changes)
    SELECT timestamptz '2024-01-01 00:00+08' + (n * interval '1 second' * (94608000.0 / :entries)),
           1 + n % :users, 'web',
           (ARRAY['create','update','update','submit','approve','update','load','split','update','verify'])[1 + n % 10],
           (ARRAY['project','project','project','project','project','parcel','parcel','enterprise','target','user'])[1 + (n / 10) % 10],
           (1 + n % 50000)::text,
           jsonb_build_object('title', jsonb_build_array('旧名称', '新名称'))
    FROM generate_series(1, :entries) AS n
""")


def build(entries: int) -> str:
    url = LocalCluster.default().recreate_database(DATABASE)
    migrations.upgrade(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        for i in range(1, USERS + 1):
            conn.execute(text("INSERT INTO users (id, username, display_name, role, is_active) "
                              "VALUES (:i, :u, :n, 'admin', true)"), {"i": i, "u": f"user{i:02d}", "n": f"user{i:02d}"})
        started = time.perf_counter()
        conn.execute(FILL, {"entries": entries, "users": USERS})
        print(f"filled {entries:,} entries in {time.perf_counter() - started:.1f} s")
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE audit_log"))
    engine.dispose()
    return url



CASES = {
    "everything, page 1 (administrator)": TrailFilter(),
    "everything, page 1,000": TrailFilter(page=1000),
    "one user, page 1": TrailFilter(username="user07"),
    "projects, page 1 (city reviewer's default)": TrailFilter(entity="project"),
    "one project's entries": TrailFilter(entity="project", entity_id="4242"),
    "action submit, one month": TrailFilter(action="submit", since=date(2025, 3, 1), until=date(2025, 3, 31)),
    "one day": TrailFilter(since=date(2025, 6, 18), until=date(2025, 6, 18)),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="reuse the database of an earlier run")
    args = parser.parse_args()
    url = LocalCluster.default().url(DATABASE) if args.keep else build(args.entries)
    engine = make_engine(url)
    admin = Actor(1, "user01", "admin", None)
    print(f"| read_trail, {args.entries:,} entries | total | median ms | p95 ms |")
    print("|---|---|---|---|")
    with Session(engine) as session:
        for name, filters in CASES.items():
            total = audit_trail.read_trail(session, admin, filters).total
            ms = timed(lambda f=filters: audit_trail.read_trail(session, admin, f), args.runs)
            print(f"| {name} | {total:,} | {median(ms):.1f} | {p95(ms):.1f} |")
    engine.dispose()


if __name__ == "__main__":
    main()
