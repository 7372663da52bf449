"""The freed-land query at scale: district + zone kind + completion years, as the page runs it
(totals, breakdown by district and by zone kind, a sorted page of 200 rows).

    .venv/bin/python benchmarks/land/load.py registry_bench_i5 1000000
    .venv/bin/python benchmarks/land/bench_freed_query.py registry_bench_i5 [--runs 300]

Each run draws a random district, zone kind and two-year window; reports p50/p95/p99 (ms) of the
service call (``find_freed_land``) and of the same call through the JSON API (Flask test client,
signed in as a planner).
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry import create_app
from registry.db import make_engine
from registry.domain.freed_land import parse_land_query
from registry.domain.permissions import Actor
from registry.localdb import LocalCluster
from registry.services import accounts
from registry.services.freed_land import find_freed_land

KINDS = ("development_zone", "block_104", "region_195", "region_198", "other")


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    pick = lambda q: ordered[min(len(ordered) - 1, int(len(ordered) * q))]  # noqa: E731
    return f"p50 {statistics.median(ordered):.1f} ms · p95 {pick(0.95):.1f} ms · p99 {pick(0.99):.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    url = LocalCluster.default().url(args.database)
    engine = make_engine(url)
    rng = random.Random(7)
    with Session(engine) as session:
        districts = list(session.execute(text("SELECT code FROM districts ORDER BY code")).scalars())
        parcels, freed = session.execute(text(
            "SELECT count(*), count(*) FILTER (WHERE status <> 'in_use') FROM parcels")).one()

        def draw() -> dict[str, list[str]]:
            year = rng.randint(2013, 2016)
            return {"district": [rng.choice(districts)], "zone_kind": [rng.choice(KINDS)],
                    "year_from": [str(year)], "year_to": [str(year + 1)]}

        actor = Actor(None, "bench", "planner")
        samples, matched = [], []
        for i in range(args.runs + 20):
            query = parse_land_query(draw())
            started = time.perf_counter()
            result = find_freed_land(session, actor, query, with_geometry=False)
            if i >= 20:  # warm-up
                samples.append((time.perf_counter() - started) * 1000)
                matched.append(result.totals.count)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    with Session(engine) as session:  # the planner the HTTP half signs in as
        if not session.execute(text("SELECT 1 FROM users WHERE username = 'bench-planner'")).first():
            accounts.create_user(session, Actor.system(), "bench-planner", "bench-password", "planner")
            session.commit()
    client.post("/login", data={"username": "bench-planner", "password": "bench-password"}).close()
    http = []
    for i in range(args.runs + 20):
        started = time.perf_counter()
        response = client.get("/api/v1/land/freed", query_string=draw() | {"limit": ["200"]})
        response.close()
        if response.status_code != 200:
            raise SystemExit(f"GET /api/v1/land/freed answered {response.status_code}")
        if i >= 20:
            http.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    print(f"{parcels:,} parcels, {freed:,} freed; {args.runs} queries matching "
          f"{statistics.median(matched):,.0f} parcels (median), {max(matched):,} at most")
    print(f"service find_freed_land: {percentiles(samples)}")
    print(f"GET /api/v1/land/freed (with geometry): {percentiles(http)}")


if __name__ == "__main__":
    main()
