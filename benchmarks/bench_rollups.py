"""Rollup benchmark: service vs bare SQL aggregate, dashboard server time, write visibility.

    .venv/bin/python benchmarks/bench_rollups.py registry_bench_i6 [--runs 40]

Run benchmarks/rollups_data.py first (1M projects, 100k parcels). Times are wall-clock on this
machine; every measurement is repeated and reported as median and p95.
"""
from __future__ import annotations

import argparse

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry import create_app
from registry.db import make_engine
from registry.domain.rollups import RollupQuery
from registry.localdb import LocalCluster
from registry.services import rollups
from timing import median, p95, timed

# The same numbers as rollup(2013, verified), computed from the projects table directly.
BARE_AGGREGATE = text("""
    SELECT district_code, kind, status, count(*), count(*) FILTER (WHERE savings_tce_equal_value IS NULL),
           coalesce(sum(savings_tce), 0), coalesce(sum(savings_tce_equal_value), 0), coalesce(sum(installed_kw), 0),
           coalesce(sum(remanufactured_kw), 0), coalesce(sum(investment_wan_yuan), 0),
           coalesce(sum(freed_land_m2), 0), coalesce(sum(output_value_wan_yuan), 0)
    FROM projects WHERE status = 'verified' AND verified_on BETWEEN '2013-01-01' AND '2013-12-31'
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
""")



def summary(name: str, ms: list[float]) -> str:
    return f"{name:48s} median {median(ms):8.1f} ms   p95 {p95(ms):8.1f} ms   (n={len(ms)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    url = LocalCluster.default().url(args.database)
    engine = make_engine(url)
    with Session(engine) as session:
        count = session.execute(text("SELECT count(*) FROM projects")).scalar_one()
        parcels = session.execute(text("SELECT count(*) FROM parcels")).scalar_one()
        print(f"database {args.database}: {count} projects, {parcels} parcels")
        query = RollupQuery(2013)
        bare = [tuple(r) for r in session.execute(BARE_AGGREGATE)]
        cells = rollups.rollup(session, query).cells
        assert len(bare) == len(cells) and all(
            (c.district_code, c.kind, c.status, c.figures.project_count, c.figures.equal_value_missing,
             c.figures.savings_tce, c.figures.savings_tce_equal_value) == b[:7] for c, b in zip(cells, bare)
        ), "the rollup and the bare aggregate disagree"
        print("rollup == bare aggregate: yes, cell by cell")
        as_of = rollups.database_now(session)
        # interleave the two so they share the machine's load
        service_ms, bare_ms, as_of_ms = [], [], []
        for _ in range(args.runs):
            service_ms += timed(lambda: rollups.rollup(session, query), 1)
            bare_ms += timed(lambda: session.execute(BARE_AGGREGATE).all(), 1)
        as_of_ms = timed(lambda: rollups.rollup(session, RollupQuery(2013, as_of=as_of)), max(5, args.runs // 4))
        print(summary("rollup(2013) service, live (rollup_cells)", service_ms))
        print(summary("bare SQL aggregate over projects", bare_ms))
        print(summary("rollup(2013, as_of=now) service (project_history)", as_of_ms))
        print(f"ratio service/bare (median): {median(service_ms) / median(bare_ms):.3f}")
        print(f"ratio as_of/bare (median):   {median(as_of_ms) / median(bare_ms):.3f}")

        # A write is visible in the next rollup.
        before = rollups.rollup(session, query).totals
        session.execute(text("""
            INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs,
                                  savings_tce, savings_tce_equal_value, completed_on, verified_on)
            SELECT 'BENCH-WRITE', 'technical_retrofit', 2013, 'verified', 'write check', min(id), '310115', '{}',
                   123.456, 150, '2013-06-01', '2013-06-02' FROM enterprises"""))
        after = rollups.rollup(session, query).totals
        print(f"write visible in the next rollup: count {before.project_count} -> {after.project_count}, "
              f"tce +{after.savings_tce - before.savings_tce}")
        session.rollback()

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    client.post("/login", data={"username": "planner", "password": "demo-password"}).close()

    def dashboard():
        response = client.get("/rollups?year=2013")
        assert response.status_code == 200
        response.close()

    print(summary("dashboard GET /rollups?year=2013 (server time)", timed(dashboard, args.runs)))

    def dashboard_as_of():
        response = client.get("/rollups?year=2013&as_of=2030-01-01")
        assert response.status_code == 200
        response.close()

    print(summary("dashboard with as_of (history)", timed(dashboard_as_of, max(5, args.runs // 4))))
    engine.dispose()


if __name__ == "__main__":
    main()
