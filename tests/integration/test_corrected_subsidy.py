"""A correction (更正) of a verified project may carry the approved subsidy (批准补贴), by the rules of
approval and verification: recorded in the correction's own audit entry and in the project's
history, kept when none is given, 0 when the city grants nothing, a bad amount named with the other
fields' problems and nothing written (docs/registration.md, "The approved subsidy")."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from registry.domain.errors import ValidationError
from registry.services import projects as svc
from tests.integration.project_data import PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")

FIELD = "subsidy_approved_wan_yuan"
REASON = "复核后调整批准补贴"


def _verified(session, amount: str | None = "100") -> svc.ProjectView:
    project = svc.register_project(session, PUDONG, draft(new_parcels=(), subsidy_requested_wan_yuan=Decimal(120)),
                                   submit=True)
    svc.transition(session, REVIEWER, project.id, "approve", subsidy_approved=amount)
    svc.transition(session, PUDONG, project.id, "complete", completed_on="2013-12-28")
    return svc.transition(session, REVIEWER, project.id, "verify", on=date(2013, 12, 30))


def _as_is(project: svc.ProjectView, **fields) -> svc.ProjectDraft:
    """The project's fields as a correction opens with them (its inputs as stored), with ``fields``."""
    return draft(new_parcels=(), subsidy_requested_wan_yuan=Decimal(120), inputs=project.inputs, **fields)


def _correct(session, project: svc.ProjectView, amount, **fields) -> svc.ProjectView:
    return svc.correct_project(session, REVIEWER, project.id, _as_is(project, **fields), REASON, project.version,
                               subsidy_approved=amount)


def test_a_correction_records_the_amount_in_its_own_audit_entry_and_in_history(session):
    project = _verified(session)
    corrected = _correct(session, project, "1,150.5", title="更正后的名称")
    assert corrected.status == "verified" and corrected.subsidy_approved_wan_yuan == Decimal("1150.5")
    last = corrected.history[-1]
    assert (last.action, last.note) == ("correct", REASON)
    assert last.changes[FIELD] == ["100", "1150.5"] and last.changes["title"][1] == "更正后的名称"
    states = session.execute(text("SELECT title, subsidy_approved_wan_yuan FROM project_history "
                                  "WHERE project_id = :id ORDER BY id DESC LIMIT 2"), {"id": project.id}).all()
    assert states == [("更正后的名称", Decimal("1150.5")), ("高效电机改造", Decimal(100))]  # one new state


@pytest.mark.parametrize("amount", [None, "", "  ", "100.00"])
def test_no_amount_or_the_one_recorded_changes_nothing(session, amount):
    corrected = _correct(session, project := _verified(session), amount, title="更正后的名称")
    assert corrected.subsidy_approved_wan_yuan == Decimal(100) and FIELD not in corrected.history[-1].changes
    assert corrected.version == project.version + 1


def test_zero_records_that_the_city_grants_nothing_and_an_amount_may_be_given_where_there_was_none(session):
    corrected = _correct(session, _verified(session), "0")
    assert corrected.subsidy_approved_wan_yuan == 0 and corrected.history[-1].changes[FIELD] == ["100", "0"]
    first = _correct(session, _verified(session, amount=None), "８")  # full-width, as every amount
    assert first.history[-1].changes == {FIELD: [None, "8"]}


def test_a_bad_amount_is_named_with_the_drafts_problems_and_nothing_is_written(session):
    project = _verified(session)
    with pytest.raises(ValidationError) as info:
        _correct(session, project, "-5", district_code="999999")
    assert {e.field for e in info.value.field_errors} == {FIELD, "district_code"}
    assert "must not be negative" in info.value.render()
    after = svc.get_project(session, REVIEWER, project.id)
    assert (after.subsidy_approved_wan_yuan, after.version, after.history[-1].action) == (Decimal(100), project.version,
                                                                                         "verify")


def test_a_dry_run_says_the_change_and_writes_nothing(session):
    project = _verified(session)
    would = svc.correct_project(session, REVIEWER, project.id, _as_is(project), REASON, project.version, dry_run=True,
                                subsidy_approved="90")
    assert would.subsidy_approved_wan_yuan == 90 and would.history[-1].changes == {FIELD: ["100", "90"]}
    assert svc.get_project(session, REVIEWER, project.id).subsidy_approved_wan_yuan == 100
