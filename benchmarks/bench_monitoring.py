"""The monitoring cross-check (在线监测对照) at city scale: the project list's filter "deviation from the
monitoring beyond the tolerance" (``GET /projects?monitoring=flagged``, reviewers' work queue), the
marks on a plain page of the list, and the enterprise page of an enterprise with many projects, each
in-process through Flask's test client as a city reviewer and as Pudong's staff (users
``bench-reviewer`` and ``bench-pudong`` of ``bench_enterprise_page.py``, added if missing); and the
service calls behind them (``services/monitoring_checks.py``) on one session.

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 100000 --projects 100000 --seed 7
    .venv/bin/python benchmarks/monitoring_claims_data.py <same url> --every 4 --big 500
    .venv/bin/python benchmarks/bench_monitoring.py <same url> [--runs 10] [--afresh 3] [--no-check]
                                                    [--statements] [--explain]

First it checks (unless ``--no-check``) that both readers' filters and the big enterprise's verdicts are
those computed from scratch, every candidate's document parsed. Each case: median and p95 of
``--runs`` after a warm-up, and the SQL statements one request runs; then ``--afresh`` views of the
reviewer's filtered list with no claim kept (as after a load or a change of the factors; not run by
the code before the claims were kept). ``--statements`` / ``--explain`` list / EXPLAIN ANALYZE the
reviewer's filtered list's. Results go to docs/performance.md ("The monitoring cross-check at city
scale").
"""
from __future__ import annotations

import time

from sqlalchemy import text
from sqlalchemy.orm import Session

from bench_enterprise_page import PASSWORD, READERS, Statements, arguments, ensure_readers, getter, report
from monitoring_data import cases
from registry import create_app
from registry.db import make_engine
from registry.config import monitoring_tolerance_percent
from registry.domain.monitoring import FLAGGED, cross_check
from registry.domain.permissions import Actor, unapproved_readable_in
from registry.repositories.monitoring import figures_of
from registry.services import monitoring_checks
from registry.services.projects import listing
from registry.services.savings import FactorCache
from timing import median, p95, timed

def actors(url: str) -> dict[str, Actor]:
    engine = make_engine(url)
    found = {}
    with engine.connect() as conn:
        for reader, (username, role, district) in READERS.items():
            user_id = conn.execute(text("SELECT id FROM users WHERE username = :u"), {"u": username}).scalar_one()
            found[reader] = Actor(user_id, username, role, district)
    engine.dispose()
    return found


def parts(url: str, readers: dict[str, Actor], big: int, runs: int) -> None:
    """The service calls on one session, each reader: the filter's ids, a page's marks, the big page's."""
    engine = make_engine(url)
    print("| service call | reader | result | median ms | p95 ms |")
    print("|---|---|---:|---:|---:|")
    with Session(engine) as session:
        code, district = session.execute(text("SELECT credit_code, district_code FROM enterprises WHERE id = :e"),
                                         {"e": big}).one()
        for reader, actor in readers.items():
            criteria = listing.list_criteria(session, actor, listing.ProjectFilter())
            page = [item.id for item in listing.list_projects(session, actor, listing.ProjectFilter(page_size=200)).items]
            cases_ = {
                "flagged_among (the filter)": lambda a=actor, c=criteria: len(monitoring_checks.flagged_among(
                    session, a, listing.repo.list_conditions(c))),
                "marked_as_flagged (200 rows)": lambda a=actor, p=page: len(monitoring_checks.marked_as_flagged(
                    session, a, p)),
                "enterprise_monitoring (big)": lambda a=actor: sum(len(y.projects) for y in monitoring_checks
                                                                   .enterprise_monitoring(session, a, big, code, district).years),
            }
            for name, fn in cases_.items():
                result = fn()
                ms = timed(fn, runs)
                print(f"| {name} | {reader} | {result:,} | {median(ms):.1f} | {p95(ms):.1f} |")
                session.rollback()
    engine.dispose()


def pages(url: str, big: int, runs: int, statements: Statements) -> list[tuple[str, object]]:
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    print("\n| page | reader | statements | median ms | p95 ms |")
    print("|---|---|---:|---:|---:|")
    filtered: list[tuple[str, object]] = []
    for reader, (username, _role, _district) in READERS.items():
        client = app.test_client()
        client.post("/login", data={"username": username, "password": PASSWORD}).close()
        for path in ("/projects?monitoring=flagged", "/projects", "/projects?page_size=200",
                     f"/enterprises/{big}"):
            get = getter(client, path)
            seen = statements.of(get)
            if reader == "reviewer" and path.endswith("flagged"):
                filtered = seen
            ms = timed(get, runs)
            print(f"| `{path}` | {reader} | {len(seen)} | {median(ms):.1f} | {p95(ms):.1f} |")
    return filtered


def reference(session: Session, readers: dict[str, Actor], big: int) -> None:
    """The verdicts computed from scratch — every candidate's document parsed (``claim_of``), checked
    against the figures (``cross_check``): what the filter answered before its claims were kept — and
    those the services give now, which must be the same."""
    rows = session.execute(text("""
        SELECT p.id, p.inputs, e.credit_code, p.district_code, p.enterprise_id FROM projects p
        JOIN enterprises e ON e.id = p.enterprise_id
        WHERE EXISTS (SELECT FROM energy_monitoring m WHERE m.credit_code = e.credit_code)""")).all()
    factors, tolerance = FactorCache(session), monitoring_tolerance_percent()
    figures = figures_of(session, {row.credit_code for row in rows})
    verdicts = {}
    for row in rows:
        if claim := monitoring_checks.claim_of(row.inputs, factors):
            verdicts[row.id] = (row, cross_check(claim, figures.get((row.credit_code, claim.year)), tolerance).verdict)
    for reader, actor in readers.items():
        district = unapproved_readable_in(actor)
        expected = {pid for pid, (row, verdict) in verdicts.items()
                    if verdict == FLAGGED and district in (None, row.district_code)}
        assert set(monitoring_checks.flagged_among(session, actor)) == expected, reader
        code, place = session.execute(text("SELECT credit_code, district_code FROM enterprises WHERE id = :e"),
                                      {"e": big}).one()
        page = monitoring_checks.enterprise_monitoring(session, actor, big, code, place)
        shown = {c.project.id: c.check.verdict for year in page.years for c in year.projects} | {
            c.project.id: c.check.verdict for c in page.without_figure}
        assert shown == {pid: verdict for pid, (row, verdict) in verdicts.items() if row.enterprise_id == big
                         and district in (None, row.district_code)}, reader
        print(f"{reader}: {len(expected):,} flagged, the big enterprise's {len(shown)} verdicts — as computed from scratch")
    session.rollback()


def afresh(url: str, runs: int) -> None:
    """The reviewer's filtered list with no claim kept: as the first after a load of projects, a change of
    the factors or of the claim rules (each run forgets them first)."""
    if not hasattr(monitoring_checks, "CLAIM_RULES"):
        return  # before the claims were kept, every view computed them all
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    engine = make_engine(url)
    client = app.test_client()
    client.post("/login", data={"username": READERS["reviewer"][0], "password": PASSWORD}).close()
    get = getter(client, "/projects?monitoring=flagged")
    ms = []
    for _ in range(runs):
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM project_claims"))
        started = time.perf_counter()
        get()
        ms.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    print(f"| `/projects?monitoring=flagged`, no claim kept | reviewer | — | {median(ms):.1f} | {max(ms):.1f} (max) |")


def main() -> None:
    args = arguments("the reviewer's filtered list", lambda parser: (
        parser.add_argument("--afresh", type=int, default=3, help="runs of the filtered list with no claim kept"),
        parser.add_argument("--no-check", action="store_true", help="skip the check against verdicts from scratch")))
    ensure_readers(args.url)
    readers = actors(args.url)
    engine = make_engine(args.url)
    with engine.connect() as conn:
        big = cases(conn)["big"]
        sizes = conn.execute(text("""
            SELECT (SELECT count(*) FROM projects), (SELECT count(*) FROM energy_monitoring),
                   (SELECT count(DISTINCT credit_code) FROM energy_monitoring),
                   (SELECT count(*) FROM projects WHERE enterprise_id = :big)"""), {"big": big}).one()
    print(f"{sizes[0]:,} projects; {sizes[1]:,} monitored figures of {sizes[2]:,} enterprises; the big enterprise "
          f"{big}: {sizes[3]} projects; {args.runs} runs each\n")
    if not args.no_check:
        with Session(engine) as session:
            reference(session, readers, big)
    engine.dispose()
    statements = Statements()
    parts(args.url, readers, big, args.runs)
    seen = pages(args.url, big, args.runs, statements)
    afresh(args.url, args.afresh)
    report(args, seen, "The reviewer's filtered list")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s)")
