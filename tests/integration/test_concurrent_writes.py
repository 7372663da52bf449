"""Two saves at the same moment, on real parallel connections to a database of its own (committed
data): a new reference number each, or one success and clean Conflicts — never a 500."""
from __future__ import annotations

import threading
from typing import Any, Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.db import make_engine
from registry.domain.credit_code import credit_code_check_char
from registry.domain.errors import Conflict
from registry.models import Project
from registry.services import enterprises
from registry.services import projects as svc
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.databases import committed_database
from tests.integration.test_projects import CREDIT, MOTORS, PUDONG, REVIEWER, draft

PARALLEL = 4


def draft_of(year: int) -> svc.ProjectDraft:
    return draft(year=year, inputs=MOTORS | {"year": year}, new_parcels=())


def _districts_and_an_enterprise(session: Session) -> None:
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    enterprises.find_or_create(session, PUDONG, CREDIT, "上海测试电机有限公司", district_code="310115")


@pytest.fixture(scope="module")
def engine(fresh_database_url):
    engine = make_engine(committed_database(fresh_database_url, "registry_test_concurrent_writes",
                                            _districts_and_an_enterprise))
    yield engine
    engine.dispose()


def in_parallel(engine, work: Callable[[Session], Any], prepare: Callable[[Session], Any] = lambda s: None) -> list:
    """Run ``work`` in PARALLEL threads, each on its own session, started together; their results
    or the exceptions they raised."""
    start, results = threading.Barrier(PARALLEL), [None] * PARALLEL

    def run(i: int) -> None:
        with Session(engine, expire_on_commit=False) as session:
            prepare(session)
            start.wait(timeout=30)
            try:
                results[i] = work(session)
            except Exception as error:  # the assertion names it
                results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(PARALLEL)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_registrations_at_the_same_moment_each_get_their_own_reference(engine):
    results = in_parallel(engine, lambda s: svc.register_project(s, PUDONG, draft_of(2016)))
    assert all(isinstance(r, svc.ProjectView) for r in results), results
    assert sorted(r.reference for r in results) == [f"2016-310115-000{i}" for i in range(1, PARALLEL + 1)]


def test_registrations_of_one_new_enterprise_at_the_same_moment_share_it(engine):
    first17 = "91310115MA1K00003"
    credit = first17 + credit_code_check_char(first17)
    results = in_parallel(engine, lambda s: svc.register_project(
        s, PUDONG, draft(year=2014, inputs=MOTORS | {"year": 2014}, new_parcels=(), credit_code=credit)))
    assert all(isinstance(r, svc.ProjectView) for r in results), results
    assert len({r.enterprise_id for r in results}) == 1


@pytest.mark.parametrize("action, actor, status", [("submit", PUDONG, "draft"), ("approve", REVIEWER, "submitted")])
def test_the_same_step_at_the_same_moment_succeeds_once_and_the_others_conflict(engine, action, actor, status):
    with Session(engine) as session:
        project_id = svc.register_project(session, PUDONG, draft_of(2015)).id
        if status == "submitted":
            svc.transition(session, PUDONG, project_id, "submit")
    # Each session reads the project before any of them saves, as users who opened the page together.
    results = in_parallel(engine, lambda s: svc.transition(s, actor, project_id, action),
                          prepare=lambda s: s.get(Project, project_id))
    done = [r for r in results if isinstance(r, svc.ProjectView)]
    assert len(done) == 1, results
    assert all(isinstance(r, Conflict) for r in results if r not in done), results
    assert "reload" in next(r for r in results if r not in done).render()
    with Session(engine) as session:
        assert session.scalars(select(Project.version).where(Project.id == project_id)).one() == done[0].version
