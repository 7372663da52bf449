"""The enterprise page (企业页面, ``GET /enterprises/<id>``) and the API's enterprise
(``GET /api/v1/enterprises/<code>``) at city scale, with the online monitoring: the page's projects,
history, former names, monitored years with the verdicts of its projects and the bar chart; the API's
details, former names and monitored years. In-process through Flask's test client, signed in as a
city reviewer and as Pudong's staff (users ``bench-reviewer`` and ``bench-pudong``, added if missing), for a typical enterprise (2 projects, 5 monitored years), a big
one (200 projects of every year, 5 monitored years) and one without monitoring (2 projects).

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 20000 --projects 0 --seed 7
    .venv/bin/python benchmarks/search_data.py <same url> --projects 200000 --enterprises 20000
    .venv/bin/python benchmarks/monitoring_data.py <same url> --monitored 5000 --big 200
    .venv/bin/python benchmarks/bench_enterprise_page.py <same url> [--runs 20] [--statements] [--explain]

Each case: median and p95 of ``--runs`` requests after a warm-up, and the SQL statements one request
runs (``before_cursor_execute`` on every engine: the sign-in's look-up included). ``--statements``
lists those of the big enterprise's page as a reviewer; ``--explain`` runs EXPLAIN ANALYZE of each of
its SELECTs with the request's parameters and prints the dearest. Results go to docs/performance.md
("The enterprise page (企业页面) with online monitoring").
"""
from __future__ import annotations

import argparse
import time
from collections import Counter

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from command_line import database_arguments
from monitoring_data import cases
from registry import create_app
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.services import accounts
from timing import median, p95, timed

PASSWORD = "bench-enterprise-page"
READERS = {"reviewer": ("bench-reviewer", "city_reviewer", None),
           "Pudong staff": ("bench-pudong", "district_staff", "310115")}


class Statements:
    """Every statement any engine runs while ``recording``, with its parameters."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, object]] = []
        self.recording = False
        event.listen(Engine, "before_cursor_execute", self._record)

    def _record(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if self.recording:
            self.seen.append((statement, parameters))

    def of(self, fn) -> list[tuple[str, object]]:
        self.seen, self.recording = [], True
        try:
            fn()
        finally:
            self.recording = False
        return self.seen


def ensure_readers(url: str) -> None:
    engine = make_engine(url)
    with Session(engine) as session:
        for username, role, district in READERS.values():
            if session.execute(text("SELECT 1 FROM users WHERE username = :u"), {"u": username}).first() is None:
                accounts.create_user(session, Actor.system(), username, PASSWORD, role, district)
        session.commit()
    engine.dispose()


def getter(client, path: str):
    def get() -> None:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        response.close()
    return get


def shown(statement: str) -> str:
    return " ".join(statement.split())[:150]


def explain(url: str, seen: list[tuple[str, object]], top: int = 8) -> None:
    engine = make_engine(url)
    costs = []
    with engine.connect() as conn:
        for statement, parameters in seen:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            plan = [line for (line,) in conn.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS OFF) {statement}",
                                                             parameters or {})]
            took = float(plan[-1].split(":")[1].split()[0])  # "Execution Time: x ms"
            costs.append((took, statement, plan))
        conn.rollback()
    engine.dispose()
    for took, statement, plan in sorted(costs, key=lambda c: -c[0])[:top]:
        print(f"\n{took:.2f} ms  {shown(statement)}")
        for line in plan:
            print("   ", line)


def report(args: argparse.Namespace, seen: list[tuple[str, object]], what: str) -> None:
    """As ``arguments`` asked: ``seen``'s statements (times run) under ``what``, and the dearest explained."""
    if args.statements and seen:
        print(f"\n{what}: statements (times run)")
        for statement, count in Counter(shown(s) for s, _ in seen).most_common():
            print(f"{count:>3} × {statement}")
    if args.explain and seen:
        explain(args.url, seen)


def arguments(page: str, more=None) -> argparse.Namespace:
    """A page benchmark's: the database's URL, ``--runs``, and ``--statements`` / ``--explain`` of ``page``
    (and what ``more``, given the parser, adds)."""
    parser = database_arguments(runs=20)
    if more is not None:
        more(parser)
    parser.add_argument("--statements", action="store_true", help=f"list {page}'s statements")
    parser.add_argument("--explain", action="store_true", help=f"EXPLAIN ANALYZE {page}'s statements")
    return parser.parse_args()


def main() -> None:
    args = arguments("the big page")
    ensure_readers(args.url)
    engine = make_engine(args.url)
    with engine.connect() as conn:
        ids = cases(conn)
        codes = dict(conn.execute(text("SELECT id, credit_code FROM enterprises WHERE id = ANY(:ids)"),
                                  {"ids": list(ids.values())}).all())
        sizes = conn.execute(text("SELECT (SELECT count(*) FROM projects), (SELECT count(*) FROM energy_monitoring), "
                                  "(SELECT count(DISTINCT credit_code) FROM energy_monitoring)")).one()
    engine.dispose()
    print(f"{sizes[0]:,} projects; {sizes[1]:,} monitored figures of {sizes[2]:,} enterprises; {args.runs} runs each")
    statements = Statements()
    app = create_app({"DATABASE_URL": args.url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False, "API_RATE_LIMIT": "1000000 per minute"})
    print("| enterprise | request | reader | statements | median ms | p95 ms |")
    print("|---|---|---|---:|---:|---:|")
    big_page = None
    for reader, (username, _role, _district) in READERS.items():
        client = app.test_client()
        client.post("/login", data={"username": username, "password": PASSWORD}).close()
        for case, enterprise_id in ids.items():
            for label, path in (("page", f"/enterprises/{enterprise_id}"),
                                ("API", f"/api/v1/enterprises/{codes[enterprise_id]}")):
                get = getter(client, path)
                seen = statements.of(get)
                if case == "big" and label == "page" and reader == "reviewer":
                    big_page = seen
                ms = timed(get, args.runs)
                print(f"| {case} | {label} | {reader} | {len(seen)} | {median(ms):.1f} | {p95(ms):.1f} |")
    report(args, big_page or [], "The big enterprise's page, reviewer")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
