"""What a bulk import may give a new project: the statuses a role reaches by itself, and the dates
the workflow would have stamped (registry/domain/workflow.py, workflow_dates.py)."""
from __future__ import annotations

from datetime import date

from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, PLANNER
from registry.domain.vocabulary import PROJECT_STATUSES
from registry.domain.workflow import reachable_statuses
from registry.domain.workflow_dates import stamped_date_errors

TODAY = date(2026, 12, 4)


def test_each_role_reaches_only_the_statuses_of_the_steps_it_takes():
    assert reachable_statuses(DISTRICT_STAFF) == {"draft", "submitted"}
    assert reachable_statuses(ADMIN) == set(PROJECT_STATUSES)
    assert reachable_statuses(CITY_REVIEWER) == reachable_statuses(PLANNER) == {"draft"}


def _errors(status, completed=None, verified=None, year=2017):
    return [(e.field, e.message.render()) for e in stamped_date_errors(status, year, completed, verified, TODAY)]


def test_dates_are_given_exactly_when_the_workflow_stamps_them():
    assert _errors("draft") == _errors("approved") == []
    assert _errors("submitted", completed=date(2017, 6, 1)) == [
        ("completed_on", "only a completed or verified project has a completion date")]
    assert _errors("completed", completed=date(2017, 6, 1), verified=date(2017, 7, 1)) == [
        ("verified_on", "only a verified project has a verification date")]
    assert _errors("verified", completed=date(2017, 6, 1)) == [
        ("verified_on", "is required for a project whose status is Verified")]
    assert _errors("verified", completed=date(2017, 6, 1), verified=date(2017, 7, 1)) == []


def test_stamped_dates_are_not_in_the_future_nor_out_of_order():
    assert _errors("completed", completed=date(2099, 1, 1)) == [
        ("completed_on", "must not be in the future (today is 2026-12-04)")]
    assert _errors("completed", completed=TODAY) == []
    assert _errors("completed", completed=date(2015, 12, 31)) == [
        ("completed_on", "the completion date is before the project's year")]
    assert _errors("verified", completed=date(2017, 6, 1), verified=date(2017, 5, 31)) == [
        ("verified_on", "must not be before the completion date")]


def test_a_missing_date_names_the_status_in_the_readers_language():
    # 状态为 verified 的项目必须填写: the status's code in a Chinese sentence
    from registry.catalogues import translator

    [error] = stamped_date_errors("completed", 2017, None, None, TODAY)
    assert error.message.render(translator("zh_Hans_CN")) == "状态为已完成的项目必须填写"
    assert error.message.render() == "is required for a project whose status is Completed"
