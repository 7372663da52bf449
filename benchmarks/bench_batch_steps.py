"""A batch of workflow steps at its bound (批量审核): 200 projects approved, returned with a comment and
submitted again, each batch one transaction (``services.projects.transition_many``), against the same
200 steps taken one project at a time (``transition``: what 200 visits to project pages ask of the
server, without the pages).

    .venv/bin/python benchmarks/bench_batch_steps.py [--runs 5] [--server postgresql://…/postgres]

Builds ``registry_bench_batch`` (migrated to head) in the local cluster, or on ``--server``'s
PostgreSQL: the 16 districts and 200 Pudong motor upgrades submitted for review. Each run takes the
three steps as batches, then the same three one at a time, and prints median and p95 milliseconds per
step of 200 projects. Results go to docs/performance.md ("Batches of workflow steps").
"""
from __future__ import annotations

import argparse
import time

from sqlalchemy import create_engine, pool, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from registry import migrations
from registry.db import make_engine
from registry.domain.batch_steps import MAX_BATCH_SIZE
from registry.domain.credit_code import credit_code_check_char
from registry.domain.permissions import Actor
from registry.localdb import LocalCluster
from registry.models import Project
from registry.services import projects as svc
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from timing import median, p95

DATABASE = "registry_bench_batch"
STAFF = Actor(None, "pudong-staff", "district_staff", "310115")
REVIEWER = Actor(None, "reviewer", "city_reviewer")
MOTORS = {"kind": "motor_upgrade", "year": 2017, "motors": [{"count": 4, "rated_kw": 55, "load_factor": 0.75,
          "hours_per_year": 6000, "efficiency_before": 0.921, "efficiency_after": 0.946}]}
# (actor, step, comment): one round trip through the workflow, back to "submitted"
ROUND = [(REVIEWER, "approve", None), (REVIEWER, "return", "请补充能源台账"), (STAFF, "submit", None)]


def fresh_database(server: str | None) -> str:
    if server is None:
        return LocalCluster.default().recreate_database(DATABASE)
    admin = create_engine(make_url(server).set(database="postgres"), poolclass=pool.NullPool,
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{DATABASE}"')
    admin.dispose()
    return make_url(server).set(database=DATABASE).render_as_string(hide_password=False)


def build(server: str | None) -> tuple[str, list[int]]:
    url = fresh_database(server)
    migrations.upgrade(url)
    engine = make_engine(url)
    first17 = "91310115MA1K00002"
    with Session(engine) as session:
        load_dataset(session, Dataset(districts=tuple(shipped_districts())))
        session.commit()
        ids = [svc.register_project(session, STAFF, svc.ProjectDraft(
            kind="motor_upgrade", year=2017, title=f"电机改造 {n}", district_code="310115",
            credit_code=first17 + credit_code_check_char(first17), enterprise_name="上海测试电机有限公司",
            inputs=MOTORS), submit=True).id for n in range(MAX_BATCH_SIZE)]
    engine.dispose()
    return url, ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--server", help="a PostgreSQL URL to build the database on (default: the local cluster)")
    args = parser.parse_args()
    url, ids = build(args.server)
    engine = make_engine(url)
    batches: dict[str, list[float]] = {step: [] for _, step, _ in ROUND}
    singles: dict[str, list[float]] = {step: [] for _, step, _ in ROUND}
    with Session(engine, expire_on_commit=False) as session:
        for run in range(args.runs + 1):  # the first round warms the caches and is not counted
            for actor, step, comment in ROUND:
                versions = [svc.Selected(i, v) for i, v in _versions(session, ids)]
                started = time.perf_counter()
                svc.transition_many(session, actor, step, versions, comment)
                if run:
                    batches[step].append((time.perf_counter() - started) * 1000)
            for actor, step, comment in ROUND:
                started = time.perf_counter()
                for project_id in ids:
                    svc.transition(session, actor, project_id, step, comment)
                if run:
                    singles[step].append((time.perf_counter() - started) * 1000)
    engine.dispose()
    print(f"| step of {MAX_BATCH_SIZE} projects | batch median ms | batch p95 ms | one at a time median ms | ratio |")
    print("|---|---|---|---|---|")
    for _, step, _ in ROUND:
        print(f"| {step} | {median(batches[step]):.0f} | {p95(batches[step]):.0f} | {median(singles[step]):.0f} | "
              f"{median(singles[step]) / median(batches[step]):.2f}× |")


def _versions(session: Session, ids: list[int]) -> list[tuple[int, int]]:
    """(id, version) of the projects as stored: what the list's rows would post."""
    return [tuple(row) for row in session.execute(select(Project.id, Project.version).where(Project.id.in_(ids)))]


if __name__ == "__main__":
    main()
