"""What a batch of workflow steps and a draft's deletion lock (``lock_projects``): the rows the actor
reads, in the order of their ids — never another district's drafts, which district staff cannot
read, so naming 200 of them holds up nobody. Committed data and a second connection holding a row's
lock; the service's connection waits at most a second for a lock (``lock_timeout``)."""
from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from registry.db import make_engine
from registry.domain.errors import BatchRefused, NotFound
from registry.services import enterprises
from registry.services import projects as svc
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.databases import committed_database
from tests.integration.project_data import CREDIT, MINHANG, PUDONG, draft


def _seed(session: Session) -> None:
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    enterprises.find_or_create(session, PUDONG, CREDIT, "上海测试电机有限公司", district_code="310115")


@pytest.fixture(scope="module")
def engine(fresh_database_url):
    engine = make_engine(committed_database(fresh_database_url, "registry_test_row_locks", _seed))
    yield engine
    engine.dispose()


@pytest.fixture
def held_draft(engine):
    """A Pudong draft whose row another transaction holds locked (``FOR UPDATE``) meanwhile."""
    with Session(engine) as session:
        view = svc.register_project(session, PUDONG, draft(new_parcels=()))
    with engine.connect() as other:
        other.begin()
        other.execute(text("SELECT id FROM projects WHERE id = :id FOR UPDATE"), {"id": view.id})
        yield view
        other.rollback()


@pytest.fixture
def impatient(engine):
    """A session that waits at most a second for a row's lock, then fails."""
    with Session(engine) as session:
        session.execute(text("SET lock_timeout = '1s'"))
        session.commit()
        yield session


def test_another_districts_staff_naming_a_draft_in_a_batch_lock_nothing_of_it(held_draft, impatient):
    with pytest.raises(BatchRefused) as refused:  # at once: not after waiting for the held row
        svc.transition_many(impatient, MINHANG, "submit", [svc.Selected(held_draft.id, held_draft.version)])
    assert [type(r.error) for r in refused.value.refusals] == [NotFound]


def test_another_districts_staff_deleting_a_draft_lock_nothing_of_it(held_draft, impatient):
    with pytest.raises(NotFound):
        svc.delete_draft(impatient, MINHANG, held_draft.id)


def test_the_drafts_own_district_still_waits_for_its_row(held_draft, impatient):
    """The lock that keeps a batch consistent is still taken on what the actor reads."""
    with pytest.raises(OperationalError, match="lock timeout"):
        svc.transition_many(impatient, PUDONG, "submit", [svc.Selected(held_draft.id, held_draft.version)])
    with pytest.raises(OperationalError, match="lock timeout"):
        svc.delete_draft(impatient, PUDONG, held_draft.id)
