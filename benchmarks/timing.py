"""Wall-clock timing shared by the benchmark scripts run as ``python benchmarks/<script>.py`` (their
folder is on the import path): milliseconds per run after one warm-up, and median/p95 of them."""
from __future__ import annotations

import statistics
import time


def timed(fn, runs: int) -> list[float]:
    """Milliseconds of each of ``runs`` calls of ``fn``, after one call not counted (warm caches)."""
    fn()
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def p95(ms: list[float]) -> float:
    return sorted(ms)[max(0, round(0.95 * len(ms)) - 1)]


def median(ms: list[float]) -> float:
    return statistics.median(ms)
