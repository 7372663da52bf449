"""One workflow step on many projects at once (services/projects/workflow.transition_many): all or
nothing in one transaction, each project as it would take the step alone — its version, its rules,
its own audit entry. Two batches or a batch and a single step at the same moment:
tests/integration/test_concurrent_writes.py."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.domain.batch_steps import MAX_BATCH_SIZE
from registry.domain.errors import BatchRefused, Conflict, NotFound, PermissionDenied, ValidationError
from registry.models import AuditEntry, Project
from registry.services import projects as svc
from tests.integration.project_data import EXIT_INPUTS, MINHANG, MOTORS, PUDONG, REVIEWER, draft, submitted

pytestmark = pytest.mark.usefixtures("districts")


def picked(views) -> list[svc.Selected]:
    return [svc.Selected(view.id, view.version) for view in views]


def state(session, views) -> list[tuple[str, int]]:
    return [tuple(session.execute(select(Project.status, Project.version).where(Project.id == view.id)).one())
            for view in views]


def audit_count(session) -> int:
    return session.execute(select(func.count()).select_from(AuditEntry)).scalar_one()


def test_a_batch_approves_each_project_with_an_audit_entry_of_its_own(session):
    views = submitted(session, 3)
    taken = svc.transition_many(session, REVIEWER, "approve", picked(views))
    assert [(t.id, t.reference, t.status, t.version) for t in taken] == [
        (v.id, v.reference, "approved", v.version + 1) for v in views]
    for view in views:
        history = svc.get_project(session, REVIEWER, view.id).history
        assert [h.action for h in history] == ["create", "submit", "approve"]
        assert history[-1].changes == {"status": ["submitted", "approved"]}  # as a single approval records it


def test_a_batch_return_gives_every_project_the_comment(session):
    views = submitted(session, 2)
    svc.transition_many(session, REVIEWER, "return", picked(views), comment="请补充能源台账")
    for view in views:
        last = svc.get_project(session, PUDONG, view.id).history[-1]
        assert (last.action, last.note) == ("return", "请补充能源台账")
        assert svc.get_project(session, PUDONG, view.id).returned_by == last


def test_one_stale_version_refuses_the_whole_batch_and_changes_nothing(session):
    views = submitted(session, 3)
    svc.transition(session, REVIEWER, views[1].id, "approve")  # someone approves the second meanwhile
    before, entries = state(session, views), audit_count(session)
    with pytest.raises(BatchRefused) as refused:
        svc.transition_many(session, REVIEWER, "approve", picked(views))
    assert state(session, views) == before and audit_count(session) == entries
    [refusal] = refused.value.refusals
    assert (refusal.path, refusal.project_id, refusal.reference, refusal.title) == (
        "projects[1]", views[1].id, views[1].reference, "电机改造 2")
    assert isinstance(refusal.error, Conflict) and "was changed at" in refusal.error.render()
    assert refused.value.render() == ("Nothing was changed: 1 of the 3 selected projects cannot take the step "
                                      "“Approve”.")


def test_an_exit_without_parcels_refuses_a_batch_of_submissions(session):
    motor = svc.register_project(session, PUDONG, draft(new_parcels=()))
    exit_draft = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", title="化工厂关停",
                                                             structural_mode="shutdown", inputs=EXIT_INPUTS,
                                                             new_parcels=()))
    with pytest.raises(BatchRefused) as refused:
        svc.transition_many(session, PUDONG, "submit", picked([motor, exit_draft]))
    [refusal] = refused.value.refusals
    assert refusal.path == "projects[1]" and [e.field for e in refusal.error.field_errors] == ["parcel_ids"]
    assert state(session, [motor, exit_draft]) == [("draft", motor.version), ("draft", exit_draft.version)]


def test_every_refused_project_is_named_in_the_order_given(session):
    approved = submitted(session, 1)[0]
    svc.transition(session, REVIEWER, approved.id, "approve")
    waiting = submitted(session, 2, year=2014, inputs=MOTORS | {"year": 2014})
    approved = svc.get_project(session, REVIEWER, approved.id)
    items = [svc.Selected(999_999, 1), *picked(waiting), svc.Selected(approved.id, approved.version),
             svc.Selected(2 ** 40, 1)]
    with pytest.raises(BatchRefused) as refused:
        svc.transition_many(session, REVIEWER, "approve", items)
    found = [(r.path, type(r.error), r.reference) for r in refused.value.refusals]
    assert found == [("projects[0]", NotFound, None), ("projects[3]", Conflict, approved.reference),
                     ("projects[4]", NotFound, None)]
    assert "“Approved”" in refused.value.refusals[1].error.render()
    assert state(session, waiting) == [("submitted", w.version) for w in waiting]


def test_district_staff_submit_only_their_own_districts_projects(session):
    own = svc.register_project(session, PUDONG, draft(new_parcels=()))
    with pytest.raises(BatchRefused) as refused:
        svc.transition_many(session, MINHANG, "submit", picked([own]))
    assert isinstance(refused.value.refusals[0].error, NotFound)  # another district's draft is invisible
    taken = svc.transition_many(session, PUDONG, "submit", picked([own]))
    assert [t.status for t in taken] == ["submitted"]


@pytest.mark.parametrize("actor, action, comment, count, field", [
    (REVIEWER, "return", "  ", 2, "comment"),  # said once for the batch, not once per project
    (REVIEWER, "approve", None, 0, "projects"),
    (REVIEWER, "approve", None, MAX_BATCH_SIZE + 1, "projects"),
    (PUDONG, "complete", None, 2, "action"),  # each project's own completion day
    (REVIEWER, "publish", None, 2, "action"),
])
def test_the_batch_as_a_whole_is_refused_once(session, actor, action, comment, count, field):
    views = submitted(session, 2)
    items = [svc.Selected(views[n % 2].id + 1000 * (n // 2), 1) for n in range(count)]
    with pytest.raises(ValidationError) as refused:
        svc.transition_many(session, actor, action, items, comment=comment)
    assert [e.field for e in refused.value.field_errors] == [field]
    assert state(session, views) == [("submitted", v.version) for v in views]


def test_a_project_named_twice_is_refused(session):
    view = submitted(session, 1)[0]
    with pytest.raises(ValidationError) as refused:
        svc.transition_many(session, REVIEWER, "approve", picked([view, view]))
    assert refused.value.render() == f"projects: project {view.id} is named more than once"


def test_the_bound_says_how_many_were_selected(session):
    with pytest.raises(ValidationError) as refused:
        svc.transition_many(session, REVIEWER, "verify", [svc.Selected(n, 1) for n in range(1, 252)])
    assert refused.value.render() == ("projects: at most 200 projects at once: 251 were selected. "
                                      "Select fewer, then try again.")


def test_a_role_that_may_not_take_the_step_is_refused_before_any_project(session):
    views = submitted(session, 2)
    with pytest.raises(PermissionDenied) as refused:
        svc.transition_many(session, PUDONG, "approve", picked(views))
    assert refused.value.render() == "Your role may not take the step “Approve”."
    assert state(session, views) == [("submitted", v.version) for v in views]


def test_the_list_offers_each_project_the_steps_a_batch_takes(session):
    waiting = submitted(session, 1)[0]
    motor = svc.register_project(session, PUDONG, draft(title="草稿", new_parcels=()))
    exit_draft = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", title="化工厂关停",
                                                             structural_mode="shutdown", inputs=EXIT_INPUTS,
                                                             new_parcels=()))
    page = svc.list_projects(session, PUDONG, svc.ProjectFilter())
    # staff submit their drafts, but not an exit without parcels; a submitted one waits for review
    assert svc.batch_steps_of(session, PUDONG, page.items) == {motor.id: ("submit",)}
    assert svc.batch_steps_of(session, REVIEWER, page.items) == {waiting.id: ("approve", "return")}
    assert svc.batch_steps_of(session, MINHANG, page.items) == {}
    assert exit_draft.id not in svc.batch_steps_of(session, PUDONG, page.items)
