"""JSON API timings on a demo database: token look-up among many tokens, list/read/create/replay.

    .venv/bin/python benchmarks/api/bench_api.py registry_bench_i8 [--tokens 10000] [--runs 200]

Creates the database if needed (migrations, demo data, ``--tokens`` API tokens), then times
in-process (Flask test client, so server time without HTTP). Writes a Pudong token to
``var/bench_api_token`` for the wrk runs (docs/performance.md).
"""
from __future__ import annotations

import argparse
import hashlib
import secrets
import statistics
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from registry import create_app, migrations
from registry.config import PROJECT_ROOT
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.localdb import LocalCluster
from registry.models import ApiToken, Project, User
from registry.services import tokens
from registry.services.demo import load_demo

BODY = {"kind": "motor_upgrade", "year": 2017, "title": "bench", "district_code": "310115",
        "credit_code": "91110000600037341L", "enterprise_name": "Bench Motor Works",
        "inputs": {"kind": "motor_upgrade", "year": 2017, "motors": [
            {"count": 2, "rated_kw": 55, "load_factor": 0.75, "hours_per_year": 6000,
             "efficiency_before": 0.921, "efficiency_after": 0.946}]}}


def prepare(name: str, token_count: int) -> tuple[str, str]:
    cluster = LocalCluster.default()
    cluster.start()
    url = cluster.url(name)
    cluster.ensure_database(name)
    migrations.upgrade(url)
    engine = make_engine(url)
    with Session(engine) as session:
        if session.scalar(select(func.count()).select_from(Project)) == 0:
            load_demo(session)
        have = session.scalar(select(func.count()).select_from(ApiToken))
        if have < token_count:
            user_id = session.scalar(select(User.id).where(User.username == "planner"))
            expires = datetime.now(timezone.utc) + timedelta(days=30)
            rows = [{"user_id": user_id, "name": f"bench-{i}", "prefix": "rgy_bench",
                     "token_hash": hashlib.sha256(secrets.token_bytes(32)).hexdigest(), "expires_at": expires}
                    for i in range(token_count - have)]
            session.execute(insert(ApiToken), rows)
            session.commit()
        secret = tokens.create_token(session, Actor.system(), "pudong", "bench", tokens.expiry(days=7)).secret
    engine.dispose()
    (PROJECT_ROOT / "var" / "bench_api_token").write_text(secret)
    return url, secret


def timed(label: str, runs: int, call) -> None:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[int(0.95 * (len(samples) - 1))]
    print(f"| {label} | {statistics.median(samples):.2f} ms | {p95:.2f} ms | {runs} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--tokens", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    url, secret = prepare(args.database, args.tokens)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "API_RATE_LIMIT": "1000000 per minute"})
    client = app.test_client()
    auth = {"Authorization": f"Bearer {secret}"}
    engine = make_engine(url)
    print("| measurement | median | p95 | runs |\n|---|---|---|---|")
    with Session(engine) as session:
        timed(f"authenticate_token among {args.tokens:,} tokens (sha256 + unique index)", args.runs,
              lambda: tokens.authenticate_token(session, secret))

    def get(path: str) -> None:
        response = client.get(path, headers=auth)
        assert response.status_code == 200, response.get_data(as_text=True)
        response.close()

    timed("GET /api/v1/projects?page_size=25 (list, count, 25 items)", args.runs, lambda: get("/api/v1/projects?page_size=25"))
    project_id = client.get("/api/v1/projects?district=310115&page_size=1", headers=auth).get_json()["items"][0]["id"]
    timed("GET /api/v1/projects/{id} (view, parcels, history)", args.runs, lambda: get(f"/api/v1/projects/{project_id}"))
    timed("GET /api/v1/districts (16 outlines, GeoJSON)", max(20, args.runs // 10), lambda: get("/api/v1/districts"))

    def create(key: str) -> None:
        response = client.post("/api/v1/projects", json=BODY, headers=auth | {"Idempotency-Key": key})
        assert response.status_code == 201, response.get_data(as_text=True)
        response.close()

    keys = iter(secrets.token_hex(8) for _ in range(args.runs))
    timed("POST /api/v1/projects with Idempotency-Key (create)", max(20, args.runs // 5), lambda: create(next(keys)))
    timed("POST /api/v1/projects, same key and body (replay)", args.runs, lambda: create("replayed-key"))
    engine.dispose()


if __name__ == "__main__":
    main()
