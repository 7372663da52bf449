"""The rollup's money as of a moment is the money recorded then (migration 0036: ``project_history``
keeps both amounts): an approved subsidy changed by a second approval or by a correction, or a
request corrected, leaves the reports of earlier moments as they were (docs/rollups.md, "Subsidies")."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from registry.domain.rollup_subsidies import Subsidies
from registry.domain.rollups import RollupQuery
from registry.services import projects as svc
from registry.services import rollups
from tests.integration.project_data import PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")

COMPLETED_ON = "2013-12-28"


def _approved_and_completed(session, amount: str) -> svc.ProjectView:
    project = svc.register_project(session, PUDONG, draft(new_parcels=(), subsidy_requested_wan_yuan=Decimal(120)),
                                   submit=True)
    svc.transition(session, REVIEWER, project.id, "approve", subsidy_approved=amount)
    return svc.transition(session, PUDONG, project.id, "complete", completed_on=COMPLETED_ON)


def _money(session, query: RollupQuery) -> Subsidies:
    return rollups.rollup(session, query).subsidy_totals


def test_a_second_approval_with_another_amount_leaves_the_earlier_report_its_amount(session):
    project = _approved_and_completed(session, "100")
    first = rollups.database_now(session)
    svc.transition(session, REVIEWER, project.id, "return", comment="补充验收报告")
    svc.transition(session, PUDONG, project.id, "submit")
    svc.transition(session, REVIEWER, project.id, "approve", subsidy_approved="150")
    svc.transition(session, PUDONG, project.id, "complete", completed_on=COMPLETED_ON)
    now = rollups.database_now(session)
    assert _money(session, RollupQuery(2013, "completed", as_of=first)) == Subsidies(Decimal(100), Decimal(120))
    assert _money(session, RollupQuery(2013, "completed", as_of=now)) == Subsidies(Decimal(150), Decimal(120))
    assert _money(session, RollupQuery(2013, "completed")) == Subsidies(Decimal(150), Decimal(120))


def test_a_correction_of_a_verified_projects_money_leaves_the_earlier_report_its_amounts(session):
    project = _approved_and_completed(session, "100")
    svc.transition(session, REVIEWER, project.id, "verify", on=date(2013, 12, 30))
    first = rollups.database_now(session)
    current = svc.get_project(session, REVIEWER, project.id)
    svc.correct_project(session, REVIEWER, project.id, draft(new_parcels=(), subsidy_requested_wan_yuan=Decimal(130)),
                        "批准补贴按复核结果调整", current.version, subsidy_approved="150")
    assert _money(session, RollupQuery(2013, as_of=first)) == Subsidies(Decimal(100), Decimal(120))
    assert _money(session, RollupQuery(2013, as_of=rollups.database_now(session))) == Subsidies(Decimal(150), Decimal(130))
    # a closed year's snapshot is its as-of report: closing now freezes today's amounts
    assert _money(session, RollupQuery(2013)) == Subsidies(Decimal(150), Decimal(130))


def test_a_change_of_money_alone_opens_a_new_state_of_the_project(session):
    project = _approved_and_completed(session, "100")
    states = "SELECT subsidy_approved_wan_yuan, valid_to IS NULL FROM project_history WHERE project_id = :id ORDER BY id"
    before = session.execute(text(states), {"id": project.id}).all()
    session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 90 WHERE id = :id"), {"id": project.id})
    after = session.execute(text(states), {"id": project.id}).all()
    assert after[:-2] == before[:-1] and after[-2:] == [(Decimal(100), False), (Decimal(90), True)]
