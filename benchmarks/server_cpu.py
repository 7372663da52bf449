"""Server CPU of a block of client code, for a machine shared with other engineers' runs (where a
request's wall time swings with the load, the CPU the server spent on it much less): the CPU time of
every backend this process opened through SQLAlchemy (``/proc/<pid>/schedstat``, nanoseconds) plus
that of their parallel workers, found among the postmaster's children and read every 2 ms while the
block runs (a worker's last < 2 ms may be missed). Same machine as the cluster; readable /proc.

    cpu = ServerCPU()                       # before the engines connect
    wall_ms, server_ms = cpu.measure(fn)
"""

from __future__ import annotations

import re
import threading
import time

from sqlalchemy import event
from sqlalchemy.engine import Engine

_WORKER = re.compile(rb"parallel worker for PID (\d+)")
POLL_S = 0.002


def _cpu_ns(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/schedstat") as stat:
            return int(stat.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def parent_pid(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None


def child_pids(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            return [int(c) for c in children.read().split()]
    except OSError:
        return []


class ServerCPU:
    """Notes the backend of every connection any SQLAlchemy engine of this process opens."""

    def __init__(self) -> None:
        self.backends: set[int] = set()
        self._workers: dict[int, bool] = {}  # a postmaster child seen: whether it works for our backends
        event.listen(Engine, "connect", self._note)

    def _note(self, dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.backends.add(cursor.fetchone()[0])
        dbapi_connection.rollback()

    def _ours(self, pid: int) -> bool:
        if pid not in self._workers:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    match = _WORKER.search(cmdline.read())
            except OSError:
                match = None
            self._workers[pid] = bool(match and int(match.group(1)) in self.backends)
        return self._workers[pid]

    def _poll(self, done: threading.Event, seen: dict[int, int]) -> None:
        postmasters = {parent_pid(pid) for pid in self.backends} - {None}
        while not done.is_set():
            for pid in (c for p in postmasters for c in child_pids(p)):
                if pid not in self.backends and self._ours(pid) and (ns := _cpu_ns(pid)) is not None:
                    seen[pid] = max(seen.get(pid, 0), ns)
            time.sleep(POLL_S)

    def measure(self, fn) -> tuple[float, float]:
        """Wall ms of ``fn()`` and the server's CPU ms for it (its backends' and their workers')."""
        before = {pid: _cpu_ns(pid) or 0 for pid in self.backends}
        self._workers = {}  # a worker's pid may be another's later
        done, workers = threading.Event(), {}
        poller = threading.Thread(target=self._poll, args=(done, workers), daemon=True)
        poller.start()
        started = time.perf_counter()
        fn()
        wall = (time.perf_counter() - started) * 1000
        done.set()
        poller.join()
        backends = sum((_cpu_ns(pid) or 0) - before.get(pid, 0) for pid in self.backends)
        return wall, (backends + sum(workers.values())) / 1e6
