"""Two saves at the same moment, on real parallel connections to a database of its own (committed
data): a new reference number each, or one success and clean Conflicts — never a 500. A bulk
import and a registration numbering the same year and district at the same moment as well; a
batch of workflow steps and a single step, or two batches, on the same projects."""
from __future__ import annotations

import itertools
import threading
import time
from typing import Any, Callable

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from registry.db import make_engine
from registry.domain.credit_code import credit_code_check_char
from registry.domain.errors import BatchRefused, Conflict
from registry.models import AuditEntry, ElectricityEqualValue, Project
from registry.domain.permissions import Actor
from registry.services import accounts, enterprises, reference_data, savings
from registry.services import projects as svc
from registry.services.demo.districts import shipped_districts
from registry.services.imports.projects import import_projects
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.databases import committed_database
from tests.integration.imports.test_project_import import _motor, _workbook
from tests.integration.project_data import CREDIT, MOTORS, PUDONG, REVIEWER, draft

PARALLEL = 4


def draft_of(year: int) -> svc.ProjectDraft:
    return draft(year=year, inputs=MOTORS | {"year": year}, new_parcels=())


def _districts_and_an_enterprise(session: Session) -> None:
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    enterprises.find_or_create(session, PUDONG, CREDIT, "上海测试电机有限公司", district_code="310115")


def districts_engine(fresh_database_url, name: str):
    """An engine on a committed database of its own, ``name``, with the districts and an enterprise."""
    engine = make_engine(committed_database(fresh_database_url, name, _districts_and_an_enterprise))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def engine(fresh_database_url):
    yield from districts_engine(fresh_database_url, "registry_test_concurrent_writes")


def in_parallel(engine, work: Callable[[Session], Any], prepare: Callable[[Session], Any] = lambda s: None) -> list:
    """Run ``work`` in PARALLEL threads, each on its own session, started together; their results
    or the exceptions they raised."""
    start, results, held = threading.Barrier(PARALLEL), [None] * PARALLEL, [None] * PARALLEL

    def run(i: int) -> None:
        with Session(engine, expire_on_commit=False) as session:
            # kept: the session's identity map holds what was read only weakly, and an object let go
            # would be read again at the work, after a quicker thread may have saved it (a flaky race)
            held[i] = prepare(session)
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


def _wait_until_another_session_waits_for_a_lock(engine, running: threading.Thread, seconds: float = 20) -> None:
    with engine.connect() as watcher:
        deadline = time.monotonic() + seconds
        while running.is_alive() and time.monotonic() < deadline:
            waiting = watcher.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()")).scalar_one()
            if waiting:
                return
            time.sleep(0.05)


@pytest.mark.parametrize("year, row_year", [(2018, 2018), (2017, 2020)])
def test_an_import_and_a_registration_at_the_same_moment_take_numbers_apart(engine, tmp_path, year, row_year):
    """The import writes YEAR-310115-0001; a registration of YEAR in Pudong starts while the import's
    transaction is still open. Without the numbering lock it would take 0001 as well, wait for the
    import's row and fail on the unique reference; with it, it waits and takes 0002. The second case
    is a row whose reference is of another year than the row (a corrected project's old number)."""
    path = _workbook(tmp_path, [_motor(f"{year}-310115-0001", 年度=row_year, 统一社会信用代码=CREDIT,
                                       **{"地块编号（逗号分隔）": None})])
    registered: list = []

    def register() -> None:
        with Session(engine, expire_on_commit=False) as session:
            try:
                registered.append(svc.register_project(session, PUDONG, draft_of(year)))
            except Exception as error:  # the assertion names it
                registered.append(error)

    registration = threading.Thread(target=register)
    with Session(engine) as importing:
        @event.listens_for(importing, "before_commit")
        def register_meanwhile(session) -> None:  # the import's rows are written, not yet committed
            if not registration.is_alive() and not registered:
                registration.start()
                _wait_until_another_session_waits_for_a_lock(engine, registration)

        result = import_projects(importing, PUDONG, path)
    registration.join(timeout=60)
    assert result.loaded and result.inserted == 1, result.problems
    assert isinstance(registered[0], svc.ProjectView), registered
    assert registered[0].reference == f"{year}-310115-0002"


def test_a_deletion_and_a_submission_at_the_same_moment_one_wins_and_the_others_conflict(engine):
    with Session(engine) as session:
        project_id = svc.register_project(session, PUDONG, draft_of(2019)).id
    steps = itertools.cycle([lambda s: svc.delete_draft(s, PUDONG, project_id),
                             lambda s: svc.transition(s, PUDONG, project_id, "submit")])
    results = in_parallel(engine, lambda s: next(steps)(s), prepare=lambda s: s.get(Project, project_id))
    done = [r for r in results if not isinstance(r, Exception)]
    assert len(done) == 1 and all(isinstance(r, Conflict) for r in results if r not in done), results
    with Session(engine) as session:
        stored = session.get(Project, project_id)
        assert (stored is None) == isinstance(done[0], str)  # deleted, or submitted and kept


def test_one_form_posted_several_times_at_once_registers_one_project(engine):
    """A double click on the wizard's save: the posts carry one form token and arrive together."""
    with Session(engine) as session:
        user = accounts.create_user(session, Actor.system(), "pudong-wizard", "wizard-password-1", "district_staff",
                                    "310115")
    staff = Actor(user.id, user.username, "district_staff", "310115")
    results = in_parallel(engine, lambda s: svc.register_project(s, staff, draft_of(2013), form_token="one-form"))
    assert all(isinstance(r, svc.ProjectView) for r in results), results
    assert len({r.id for r in results}) == 1
    with Session(engine) as session:
        assert session.scalars(select(func.count()).select_from(Project).where(Project.year == 2013)).one() == 1


ADMIN = Actor(None, "admin", "admin")


def test_a_missing_years_equal_value_recorded_at_the_same_moment_is_recorded_in_turn(engine):
    """Two administrators filling the same empty year: both found no row to lock and inserted, and all
    but the first ended in an IntegrityError (a 500). Now they take turns, as corrections of one row do."""
    values = [f"0.{300 + i}" for i in range(PARALLEL)]
    turns = iter(values)
    results = in_parallel(engine, lambda s: reference_data.record_equal_value(s, ADMIN, 2099, next(turns), "测试来源"))
    assert all(isinstance(r, reference_data.EqualValueRecorded) for r in results), results
    assert [r.previous for r in results].count(None) == 1  # one created it; each other corrected the one before
    with Session(engine) as session:
        stored = session.get(ElectricityEqualValue, 2099).value_kgce_per_kwh
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "equal_value",
                                                                  AuditEntry.entity_id == "2099")).all()
    assert str(stored) in values and sorted(actions) == ["create"] + ["update"] * (PARALLEL - 1)


def test_edits_while_a_year_is_recomputed_are_saved_or_conflict_and_keep_the_years_basis(engine):
    """The recomputation locks the year's projects and bumps their version: an edit that read before
    it conflicts instead of writing figures of the former value over the new ones."""
    with Session(engine) as session:
        reference_data.record_equal_value(session, ADMIN, 2098, "0.300", "测试来源")
        project_id = svc.register_project(session, PUDONG, draft_of(2098)).id
    edits = itertools.count()

    def work(s: Session):
        if next(edits) % 2:
            return reference_data.record_equal_value(s, ADMIN, 2098, "0.400", "测试来源")
        return svc.update_project(s, PUDONG, project_id, draft_of(2098), expected_version=1)

    results = in_parallel(engine, work)
    assert all(isinstance(r, (Conflict, reference_data.EqualValueRecorded, svc.ProjectView)) for r in results), results
    with Session(engine) as session:
        project = session.get(Project, project_id)
        expected = savings.compute(session, project.inputs)
        assert project.savings_tce_equal_value == expected.savings_tce_equal_value
        assert expected.savings_tce_equal_value is not None


def test_a_project_saved_while_its_years_equal_value_is_recorded_gets_the_new_value(engine):
    """A registration computes its savings with the year's factors (no 等价值 for 2021 yet) and, before it
    commits, an administrator records 2021's value. Without the year's lock the recomputation would not
    see the uncommitted project, which would then be stored with the empty basis; with it the recording
    waits for the registration and recomputes it."""
    recorded: list = []

    def record() -> None:
        with Session(engine) as other:
            try:
                recorded.append(reference_data.record_equal_value(other, Actor(None, "admin", "admin"), 2021,
                                                                  "0.3", "示例来源"))
            except Exception as error:  # the assertion names it
                recorded.append(error)

    recording = threading.Thread(target=record)
    with Session(engine) as registering:
        @event.listens_for(registering, "before_commit")
        def record_meanwhile(session) -> None:  # savings computed and the project written, not committed
            if not recording.is_alive() and not recorded:
                recording.start()
                _wait_until_another_session_waits_for_a_lock(engine, recording)

        view = svc.register_project(registering, PUDONG, draft_of(2021))
    recording.join(timeout=60)
    assert not isinstance(recorded[0], Exception), recorded
    assert recorded[0].projects >= 1 and recorded[0].changed >= 1
    with Session(engine) as session:
        stored = session.get(Project, view.id)
        assert stored.savings_tce_equal_value == savings.compute(session, MOTORS | {"year": 2021}).savings_tce_equal_value
        assert stored.savings_tce_equal_value is not None


def _submitted(session: Session, year: int, count: int) -> list[svc.Selected]:
    views = [svc.register_project(session, PUDONG, draft_of(year), submit=True) for _ in range(count)]
    return [svc.Selected(v.id, v.version) for v in views]


def test_a_batch_and_a_single_approval_of_one_of_its_projects_at_the_same_moment(engine):
    """A reviewer approves three projects at once while another approves the second alone: either the
    batch got there first (all three approved, the single step a Conflict), or the single step did
    (it alone approved, the batch refused as a whole, naming the second) — never half a batch."""
    with Session(engine) as session:
        batch = _submitted(session, 2022, 3)
    ids = [item.project_id for item in batch]
    turns = itertools.count()

    def work(s: Session):
        if next(turns) == 0:
            return svc.transition_many(s, REVIEWER, "approve", batch)
        return svc.transition(s, REVIEWER, ids[1], "approve", expected_version=batch[1].version)

    results = in_parallel(engine, work)
    assert all(isinstance(r, (list, svc.ProjectView, BatchRefused, Conflict)) for r in results), results
    [outcome] = [r for r in results if isinstance(r, (list, BatchRefused))]  # the batch's
    singles = [r for r in results if isinstance(r, svc.ProjectView)]
    with Session(engine) as session:
        statuses = [session.get(Project, i).status for i in ids]
    if isinstance(outcome, list):
        assert singles == [] and statuses == ["approved"] * 3
    else:
        assert [r.path for r in outcome.refusals] == ["projects[1]"], outcome.refusals
        assert len(singles) == 1 and statuses == ["submitted", "approved", "submitted"]


def test_batches_naming_the_same_projects_in_other_orders_never_deadlock(engine):
    """Rows are locked in the order of their ids whatever the order of the request: one batch wins,
    the others are refused naming the projects it moved on — no deadlock, no internal error."""
    with Session(engine) as session:
        batch = _submitted(session, 2023, 3)
    orders = itertools.cycle([batch, batch[::-1]])
    results = in_parallel(engine, lambda s: svc.transition_many(s, REVIEWER, "approve", next(orders)))
    done = [r for r in results if isinstance(r, list)]
    assert len(done) == 1 and all(isinstance(r, BatchRefused) for r in results if r is not done[0]), results
    assert all(len(r.refusals) == 3 for r in results if isinstance(r, BatchRefused))
