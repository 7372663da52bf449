"""Instructions one OGC items request costs the worker, counted by callgrind (whatever else the
machine is doing, the count is the same): the Flask test client, signed in as a planner, asks
``/ogc/collections/parcels/items`` for 10 fixed ~1 km boxes (limit 100) in turn, COUNT times.

    .venv/bin/python benchmarks/land/load.py registry_bench_100k 100000
    benchmarks/land/items_instructions.sh registry_bench_100k      # (Ir(60) − Ir(20)) / 40

The database's own work is not counted (it runs in the PostgreSQL backends).
"""
from __future__ import annotations

import os
import random
import re
import sys

from benchmarks.land.bench_http import BOX, SIDE_DEG, _ensure_planner
from registry.localdb import LocalCluster

ITEMS = "/ogc/collections/parcels/items?bbox={:f},{:f},{:f},{:f}&limit=100"


def boxes(count: int = 10, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    minx, miny, maxx, maxy = BOX
    corners = [(minx + rng.random() * (maxx - minx - SIDE_DEG), miny + rng.random() * (maxy - miny - SIDE_DEG))
               for _ in range(count)]
    return [ITEMS.format(x, y, x + SIDE_DEG, y + SIDE_DEG) for x, y in corners]


def planner_client(name: str):
    """A Flask test client of the app on database ``name``, signed in as the benchmark planner."""
    url = LocalCluster.default().url(name)
    os.environ.update(DATABASE_URL=url, SECRET_KEY=os.environ.get("SECRET_KEY", "bench"))
    _ensure_planner(url)
    from registry import create_app

    client = create_app().test_client()
    login = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login).group(1)
    client.post("/login", data={"username": "bench-planner", "password": "bench-password", "csrf_token": token})
    return client


def main(name: str, count: int) -> None:
    client = planner_client(name)
    paths = boxes()
    for i in range(count):
        response = client.get(paths[i % len(paths)])
        if response.status_code != 200:
            raise SystemExit(f"{paths[i % len(paths)]}: {response.status_code}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
