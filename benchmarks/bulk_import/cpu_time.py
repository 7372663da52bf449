"""An import (by default the 1M parcel import) timed by CPU seconds as well as wall time, for a machine shared with others'
test runs, where the wall time of one run swings by a factor of two with the load (docs/performance.md,
session 27). Server CPU: the import's backend plus its parallel workers, read from /proc every 50 ms
(the same machine as the cluster; a worker's last < 50 ms may be missed). Client CPU: getrusage.

    .venv/bin/python benchmarks/bulk_import/cpu_time.py FILE.gpkg   # DATABASE_URL, PYTHONPATH as for the CLI
    .venv/bin/python benchmarks/bulk_import/cpu_time.py -- import projects FILE.xlsx [--dry-run]   # any command
"""

from __future__ import annotations

import os
import re
import resource
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks/: server_cpu.py
from server_cpu import child_pids, parent_pid  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
_WORKER = re.compile(rb"parallel worker for PID (\d+)")
backends: set[int] = set()
cpu_seen: dict[int, float] = {}
finished = threading.Event()


@event.listens_for(Engine, "connect")
def _note_backend(dbapi_connection, record) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backends.add(cursor.fetchone()[0])
    dbapi_connection.rollback()


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def _workers() -> set[int]:
    """The parallel workers of our backends: among the postmaster's children (not all of /proc,
    which on a shared machine would cost the client more CPU than the import's own reading)."""
    found = set()
    postmasters = {parent_pid(pid) for pid in backends} - {None}
    for entry in (child for postmaster in postmasters for child in child_pids(postmaster)):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                match = _WORKER.search(cmdline.read())
        except OSError:
            continue
        if match and int(match.group(1)) in backends:
            found.add(int(entry))
    return found


def _poll() -> None:
    while not finished.is_set():
        for pid in backends | _workers():
            seconds = _cpu_seconds(pid)
            if seconds is not None:
                cpu_seen[pid] = max(cpu_seen.get(pid, 0.0), seconds)
        time.sleep(0.05)


def main(args: list[str]) -> None:
    from registry.cli import main as cli

    threading.Thread(target=_poll, daemon=True).start()
    started = time.monotonic()
    command = args[1:] if args[0] == "--" else ["import", "parcels", args[0], "--layer", "parcels", "--quiet"]
    sys.argv = ["registry", *command]
    try:
        cli()
    except SystemExit:
        pass
    wall = time.monotonic() - started
    time.sleep(0.1)
    finished.set()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    backend = sum(cpu_seen.get(pid, 0.0) for pid in backends)
    workers = sum(seconds for pid, seconds in cpu_seen.items() if pid not in backends)
    print(
        f"wall {wall:.1f} s  server CPU {backend + workers:.1f} s (backend {backend:.1f}, workers {workers:.1f})  "
        f"client CPU {usage.ru_utime + usage.ru_stime:.1f} s  peak RSS {usage.ru_maxrss // 1024} MB"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
