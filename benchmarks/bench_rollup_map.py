"""The rollup dashboard with its district map kept (registry/web/drawn_once.py): ``GET /rollups``
through Flask's test client as the demo's planner, its first view — the map's caches emptied
before each, as after a district changed or for a year not yet seen — against the views after it,
alternated so both share the machine's load, each with the SQL statements it runs.

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo load
    .venv/bin/python benchmarks/bench_rollup_map.py <same url> [--runs 40]

``bench_rollups.py`` measures the same on its 1M database (``map_views``). Results go to
docs/performance.md ("Rollups").
"""
from __future__ import annotations

import os
import time

from bench_enterprise_page import Statements, getter
from command_line import database_arguments
from registry import create_app
from registry.web.rollups import MAP_CACHES
from timing import median, p95

PATHS = ("/rollups?lang=zh_Hans_CN", "/rollups?lang=en")  # the programme year, in each language


def map_views(app, client, paths: tuple[str, ...], runs: int) -> None:
    """Each path's first view (the map drawn) and its views after: statements, then median / p95 of
    the wall-clock ms and of this process's CPU ms (the database's time left out: steadier on a
    loaded machine)."""
    statements = Statements()
    for path in paths:
        get = getter(client, path)

        def afresh() -> None:
            for cache in MAP_CACHES:  # AppCaches, or their keys before registry/app_caches.py
                app.extensions.pop(getattr(cache, "key", cache), None)
            get()

        get()  # warm-up
        first, again = ([], []), ([], [])
        for _ in range(runs):  # interleaved: one of each in turn
            for fn, (wall, cpu) in ((afresh, first), (get, again)):
                started, cpu_started = time.perf_counter(), time.process_time()
                fn()
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - cpu_started) * 1000)
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        for name, (wall, cpu), fn in (("first view", first, afresh), ("views after", again, get)):
            print(f"| {path} {name} | {len(statements.of(fn))} | {median(wall):.1f} / {p95(wall):.1f} "
                  f"| {median(cpu):.1f} / {p95(cpu):.1f} | {load} |")


def main() -> None:
    parser = database_arguments(runs=40)
    args = parser.parse_args()
    app = create_app({"DATABASE_URL": args.url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False})
    client = app.test_client()
    client.post("/login", data={"username": "planner", "password": "demo-password"}).close()
    print("| page | statements | wall ms, median / p95 | CPU ms, median / p95 | load |\n|---|---:|---:|---:|---|")
    map_views(app, client, PATHS, args.runs)


if __name__ == "__main__":
    main()
