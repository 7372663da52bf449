"""The land-output report (土地产出, ``/land/output`` and ``/api/v1/land/output``) at city scale: each
view first (nothing kept: the first view after a change of its data) and again (kept, migration
0040), through Flask's test client as a city reviewer, with the statements one request runs and
how many of them read ``parcel_outputs``.

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 1000000 --projects 0 --seed 7
    psql <same> -c "INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan, source) SELECT p.id, y,
        round((p.area_m2 / 100 * (0.5 + random()) * (1 + (y - 2016) * 0.05))::numeric, 1), '示意'
        FROM parcels p, (VALUES (2016), (2017)) v(y)" -c 'VACUUM ANALYZE'
    .venv/bin/python benchmarks/bench_land_output.py <same url> [--runs 20] [--first-runs 3] [--writes]

Run from a checkout without the cache (before migration 0040's code), every view is a first view:
the script then times each view ``--first-runs`` times. ``--writes`` times what a planner's
recorded output costs, with and without the version triggers. Results go to docs/performance.md
("Land output (土地产出) kept until its data changes").
"""
from __future__ import annotations

import argparse
import time

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench_enterprise_page import Statements, getter
from registry import create_app
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.services import accounts
from timing import median, p95, timed

try:
    from registry.report_caches import LAND_OUTPUT_CACHE
    LAND_OUTPUT_KEY = LAND_OUTPUT_CACHE.key
except ImportError:
    try:  # before registry/app_caches.py
        from registry.report_caches import LAND_OUTPUT_KEY
    except ImportError:  # before the cache: every view reads afresh
        LAND_OUTPUT_KEY = None

USERNAME, PASSWORD = "bench-land-reviewer", "bench-land-output"
VIEWS = ["/land/output", "/land/output?level=development_zone", "/land/output?level=zone",
         "/land/output?level=parcel", "/land/output?level=parcel&sort=-change", "/api/v1/land/output",
         "/api/v1/land/output?level=parcel&sort=-change"]


def ensure_reader(url: str) -> str:
    """Add the reader if missing; what the database holds, in words."""
    engine = make_engine(url)
    with Session(engine) as session:
        if session.execute(text("SELECT 1 FROM users WHERE username = :u"), {"u": USERNAME}).first() is None:
            accounts.create_user(session, Actor.system(), USERNAME, PASSWORD, "city_reviewer")
        session.commit()
        held = [session.scalar(text(f"SELECT count(*) FROM {table}")) for table in ("parcels", "parcel_outputs", "zones")]
    engine.dispose()
    return "{:,} parcels, {:,} outputs, {:,} zones".format(*held)


def views(url: str, runs: int, first_runs: int, statements: Statements) -> None:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    client.post("/login", data={"username": USERNAME, "password": PASSWORD}).close()
    print("| view | kept? | statements (reading parcel_outputs) | median ms | p95 ms |")
    print("|---|---|---:|---:|---:|")
    for path in VIEWS:
        get = getter(client, path)

        def first(get=get) -> None:
            kept = app.extensions.get(LAND_OUTPUT_KEY) if LAND_OUTPUT_KEY else None
            if kept is not None:  # emptied (made at the first view, or by create_app before app_caches)
                app.extensions[LAND_OUTPUT_KEY] = type(kept)()
            get()

        _line(path, "first", statements.of(first), timed(first, first_runs))
        if LAND_OUTPUT_KEY:
            _line(path, "again", statements.of(get), timed(get, runs))


def _line(path: str, kind: str, seen: list, ms: list[float]) -> None:
    reading = sum(1 for statement, _ in seen if "parcel_outputs" in statement)
    print(f"| `{path}` | {kind} | {len(seen)} ({reading}) | {median(ms):.0f} | {p95(ms):.0f} |")


def writes(url: str, runs: int) -> None:
    """A planner's recorded output (one upsert), with the version triggers and without, each
    in a transaction rolled back; and 1,000 of them in one transaction (a script's)."""
    engine = make_engine(url)
    upsert = text("INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) SELECT id, 2017, 1 FROM parcels "
                  "WHERE id = :p ON CONFLICT (parcel_id, year) DO UPDATE SET output_wan_yuan = EXCLUDED.output_wan_yuan")
    with engine.connect() as conn:
        for triggers in ("with", "without"):
            def one(n: int = 1) -> None:
                tx = conn.begin()
                if triggers == "without":
                    conn.execute(text("ALTER TABLE parcel_outputs DISABLE TRIGGER USER"))
                for i in range(n):
                    conn.execute(upsert, {"p": 1 + i})
                tx.rollback()
            ms, many = timed(one, runs), timed(lambda: one(1000), 3)
            print(f"| {triggers} the triggers | one upsert {median(ms):.1f} ms (p95 {p95(ms):.1f}) | "
                  f"1,000 in one transaction {median(many):.0f} ms |")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description="The land-output report, first views and repeat views.")
    parser.add_argument("url")
    for option, default in (("--runs", 20), ("--first-runs", 3)):
        parser.add_argument(option, type=int, default=default)
    parser.add_argument("--writes", action="store_true")
    args = parser.parse_args()
    print(ensure_reader(args.url) + "\n")
    views(args.url, args.runs, args.first_runs, Statements())
    if args.writes:
        writes(args.url, args.runs)


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
