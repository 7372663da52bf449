"""Side by side on one PostGIS table: the registry's OGC items page and z14 parcel tile against
pygeoapi (PostgreSQL and MVT-postgresql providers) and against the raw SQL (pgbench).

    .venv/bin/python benchmarks/land/load.py registry_bench_i5 1000000
    .venv/bin/python benchmarks/land/bench_http.py registry_bench_i5 [--seconds 20] [--rounds 3]

Needs wrk and pgbench (apt), and pygeoapi in its own venv (/tmp/pygeoapi-venv:
``python3 -m venv /tmp/pygeoapi-venv && /tmp/pygeoapi-venv/bin/pip install pygeoapi psycopg2-binary
geoalchemy2 gunicorn``). Both HTTP servers run under gunicorn with 2 sync workers (the machine
has 2 cores); wrk uses 2 threads and 4 connections; pgbench 2 clients. Every request asks for a
random ~1 km box (items, limit=100) or a random z14 tile in central Shanghai, the same
distribution for all three. Prints a Markdown table.

The registry caches rendered tiles until a change touches them (services/tiles.py), so its tiles
are measured three ways: a cold pass (every tile of the range once, one client, right after start:
each request renders), the random load after it (each of the 2 workers renders a tile the first
time it gets it), and the same load while one parcel in the range is edited and committed every
second (each edit makes the tiles around it render again).
"""
from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PYGEOAPI_VENV = Path(os.environ.get("PYGEOAPI_VENV", "/tmp/pygeoapi-venv"))
OURS, THEIRS = 5003, 5002
AGENT = "land-bench"
BOX = (121.40, 31.15, 121.60, 31.30)  # where requests fall: central Shanghai
SIDE_DEG = 0.01  # ~1 km boxes
ZOOM = 14

_WRK_SCRIPT = """
math.randomseed(%(seed)d)
local minx, miny, spanx, spany, side = %(minx)f, %(miny)f, %(spanx)f, %(spany)f, %(side)f
local x0, x1, y0, y1 = %(x0)d, %(x1)d, %(y0)d, %(y1)d
request = function()
  local path
  if "%(kind)s" == "items" then
    local x, y = minx + math.random() * spanx, miny + math.random() * spany
    path = string.format("%(items)s", x, y, x + side, y + side)
  else
    local tx, ty = math.random(x0, x1), math.random(y0, y1)
    if "%(row_first)s" == "yes" then tx, ty = ty, tx end  -- OGC API - Tiles: {tileRow}/{tileCol}
    path = string.format("%(tile)s", tx, ty)
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%.1f %%.2f %%.2f %%d\\n", summary.requests / (summary.duration / 1e6),
           latency:percentile(50) / 1000, latency:percentile(95) / 1000,
           summary.errors.status + summary.errors.timeout))
end
"""

_PG_ITEMS = """
\\set x random(0, %(steps)d)
\\set y random(0, %(steps)d)
SELECT (SELECT count(*) FROM parcels t WHERE t.valid_to IS NULL AND t.geom && ST_MakeEnvelope(%(minx)f + :x * 0.0001, %(miny)f + :y * 0.0001, %(minx)f + :x * 0.0001 + %(side)f, %(miny)f + :y * 0.0001 + %(side)f, 4326) AND ST_Intersects(t.geom, ST_MakeEnvelope(%(minx)f + :x * 0.0001, %(miny)f + :y * 0.0001, %(minx)f + :x * 0.0001 + %(side)f, %(miny)f + :y * 0.0001 + %(side)f, 4326))), (SELECT string_agg(feature, ',') FROM (SELECT '{"type":"Feature","id":' || to_json(t.id)::text || ',"geometry":' || coalesce(ST_AsGeoJSON(t.geom, 9), 'null') || ',"properties":' || json_build_object('code', t.code, 'land_use_class', t.land_use_class, 'status', t.status, 'district_code', t.district_code, 'area_m2', round(t.area_m2, 2), 'valid_from', t.valid_from, 'valid_to', t.valid_to, 'freed_on', t.freed_on, 'is_illustrative', t.is_illustrative)::text || '}' AS feature FROM parcels t WHERE t.valid_to IS NULL AND t.geom && ST_MakeEnvelope(%(minx)f + :x * 0.0001, %(miny)f + :y * 0.0001, %(minx)f + :x * 0.0001 + %(side)f, %(miny)f + :y * 0.0001 + %(side)f, 4326) AND ST_Intersects(t.geom, ST_MakeEnvelope(%(minx)f + :x * 0.0001, %(miny)f + :y * 0.0001, %(minx)f + :x * 0.0001 + %(side)f, %(miny)f + :y * 0.0001 + %(side)f, 4326)) ORDER BY t.id LIMIT 100) page);
"""

_PG_TILE = """
\\set x random(%(x0)d, %(x1)d)
\\set y random(%(y0)d, %(y1)d)
WITH b AS (SELECT ST_TileEnvelope(%(z)d, :x, :y) AS merc, ST_Transform(ST_TileEnvelope(%(z)d, :x, :y, margin => 0.015625), 4326) AS geo)
SELECT ST_AsMVT(q, 'parcels', 4096, 'geom', 'id') FROM (SELECT t.id, t.code, t.status, t.land_use_class, t.district_code, round(t.area_m2)::bigint AS area_m2, ST_AsMVTGeom(ST_Transform(t.geom, 3857), b.merc, 4096, 64, true) AS geom FROM parcels t, b WHERE t.geom && b.geo AND t.valid_to IS NULL) q;
"""


def tile_range() -> tuple[int, int, int, int]:
    n = 2 ** ZOOM

    def xy(lon: float, lat: float) -> tuple[int, int]:
        return int((lon + 180) / 360 * n), int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)

    x0, y1 = xy(BOX[0], BOX[1])
    x1, y0 = xy(BOX[2], BOX[3])
    return x0, x1, y0, y1


def wait_for(url: str, headers: dict | None = None) -> None:
    for _ in range(60):
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5) as r:
                r.read()
                return
        except Exception:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not come up")


def login(port: int, user: str, password: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(urllib.request.Request(f"http://127.0.0.1:{port}/login", headers={"User-Agent": AGENT})) as page:
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.read().decode()).group(1)
    data = urllib.parse.urlencode({"username": user, "password": password, "csrf_token": token}).encode()
    with opener.open(urllib.request.Request(f"http://127.0.0.1:{port}/login", data=data,
                                            headers={"User-Agent": AGENT})) as response:
        response.read()
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def wrk(port: int, kind: str, items: str, tile: str, seconds: int, headers: list[str], work: Path,
        row_first: bool = False) -> tuple:
    x0, x1, y0, y1 = tile_range()
    script = work / f"{kind}-{port}.lua"
    script.write_text(_WRK_SCRIPT % dict(seed=42, minx=BOX[0], miny=BOX[1], spanx=BOX[2] - BOX[0] - SIDE_DEG,
                                         spany=BOX[3] - BOX[1] - SIDE_DEG, side=SIDE_DEG, x0=x0, x1=x1, y0=y0,
                                         y1=y1, kind=kind, items=items, tile=tile,
                                         row_first="yes" if row_first else "no"))
    args = ["wrk", "-t2", "-c4", f"-d{seconds}s", "-s", str(script)]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    rps, p50, p95, errors = re.search(r"RESULT (\S+) (\S+) (\S+) (\d+)", out).groups()
    return float(rps), float(p50), float(p95), int(errors)


def pgbench(database: str, socket: str, kind: str, seconds: int, work: Path) -> tuple:
    x0, x1, y0, y1 = tile_range()
    script = work / f"{kind}.sql"
    steps = int((BOX[2] - BOX[0] - SIDE_DEG) / 0.0001)
    body = _PG_ITEMS if kind == "items" else _PG_TILE
    script.write_text(body % dict(steps=steps, minx=BOX[0], miny=BOX[1], side=SIDE_DEG, x0=x0, x1=x1, y0=y0, y1=y1,
                                  z=ZOOM))
    logs = work / f"log-{kind}"
    shutil.rmtree(logs, ignore_errors=True)  # a previous round's logs would be counted again
    logs.mkdir()
    subprocess.run(["pgbench", "-n", "-h", socket, "-U", "registry", "-c", "2", "-j", "2", "-T", str(seconds),
                    "-f", str(script), "-l", "--log-prefix", str(logs / "pgbench"), database],
                   capture_output=True, text=True, check=True)
    latencies = sorted(int(line.split()[2]) / 1000 for f in logs.iterdir() for line in f.read_text().splitlines())
    rps = len(latencies) / seconds
    return rps, statistics.median(latencies), latencies[int(len(latencies) * 0.95)], 0


def cold_pass(port: int, headers: list[str]) -> tuple:
    """Every tile of the range once, in order, one client: the latency of rendering on a miss."""
    x0, x1, y0, y1 = tile_range()
    sent = dict(h.split(": ", 1) for h in headers)
    latencies = []
    started = time.perf_counter()
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            t = time.perf_counter()
            with urllib.request.urlopen(urllib.request.Request(
                    f"http://127.0.0.1:{port}/tiles/parcels/{ZOOM}/{x}/{y}.mvt", headers=sent)) as response:
                response.read()
            latencies.append((time.perf_counter() - t) * 1000)
    rps = len(latencies) / (time.perf_counter() - started)
    latencies.sort()
    return rps, statistics.median(latencies), latencies[int(len(latencies) * 0.95)], 0


class Editor(threading.Thread):
    """Edits (and commits) one random parcel of the benchmark range each second while it runs."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.stop, self.edits = url, threading.Event(), 0

    def run(self) -> None:
        from registry.db import make_engine

        engine = make_engine(self.url)
        with engine.connect() as connection:
            ids = connection.execute(text(
                "SELECT id FROM parcels WHERE geom && ST_MakeEnvelope(:a, :b, :c, :d, 4326) AND valid_to IS NULL "
                "ORDER BY random() LIMIT 1000"), dict(zip("abcd", BOX))).scalars().all()
            while not self.stop.wait(1.0):
                connection.execute(text("UPDATE parcels SET land_use_class = land_use_class WHERE id = :i"),
                                   {"i": ids[self.edits % len(ids)]})
                connection.commit()
                self.edits += 1
        engine.dispose()


def edited_meanwhile(url: str, measure) -> tuple:
    editor = Editor(url)
    editor.start()
    try:
        return measure()
    finally:
        editor.stop.set()
        editor.join()


def serve(cmd: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=log.parent)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=1,
                        help="run the items trio (registry, pygeoapi, raw SQL) this many times, alternating, and "
                             "print each round's ratios: the machine's speed drifts between runs")
    args = parser.parse_args()
    from registry.localdb import LocalCluster

    cluster = LocalCluster.default()
    url, socket = cluster.url(args.database), str(cluster.socket_dir)
    _ensure_planner(url)
    work = Path(tempfile.mkdtemp(prefix="land-bench-"))
    config = (HERE / "pygeoapi-config.yml").read_text().replace("SOCKET", socket).replace("DBNAME", args.database)
    (work / "cfg.yml").write_text(config)
    subprocess.run([str(PYGEOAPI_VENV / "bin/pygeoapi"), "openapi", "generate", "cfg.yml", "--output-file",
                    "openapi.yml"], cwd=work, check=True, capture_output=True)
    theirs = serve([str(PYGEOAPI_VENV / "bin/gunicorn"), "-w", "2", "-b", f"127.0.0.1:{THEIRS}",
                    "pygeoapi.flask_app:APP"],
                   dict(os.environ, PYGEOAPI_CONFIG="cfg.yml", PYGEOAPI_OPENAPI="openapi.yml"), work / "pygeoapi.log")
    ours = serve([str(ROOT / ".venv/bin/gunicorn"), "-w", "2", "-b", f"127.0.0.1:{OURS}", "registry:create_app()"],
                 dict(os.environ, DATABASE_URL=url, SECRET_KEY="land-bench", REGISTRY_INSECURE_COOKIES="1"), work / "registry.log")
    try:
        wait_for(f"http://127.0.0.1:{THEIRS}/conformance?f=json")
        wait_for(f"http://127.0.0.1:{OURS}/healthz")
        cookie = login(OURS, "bench-planner", "bench-password")
        headers = [f"Cookie: {cookie}", f"User-Agent: {AGENT}"]
        items = "/ogc/collections/parcels/items?bbox=%f,%f,%f,%f&limit=100"
        theirs_items = "/collections/parcels/items?bbox=%f,%f,%f,%f&limit=100&f=json"
        # warm both servers (pools, prepared statements, caches) before the first measured round
        wrk(OURS, "items", items, "", 3, headers, work)
        wrk(THEIRS, "items", theirs_items, "", 3, [], work)
        rounds = [{
            "registry": wrk(OURS, "items", items, "", args.seconds, headers, work),
            "pygeoapi": wrk(THEIRS, "items", theirs_items, "", args.seconds, [], work),
            "raw SQL (pgbench)": pgbench(args.database, socket, "items", args.seconds, work),
        } for _ in range(args.rounds)]
        rows = {
            **{("items", who): result for who, result in rounds[0].items()},
            ("tile z14", "registry, cold pass (each tile rendered)"): cold_pass(OURS, headers),
            ("tile z14", "registry"): wrk(OURS, "tile", "", f"/tiles/parcels/{ZOOM}/%d/%d.mvt", args.seconds, headers,
                                          work),
            ("tile z14", "registry, 1 parcel edited per second"): edited_meanwhile(url, lambda: wrk(
                OURS, "tile", "", f"/tiles/parcels/{ZOOM}/%d/%d.mvt", args.seconds, headers, work)),
            ("tile z14", "pygeoapi"): wrk(THEIRS, "tile", "", f"/collections/parcels/tiles/WebMercatorQuad/{ZOOM}/%d/%d?f=mvt",
                                          args.seconds, [], work, row_first=True),
            ("tile z14", "raw SQL (pgbench)"): pgbench(args.database, socket, "tile", args.seconds, work),
        }
    finally:
        for process in (ours, theirs):
            process.terminate()
            process.wait(timeout=30)
    print("| request | server | requests/s | p50 ms | p95 ms | non-2xx or timed out (> 2 s) |\n|---|---|---:|---:|---:|---:|")
    for (what, who), (rps, p50, p95, errors) in rows.items():
        print(f"| {what} | {who} | {rps:,.0f} | {p50:.1f} | {p95:.1f} | {errors} |")
    print("\n| items round | registry req/s | pygeoapi req/s | raw SQL req/s | × pygeoapi | % of raw SQL |\n"
          "|---:|---:|---:|---:|---:|---:|")
    for i, r in enumerate(rounds, 1):
        ours_, theirs_, raw = r["registry"][0], r["pygeoapi"][0], r["raw SQL (pgbench)"][0]
        print(f"| {i} | {ours_:,.0f} | {theirs_:,.0f} | {raw:,.0f} | {ours_ / max(theirs_, 1e-9):.1f} | "
              f"{100 * ours_ / max(raw, 1e-9):.0f} % |")
    if len(rounds) > 1:  # the machine drifts between rounds: the ratios' median is the run's answer
        print(f"| median | | | | {statistics.median(r['registry'][0] / max(r['pygeoapi'][0], 1e-9) for r in rounds):.1f} | "
              f"{100 * statistics.median(r['registry'][0] / max(r['raw SQL (pgbench)'][0], 1e-9) for r in rounds):.0f} % |")
    shutil.rmtree(work, ignore_errors=True)


def _ensure_planner(url: str) -> None:
    from registry.db import make_engine
    from registry.domain.permissions import Actor
    from registry.services import accounts

    engine = make_engine(url)
    with Session(engine) as session:
        if not session.execute(text("SELECT 1 FROM users WHERE username = 'bench-planner'")).first():
            accounts.create_user(session, Actor.system(), "bench-planner", "bench-password", "planner")
    engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
