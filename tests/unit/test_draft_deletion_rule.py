"""Who may delete which project (registry/domain/workflow.py): a draft that was never submitted,
by its district's staff or an administrator; everything else keeps its record."""
from __future__ import annotations

import pytest

from registry.domain.errors import Conflict, PermissionDenied
from registry.domain.permissions import Actor
from registry.domain.workflow import may_delete, require_deletable

PUDONG = Actor(1, "pudong", "district_staff", "310115")
MINHANG = Actor(2, "minhang", "district_staff", "310112")
ADMIN = Actor(3, "admin", "admin")
REVIEWER = Actor(4, "reviewer", "city_reviewer")
PLANNER = Actor(5, "planner", "planner")


@pytest.mark.parametrize("actor", [PUDONG, ADMIN])
def test_its_districts_staff_and_administrators_delete_a_draft_never_submitted(actor):
    require_deletable(actor, "draft", "310115", ["create", "update"])
    assert may_delete(actor, "draft", "310115", ["create"])


@pytest.mark.parametrize("actor", [MINHANG, REVIEWER, PLANNER])
def test_nobody_else_may(actor):
    with pytest.raises(PermissionDenied):
        require_deletable(actor, "draft", "310115", ["create"])
    assert not may_delete(actor, "draft", "310115", ["create"])


@pytest.mark.parametrize("status", ["submitted", "returned", "approved", "completed", "verified"])
def test_a_project_past_the_draft_keeps_its_record(status):
    with pytest.raises(Conflict) as refused:
        require_deletable(PUDONG, status, "310115", ["create", "submit"])
    assert refused.value.render() == "Only a draft that was never submitted can be deleted: this project keeps its record."
    assert not may_delete(ADMIN, status, "310115", ["create", "submit"])


def test_a_draft_once_submitted_keeps_its_record_too():
    # No step leads back to draft today; should one come (a withdrawal), what was submitted stays.
    with pytest.raises(Conflict):
        require_deletable(ADMIN, "draft", "310115", ["create", "submit", "return", "withdraw"])


def test_the_role_is_refused_before_the_state_is_told():
    # Another district's staff learn nothing about the project's state from the refusal.
    with pytest.raises(PermissionDenied):
        require_deletable(MINHANG, "submitted", "310115", ["create", "submit"])


@pytest.mark.parametrize("actor, status, district, editable", [
    (PUDONG, "draft", "310115", True), (PUDONG, "returned", "310115", True), (ADMIN, "returned", "310112", True),
    (MINHANG, "draft", "310115", False), (PUDONG, "submitted", "310115", False), (REVIEWER, "draft", "310115", False),
    (PLANNER, "draft", "310115", False),
])
def test_the_edit_button_follows_the_edit_rule(actor, status, district, editable):
    from registry.domain.workflow import may_edit

    assert may_edit(actor, status, district) is editable


@pytest.mark.parametrize("actor, status, correctable", [
    (REVIEWER, "verified", True), (ADMIN, "verified", True), (REVIEWER, "completed", False),
    (PUDONG, "verified", False), (PLANNER, "verified", False),
])
def test_the_correct_button_follows_the_correction_rule(actor, status, correctable):
    from registry.domain.workflow import may_correct

    assert may_correct(actor, status) is correctable
