"""Rollup benchmark: the pages a leader opens (server time), the service against the bare SQL
aggregates it stands for, and a write's visibility.

    .venv/bin/python benchmarks/bench_rollups.py registry_bench_i6 [--runs 40] [--server URL]

Run benchmarks/rollups_data.py first (1M projects, 100k parcels, their history spread over ten
years). Times are wall-clock on this machine; every measurement is repeated and reported as median
and p95, with the load average beside it (the machine is shared). It measures, in this order:

1. the service: ``rollup(2013)`` live and the bare aggregate over ``projects`` (interleaved), and
   ``rollup(2013, as_of)`` for each moment of ``MOMENTS``, first checked cell by cell (figures and
   money) against the bare aggregate over ``project_history`` it stands for, and the trend too;
2. the dashboard as a leader opens it: ``/rollups`` (the programme year), ``/rollups?year=2013``,
   the projects behind a figure (``/rollups/projects``), then as of each moment: its first view
   (which may store a checkpoint) apart, then the views after it, the moments in turn; then
   ``/rollups?year=2013`` with its district map drawn afresh against kept (``bench_rollup_map.py``);
3. a closed year: 2013 is closed (``registry close-year``) unless an earlier run closed it, then
   its dashboard, live and as of a moment after the closing;
4. a write is visible in the next rollup (rolled back).

Step 3 closes 2013 (a later run measures it closed from the start). The checkpoints an earlier run
stored (derived data, migration 0039) are deleted first, so the first views are first views again.
"""
from __future__ import annotations

import argparse
import os
import time
from datetime import datetime, timedelta
from decimal import MAX_PREC, localcontext

from sqlalchemy import text
from sqlalchemy.orm import Session

from command_line import table_counts
from registry import create_app
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.domain.rollups import SHANGHAI, RollupQuery, parse_as_of
from registry.localdb import LocalCluster
from registry.services import rollups
from bench_rollup_map import map_views
from scratch import on_server
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
# ... and as of a moment, from every state of project_history valid then (year NULL: the trend's years)
BARE_AS_OF = text("""
    SELECT extract(year FROM verified_on)::int, district_code, kind, status, count(*),
           count(*) FILTER (WHERE savings_tce_equal_value IS NULL), coalesce(sum(savings_tce), 0),
           coalesce(sum(savings_tce_equal_value), 0), coalesce(sum(installed_kw), 0),
           coalesce(sum(remanufactured_kw), 0), coalesce(sum(investment_wan_yuan), 0),
           coalesce(sum(freed_land_m2), 0), coalesce(sum(output_value_wan_yuan), 0),
           coalesce(sum(subsidy_approved_wan_yuan), 0), coalesce(sum(subsidy_requested_wan_yuan), 0)
    FROM project_history WHERE valid_from <= :as_of AND (valid_to IS NULL OR valid_to > :as_of)
      AND status = 'verified' AND verified_on IS NOT NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
""")
# Days a leader reports as of: the end of January after a year (its statistics' deadline), the end
# of a year, and a day in a year's middle; each the end of that day, Shanghai time.
MOMENTS = ("2011-01-31", "2014-01-31", "2014-06-30", "2016-12-31", "2019-01-31", "2020-06-30")


def load() -> str:
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def summary(name: str, ms: list[float]) -> str:
    return f"{name:58s} median {median(ms):8.1f} ms   p95 {p95(ms):8.1f} ms   (n={len(ms)}, {load()})"


def check_as_of(session: Session, moment: datetime) -> None:
    """rollup() and trend() as of ``moment`` are the bare aggregate of history, cell by cell."""
    bare = [tuple(r) for r in session.execute(BARE_AS_OF, {"as_of": moment})]
    report = rollups.rollup(session, RollupQuery(2013, as_of=moment))
    money = {c.key: c.subsidies for c in report.subsidies}
    mine = [(2013, *c.key, c.figures.project_count, c.figures.equal_value_missing, c.figures.savings_tce,
             c.figures.savings_tce_equal_value, c.figures.installed_kw, c.figures.remanufactured_kw,
             c.figures.investment_wan_yuan, c.figures.freed_land_m2, c.figures.output_value_wan_yuan,
             money[c.key].subsidy_approved_wan_yuan, money[c.key].subsidy_requested_wan_yuan) for c in report.cells]
    assert mine == [b for b in bare if b[0] == 2013], f"rollup as of {moment} is not the bare aggregate"
    years = {}
    with localcontext(prec=MAX_PREC):  # every digit, as the database sums
        for b in bare:
            count, tce = years.get(b[0], (0, 0))
            years[b[0]] = (count + b[4], tce + b[6])
    trend = rollups.trend(session, RollupQuery(2013, as_of=moment))
    assert {y: (f.project_count, f.savings_tce) for y, f in trend.items()} == years, f"trend as of {moment}"


def service(session: Session, runs: int) -> None:
    query = RollupQuery(2013)
    bare = [tuple(r) for r in session.execute(BARE_AGGREGATE)]
    cells = rollups.rollup(session, query).cells
    assert len(bare) == len(cells) and all(
        (c.district_code, c.kind, c.status, c.figures.project_count, c.figures.equal_value_missing,
         c.figures.savings_tce, c.figures.savings_tce_equal_value) == b[:7] for c, b in zip(cells, bare)
    ), "the rollup and the bare aggregate disagree"
    print("rollup == bare aggregate: yes, cell by cell")
    service_ms, bare_ms = [], []
    for _ in range(runs):  # interleaved, so the two share the machine's load
        service_ms += timed(lambda: rollups.rollup(session, query), 1)
        bare_ms += timed(lambda: session.execute(BARE_AGGREGATE).all(), 1)
    print(summary("rollup(2013) service, live", service_ms))
    print(summary("bare SQL aggregate over projects", bare_ms))
    print(f"ratio service/bare (median): {median(service_ms) / median(bare_ms):.3f}")
    now = rollups.database_now(session)
    for day in MOMENTS:
        check_as_of(session, parse_as_of(day))
    check_as_of(session, now)
    print(f"rollup and trend as of {', '.join(MOMENTS)} and now == bare aggregate of history: yes")
    as_of_ms, bare_as_of_ms = [], []
    for day in (*MOMENTS, None):
        moment = parse_as_of(day) if day else now
        as_of_ms += timed(lambda: rollups.rollup(session, RollupQuery(2013, as_of=moment)), max(2, runs // 10))
        bare_as_of_ms += timed(lambda: session.execute(BARE_AS_OF, {"as_of": moment}).all(), max(2, runs // 10))
    print(summary("rollup(2013, as_of) service, each moment", as_of_ms))
    print(summary("bare SQL aggregate over history, each moment", bare_as_of_ms))


def pages(client, runs: int) -> None:
    def get(path: str):
        def fetch():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            response.close()
        return fetch

    print(summary("GET /rollups (the programme year, as a leader opens it)", timed(get("/rollups"), runs)))
    print(summary("GET /rollups?year=2013", timed(get("/rollups?year=2013"), runs)))
    print(summary("GET /rollups/projects?year=2013 (behind a figure)", timed(get("/rollups/projects?year=2013"), runs)))
    first = [_once(get(f"/rollups?year=2013&as_of={day}")) for day in MOMENTS]
    print(summary("dashboard as of a moment: its first view", first))
    later = []
    for _ in range(max(1, runs // len(MOMENTS))):
        for day in MOMENTS:
            later += [_once(get(f"/rollups?year=2013&as_of={day}"))]
    print(summary("dashboard as of a moment: the views after", later))
    print(summary("GET /rollups?year=2013&as_of=2030-01-01 (now)", timed(get("/rollups?year=2013&as_of=2030-01-01"),
                                                                         max(5, runs // 4))))
    print(summary("GET /rollups/projects?year=2013&as_of=2014-01-31",
                  timed(get("/rollups/projects?year=2013&as_of=2014-01-31"), max(5, runs // 4))))


def _once(fetch) -> float:
    started = time.perf_counter()
    fetch()
    return (time.perf_counter() - started) * 1000


def closed_year(session: Session, client, runs: int) -> None:
    closed_at = session.execute(text("SELECT as_of FROM rollup_closures WHERE year = 2013 AND rule = 'verified'")).scalar()
    if closed_at is None:
        started = time.perf_counter()
        closed_at = rollups.close_year(session, Actor(None, "admin", "admin"), 2013, "verified").as_of
        print(f"closed 2013 in {time.perf_counter() - started:.1f} s")
    else:
        print("2013 was closed already (an earlier run)")
    after = (closed_at + timedelta(hours=1)).astimezone(SHANGHAI).isoformat()

    def get(**args):
        def fetch():
            response = client.get("/rollups", query_string=args)
            assert response.status_code == 200, (args, response.status_code)
            response.close()
        return fetch

    print(summary("GET /rollups?year=2013, 2013 closed", timed(get(year=2013), runs)))
    print(summary("the same as of an hour after the closing", timed(get(year=2013, as_of=after), max(5, runs // 4))))


def write_visible(session: Session) -> None:
    query = RollupQuery(2013)
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--server", default=os.environ.get("BENCH_SERVER_URL"),
                        help="the server the database is on (default: the project-local cluster)")
    args = parser.parse_args()
    url = on_server(args.server, args.database) if args.server else LocalCluster.default().url(args.database)
    engine = make_engine(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    client.post("/login", data={"username": "planner", "password": "demo-password"}).close()
    with Session(engine) as session:
        counts = table_counts(session, "projects", "parcels", "project_history")
        print(f"database {args.database}: {counts[0]} projects, {counts[1]} parcels, {counts[2]} history states; "
              f"{load()}")
        if session.execute(text("SELECT to_regclass('rollup_checkpoints')")).scalar() is not None:
            session.execute(text("DELETE FROM rollup_checkpoints"))  # an earlier run's: derived data
            session.commit()
        service(session, args.runs)
        session.rollback()
        pages(client, args.runs)
        map_views(app, client, ("/rollups?year=2013",), max(5, args.runs // 4))
        closed_year(session, client, args.runs)
        write_visible(session)
    engine.dispose()


if __name__ == "__main__":
    main()
