"""Wall-clock cost of a full OGC items page (100 features) in-process, database included: the Flask
test client signed in as a planner asks 20 fixed 0.05° boxes of central Shanghai in turn.

    .venv/bin/python benchmarks/land/load.py registry_bench_100k 100000
    .venv/bin/python -m benchmarks.land.items_timing registry_bench_100k [REQUESTS]

To compare with an earlier commit, run the same module from a worktree of it
(``REGISTRY_VAR_DIR=$PWD/var PYTHONPATH=/path/to/worktree``), alternating.
"""
from __future__ import annotations

import os
import random
import re
import sys
import time

from benchmarks.land.bench_http import _ensure_planner
from registry.localdb import LocalCluster


def main(name: str, requests: int = 200) -> None:
    url = LocalCluster.default().url(name)
    os.environ.update(DATABASE_URL=url, SECRET_KEY=os.environ.get("SECRET_KEY", "bench"))
    _ensure_planner(url)
    from registry import create_app

    client = create_app().test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)
    client.post("/login", data={"username": "bench-planner", "password": "bench-password", "csrf_token": token})
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
