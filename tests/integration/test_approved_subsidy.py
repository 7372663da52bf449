"""The approved subsidy (批准补贴) recorded by the step that approves or verifies a project: in the
step's own audit entry, read as every amount is, kept when none is given, refused with the field
named and nothing written (docs/registration.md, "The approved subsidy")."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.domain.errors import Conflict, ValidationError
from registry.services import projects as svc
from tests.integration.project_data import PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")

FIELD = "subsidy_approved_wan_yuan"


def _submitted(session) -> svc.ProjectView:
    return svc.register_project(session, PUDONG, draft(new_parcels=(), subsidy_requested_wan_yuan=Decimal(20)),
                                submit=True)


def test_approving_records_the_amount_in_the_steps_own_audit_entry(session):
    view = svc.transition(session, REVIEWER, _submitted(session).id, "approve", subsidy_approved="1,200.5")
    assert view.status == "approved" and view.subsidy_approved_wan_yuan == Decimal("1200.5")
    assert [h.action for h in view.history] == ["create", "submit", "approve"]
    assert view.history[-1].changes == {"status": ["submitted", "approved"], FIELD: [None, "1200.5"]}


def test_verifying_changes_it_and_a_step_without_one_keeps_it(session):
    view = svc.transition(session, REVIEWER, _submitted(session).id, "approve", subsidy_approved="１２")  # full-width
    view = svc.transition(session, PUDONG, view.id, "complete")
    kept = svc.transition(session, REVIEWER, view.id, "return", comment="补充验收报告")
    assert kept.subsidy_approved_wan_yuan == 12 and FIELD not in kept.history[-1].changes
    view = svc.transition(session, PUDONG, view.id, "submit")
    view = svc.transition(session, REVIEWER, view.id, "approve", subsidy_approved="  ")  # left empty: kept
    assert view.subsidy_approved_wan_yuan == 12 and FIELD not in view.history[-1].changes
    view = svc.transition(session, PUDONG, view.id, "complete")
    view = svc.transition(session, REVIEWER, view.id, "verify", subsidy_approved=Decimal("9.5"))
    assert view.subsidy_approved_wan_yuan == Decimal("9.5")
    assert view.history[-1].changes[FIELD] == ["12", "9.5"] and view.history[-1].changes["status"][1] == "verified"


def test_the_amount_recorded_typed_again_is_no_change(session):
    view = svc.transition(session, REVIEWER, _submitted(session).id, "approve", subsidy_approved="10")
    view = svc.transition(session, PUDONG, view.id, "complete")
    view = svc.transition(session, REVIEWER, view.id, "verify", subsidy_approved="10.00")
    assert FIELD not in view.history[-1].changes


@pytest.mark.parametrize("amount, problem", [
    ("-1", "must not be negative"), ("abc", "must be a number"), ("1e13", "must be at most"),
    (Decimal("NaN"), "must be a finite number"),
])
def test_a_bad_amount_is_refused_on_its_field_and_nothing_is_written(session, amount, problem):
    project = _submitted(session)
    with pytest.raises(ValidationError) as info:
        svc.transition(session, REVIEWER, project.id, "approve", subsidy_approved=amount)
    assert [e.field for e in info.value.field_errors] == [FIELD] and problem in info.value.render()
    after = svc.get_project(session, REVIEWER, project.id)
    assert (after.status, after.subsidy_approved_wan_yuan, after.version) == ("submitted", None, project.version)
    assert [h.action for h in after.history] == ["create", "submit"]


@pytest.mark.parametrize("action", ["return", "submit", "complete"])
def test_another_step_refuses_an_amount(session, action):
    project = _submitted(session)
    actor = PUDONG
    if action != "submit":
        project = svc.transition(session, REVIEWER, project.id, "approve")
        actor = REVIEWER if action == "return" else PUDONG
    else:
        project = svc.transition(session, REVIEWER, project.id, "return", comment="补充")
    with pytest.raises(ValidationError) as info:
        svc.transition(session, actor, project.id, action, comment="再补充", subsidy_approved="5")
    assert [e.field for e in info.value.field_errors] == [FIELD]
    assert svc.get_project(session, REVIEWER, project.id).status == project.status


def test_a_stale_version_records_no_amount(session):
    project = _submitted(session)
    seen = project.version
    svc.transition(session, REVIEWER, project.id, "return", comment="补充", expected_version=seen)
    svc.transition(session, PUDONG, project.id, "submit")
    with pytest.raises(Conflict):
        svc.transition(session, REVIEWER, project.id, "approve", expected_version=seen, subsidy_approved="8")
    after = svc.get_project(session, REVIEWER, project.id)
    assert after.status == "submitted" and after.subsidy_approved_wan_yuan is None
