"""The overview page (概览, ``GET /``), everybody's landing page, at city scale: the whole page through
Flask's test client for each kind of reader (and the reviewer's with the district map drawn afresh,
as after a district or zone changed), and its parts as ``registry/web/pages.py`` calls them — the
holdings line, the map's outlines, the count cards and the to-do list.

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 1000000 --projects 100000 --seed 7
    .venv/bin/python benchmarks/bench_overview.py <same url> [--runs 20] [--statements] [--explain]

Users ``bench-overview-<role>`` are added if missing (Pudong's staff for the district staff). Each
case: median and p95 of ``--runs`` after a warm-up; a part on one session, as a request's are;
the page with the SQL statements one request runs (``before_cursor_execute`` on every engine, the
sign-in's look-up included). ``--statements`` lists the reviewer's page's statements, ``--explain``
EXPLAIN ANALYZEs them and prints the dearest. Results go to docs/performance.md ("The overview at
city scale").
"""
from __future__ import annotations

import time

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench_enterprise_page import Statements, arguments, getter, report
from command_line import table_counts
from registry import create_app
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.repositories import places
from registry.services import accounts
from registry.services import overview as overview_service
from registry.web import pages
from timing import median, p95, timed

try:  # the counts the database keeps (migration 0038)
    from registry.repositories.record_counts import holdings
except ImportError:  # before them, for the figures "before" (docs/performance.md)
    from registry.repositories.stats import registry_counts as holdings  # type: ignore[no-redef]
# the drawn district map's key in app.extensions (none before it was kept)
MAP_CACHE = getattr(getattr(pages, "DISTRICT_MAPS", None), "key", getattr(pages, "_MAP_CACHE", None))

PASSWORD = "bench-overview"
READERS = {"reviewer": ("city_reviewer", None), "Pudong staff": ("district_staff", "310115"),
           "planner": ("planner", None), "admin": ("admin", None)}


def username(role: str) -> str:
    return f"bench-overview-{role}"


def ensure_readers(url: str) -> dict[str, Actor]:
    engine = make_engine(url)
    actors = {}
    with Session(engine) as session:
        for reader, (role, district) in READERS.items():
            found = session.execute(text("SELECT id FROM users WHERE username = :u"), {"u": username(role)}).first()
            if found is None:
                accounts.create_user(session, Actor.system(), username(role), PASSWORD, role, district)
                found = session.execute(text("SELECT id FROM users WHERE username = :u"), {"u": username(role)}).first()
            actors[reader] = Actor(found[0], username(role), role, district)
        session.commit()
    engine.dispose()
    return actors


def parts(url: str, actors: dict[str, Actor], runs: int) -> None:
    engine = make_engine(url)
    print("| part | reader | median ms | p95 ms |")
    print("|---|---|---:|---:|")
    with Session(engine) as session:
        cases = [("holdings line", "all", lambda: holdings(session)),
                 ("map outlines (districts, zones)", "all",
                  lambda: (places.district_outlines(session), places.zone_outlines(session)))]
        for reader, actor in actors.items():
            cases += [("cards", reader, lambda a=actor: overview_service.cards(session, a)),
                      ("to-do list", reader, lambda a=actor: overview_service.todo(session, a))]
        for name, reader, fn in cases:
            ms = timed(fn, runs)
            print(f"| {name} | {reader} | {median(ms):.1f} | {p95(ms):.1f} |")
            session.rollback()
    engine.dispose()


def page(url: str, runs: int, statements: Statements) -> list[tuple[str, object]]:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    print("\n| page `GET /` | reader | statements | median ms | p95 ms |")
    print("|---|---|---:|---:|---:|")
    reviewer_page: list[tuple[str, object]] = []
    for reader, (role, _district) in READERS.items():
        client = app.test_client()
        client.post("/login", data={"username": username(role), "password": PASSWORD}).close()
        get = getter(client, "/")
        get()  # the district map drawn (and kept) once
        seen = statements.of(get)
        if reader == "reviewer":
            reviewer_page = seen
        ms = timed(get, runs)
        print(f"| overview | {reader} | {len(seen)} | {median(ms):.1f} | {p95(ms):.1f} |")
        if reader == "reviewer" and MAP_CACHE:  # as the first visit after a district or zone changed
            def afresh(get=get) -> None:
                app.extensions.pop(MAP_CACHE, None)
                get()
            ms = timed(afresh, runs)
            print(f"| overview, map drawn afresh | {reader} | {len(statements.of(afresh))} | {median(ms):.1f} | {p95(ms):.1f} |")
    return reviewer_page


def main() -> None:
    args = arguments("the reviewer's page")
    actors = ensure_readers(args.url)
    engine = make_engine(args.url)
    with engine.connect() as conn:
        sizes = table_counts(conn, "parcels", "projects", "enterprises")
    engine.dispose()
    print(f"{sizes[0]:,} parcels, {sizes[1]:,} projects, {sizes[2]:,} enterprises; {args.runs} runs each\n")
    statements = Statements()
    parts(args.url, actors, args.runs)
    seen = page(args.url, args.runs, statements)
    report(args, seen, "The reviewer's page")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
