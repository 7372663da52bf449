"""Where an import's time goes, statement by statement: for each SQL statement (and the COPY, which the
driver runs outside SQLAlchemy's events) its wall time, the server CPU it cost (the backend and its
parallel workers, by cpu_time.py's /proc poller) and the client CPU spent meanwhile; the
slowest statements, then the totals (docs/performance.md, "Session 33").

    .venv/bin/python benchmarks/bulk_import/phases.py FILE.gpkg [TOP]   # DATABASE_URL, PYTHONPATH as for the CLI
"""

from __future__ import annotations

import os
import re
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import cpu_time  # noqa: E402  (its connect hook and poller)
from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

steps: list[tuple[str, float, float, float, float]] = []  # (statement, wall, backend, workers, client)


def _client() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _server() -> tuple[float, float]:
    backend = sum(cpu_time._cpu_seconds(pid) or cpu_time.cpu_seen.get(pid, 0.0) for pid in cpu_time.backends)
    workers = sum(s for pid, s in cpu_time.cpu_seen.items() if pid not in cpu_time.backends)
    return backend, workers


class _Timer:
    def __init__(self, label: str) -> None:
        self.label = label

    def __enter__(self) -> None:
        self.started, self.server, self.client = time.monotonic(), _server(), _client()

    def __exit__(self, *exc) -> None:
        time.sleep(0.06)  # the poller's last look at this statement's workers
        backend, workers = _server()
        steps.append(
            (
                self.label,
                time.monotonic() - self.started - 0.06,
                backend - self.server[0],
                workers - self.server[1],
                _client() - self.client,
            )
        )


_open: dict[int, _Timer] = {}
# PHASES_EXPLAIN=REGEX: the single statements matching it run under EXPLAIN (ANALYZE, BUFFERS), plan printed
_EXPLAIN = re.compile(os.environ["PHASES_EXPLAIN"], re.S) if os.environ.get("PHASES_EXPLAIN") else None
plans: list[str] = []


@event.listens_for(Engine, "before_cursor_execute", retval=True)
def _before(conn, cursor, statement, parameters, context, executemany):
    timer = _Timer(re.sub(r"\s+", " ", statement).strip()[:110])
    _open[id(cursor)] = timer
    if _EXPLAIN and _EXPLAIN.search(statement) and ";" not in statement.strip().rstrip(";"):
        statement = "EXPLAIN (ANALYZE, BUFFERS) " + statement
        timer.label = "EXPLAIN " + timer.label
    timer.__enter__()
    return statement, parameters


@event.listens_for(Engine, "after_cursor_execute")
def _after(conn, cursor, statement, parameters, context, executemany) -> None:
    timer = _open.pop(id(cursor), None)
    if timer is not None:
        timer.__exit__()
    if statement.startswith("EXPLAIN (ANALYZE"):
        plans.append(statement[:300] + "\n" + "\n".join(row[0] for row in cursor.fetchall()))


def _time_copy() -> None:
    from registry.repositories import imports

    copy_rows = imports.copy_rows

    def timed(*args, **kwargs):
        with _Timer("COPY (reading the file, client → server)"):
            copy_rows(*args, **kwargs)

    imports.copy_rows = timed


def main(path: str, top: int) -> None:
    from registry.cli import main as cli

    cpu_time.threading.Thread(target=cpu_time._poll, daemon=True).start()
    _time_copy()
    started, client = time.monotonic(), _client()
    sys.argv = ["registry", "import", "parcels", path, "--layer", "parcels", "--quiet"]
    try:
        cli()
    except SystemExit:
        pass
    wall = time.monotonic() - started
    cpu_time.finished.set()
    for plan in plans:
        print(plan, "\n")
    print(f"{'wall':>7} {'backend':>7} {'workers':>7} {'client':>7}  statement")
    for label, seconds, backend, workers, own in sorted(steps, key=lambda s: -s[1])[:top]:
        print(f"{seconds:7.2f} {backend:7.2f} {workers:7.2f} {own:7.2f}  {label}")
    backend, workers = _server()
    timed = sum(s[1] for s in steps)
    print(
        f"all {len(steps)} statements {timed:.1f} s; whole import {wall:.1f} s wall, server CPU "
        f"{backend + workers:.1f} s (backend {backend:.1f}, workers {workers:.1f}), client CPU {_client() - client:.1f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30)
