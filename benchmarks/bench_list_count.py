"""The project list's count kept (migration 0048, ``services/projects/list_counts.py``) as a reader meets
it: a text's list viewed first after a write to ``projects`` (the count not kept: counted), its page 2
and the return to its page 1 (kept) — for a city reviewer, Pudong's staff on their district and over
every district (``bench_project_list.LISTS``), through Flask's test client; wall ms and the server's
CPU ms (``server_cpu.py``: the backends' and their parallel workers') of each request.

    (the database of bench_list_filters.py: demo synth 100,000 projects, monitoring_claims_data.py --big 500)
    .venv/bin/python benchmarks/bench_list_count.py <url> [--rounds 5] [--texts 化工,华申,塑料制品,电机]
    PYTHONPATH=<checkout of the code before 0048> … # the same requests, every one counting

Each round, before each list: one committed ``UPDATE projects SET updated_at = updated_at`` of one row
(a psycopg connection of its own, not timed), so main's kept count of that list is stale. Prints the
median of the rounds per list and step, then per step over all lists, with the load average. Results:
docs/performance.md ("Session 33: project list count").
"""

from __future__ import annotations

import os
import statistics
import time
from collections import defaultdict

import psycopg
from sqlalchemy.engine import make_url

from bench_enterprise_page import PASSWORD, READERS, ensure_readers, getter
from bench_project_list import LISTS
from command_line import database_arguments
from server_cpu import ServerCPU

STEPS = ("first view", "page 2", "return")


def _bump(url: str) -> None:
    """A write to ``projects`` changing nothing a reader sees, committed."""
    parts = make_url(url)
    with psycopg.connect(dbname=parts.database, user=parts.username, autocommit=True, **parts.query) as conn:
        conn.execute("UPDATE projects SET updated_at = updated_at WHERE id = (SELECT min(id) FROM projects)")


def main() -> None:
    parser = database_arguments(runs=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--texts", default="化工,华申,塑料制品,电机")
    args = parser.parse_args()
    ensure_readers(args.url)
    cpu = ServerCPU()
    from registry import create_app  # after ServerCPU: its engine's backends are noted

    app = create_app(
        {"DATABASE_URL": args.url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False, "SESSION_COOKIE_SECURE": False}
    )
    clients = {}
    for label, (_actor, _district, _query, user) in LISTS.items():
        clients[label] = app.test_client()
        clients[label].post("/login", data={"username": READERS[user][0], "password": PASSWORD}).close()
    texts = args.texts.split(",")
    for label, (_a, _d, query, _u) in LISTS.items():  # warm-up: every page once
        for t in texts:
            getter(clients[label], f"/projects?{query}q={t}")()
            getter(clients[label], f"/projects?{query}q={t}&page=2")()
    print(
        f"code: {os.environ.get('PYTHONPATH', '?')}; load {open('/proc/loadavg').read().split()[:3]}; "
        f"{args.rounds} rounds"
    )
    seen: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    started = time.time()
    for _round in range(args.rounds):
        for t in texts:
            for label, (_a, _d, query, _u) in LISTS.items():
                _bump(args.url)
                path = f"/projects?{query}q={t}"
                for step, page in zip(STEPS, (path, f"{path}&page=2", path)):
                    seen[(t, label, step)].append(cpu.measure(getter(clients[label], page)))
    print(f"({time.time() - started:.0f} s; load after {open('/proc/loadavg').read().split()[:3]})\n")
    print("| text | list | " + " | ".join(f"{s} wall · CPU ms" for s in STEPS) + " |")
    print("|---|---|" + "---:|" * len(STEPS))
    for t in texts:
        for label in LISTS:
            cells = [_medians(seen[(t, label, s)]) for s in STEPS]
            print(f"| {t} | {label} | " + " | ".join(f"{w:.0f} · {c:.0f}" for w, c in cells) + " |")
    print(
        "| all | all | "
        + " | ".join(
            "{:.0f} · {:.0f}".format(*_medians([m for (_t, _l, s), ms in seen.items() if s == step for m in ms]))
            for step in STEPS
        )
        + " |"
    )


def _medians(measures: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in measures), statistics.median(c for _, c in measures)


if __name__ == "__main__":
    main()
