"""Wall-clock cost of a full OGC items page (100 features) in-process, database included: the Flask
test client signed in as a planner asks 20 fixed 0.05° boxes of central Shanghai in turn.

    .venv/bin/python benchmarks/land/load.py registry_bench_100k 100000
    .venv/bin/python -m benchmarks.land.items_timing registry_bench_100k [REQUESTS]

To compare with an earlier commit, run the same module from a worktree of it
(``REGISTRY_VAR_DIR=$PWD/var PYTHONPATH=/path/to/worktree``), alternating.
"""
from __future__ import annotations

import random
import sys
import time

from benchmarks.land.items_instructions import planner_client


def main(name: str, requests: int = 200) -> None:
    client = planner_client(name)
    rng = random.Random(3)
    paths = []
    for _ in range(20):
        x, y = 121.40 + rng.random() * 0.15, 31.15 + rng.random() * 0.1
        paths.append(f"/ogc/collections/parcels/items?bbox={x},{y},{x + 0.05},{y + 0.05}&limit=100")
    returned = [client.get(p).get_json()["numberReturned"] for p in paths]  # also warms the caches
    start = time.perf_counter()
    for i in range(requests):
        client.get(paths[i % len(paths)])
    elapsed = (time.perf_counter() - start) / requests
    print(f"features per page {sum(returned) / len(returned):.1f}, ms per request {elapsed * 1000:.2f}")


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:3]))
