"""Who may add and remove a project's supporting documents, by role × state (registry/domain/documents.py)."""
from __future__ import annotations

import pytest

from registry.domain.documents import (
    MAX_DOCUMENTS_PER_PROJECT, may_add, may_remove, require_addable, require_removable, require_room,
)
from registry.domain.errors import Conflict, PermissionDenied
from registry.domain.permissions import Actor
from registry.domain.vocabulary import PROJECT_STATUSES

PUDONG = Actor(11, "pudong", "district_staff", "310115")
PUDONG_COLLEAGUE = Actor(12, "pudong-2", "district_staff", "310115")
MINHANG = Actor(21, "minhang", "district_staff", "310112")
REVIEWER = Actor(31, "reviewer", "city_reviewer")
OTHER_REVIEWER = Actor(32, "reviewer-2", "city_reviewer")
PLANNER = Actor(41, "planner", "planner")
ADMIN = Actor(51, "admin", "admin")
STATES = list(PROJECT_STATUSES)

# (actor, the states in which it may add to a Pudong project)
ADDS = [
    (PUDONG, {"draft", "returned", "approved"}),
    (MINHANG, set()),
    (REVIEWER, {"submitted", "completed"}),
    (ADMIN, {"submitted", "completed"}),
    (PLANNER, set()),
]


@pytest.mark.parametrize("actor, allowed", ADDS, ids=[a.username for a, _ in ADDS])
@pytest.mark.parametrize("status", STATES)
def test_who_adds_in_which_state(actor, allowed, status):
    assert may_add(actor, status, "310115") == (status in allowed)


# (actor, uploader id, uploader role, the states in which the actor may remove it)
REMOVALS = [
    (PUDONG, PUDONG.user_id, "district_staff", {"draft", "returned"}),
    (PUDONG, PUDONG_COLLEAGUE.user_id, "district_staff", {"draft", "returned"}),  # a colleague's mistake
    (PUDONG, REVIEWER.user_id, "city_reviewer", set()),  # the reviewer's own papers
    (PUDONG, ADMIN.user_id, "admin", set()),
    (MINHANG, PUDONG.user_id, "district_staff", set()),
    (REVIEWER, REVIEWER.user_id, "city_reviewer", set(STATES) - {"verified"}),
    (OTHER_REVIEWER, REVIEWER.user_id, "city_reviewer", set()),
    (REVIEWER, PUDONG.user_id, "district_staff", set()),
    (REVIEWER, None, None, set()),  # the system's
    (ADMIN, PUDONG.user_id, "district_staff", set(STATES) - {"verified"}),
    (ADMIN, REVIEWER.user_id, "city_reviewer", set(STATES) - {"verified"}),
    (PLANNER, PLANNER.user_id, "planner", set()),
]


@pytest.mark.parametrize("actor, uploader, role, allowed", REMOVALS,
                         ids=[f"{a.username}-removes-{r}-{u}" for a, u, r, _ in REMOVALS])
@pytest.mark.parametrize("status", STATES)
def test_who_removes_in_which_state(actor, uploader, role, allowed, status):
    assert may_remove(actor, status, "310115", uploader, role) == (status in allowed)


def test_a_test_actor_without_an_id_removes_nothing_the_system_uploaded():
    # None is nobody's id: a reviewer known by no user id does not own the system's documents
    assert not may_remove(Actor(None, "x", "city_reviewer"), "submitted", "310115", None, None)


@pytest.mark.parametrize("actor", [PUDONG, REVIEWER, ADMIN])
def test_a_verified_projects_documents_are_frozen_for_everyone(actor):
    with pytest.raises(Conflict, match="frozen"):
        require_addable(actor, "verified", "310115")
    with pytest.raises(Conflict, match="frozen"):
        require_removable(actor, "verified", "310115", actor.user_id, actor.role)


def test_refusals_say_why():
    with pytest.raises(PermissionDenied, match="Your role may not add documents"):
        require_addable(PLANNER, "draft", "310115")
    with pytest.raises(PermissionDenied, match="may not act in district"):
        require_addable(MINHANG, "draft", "310115")
    with pytest.raises(Conflict) as state:
        require_addable(PUDONG, "submitted", "310115")
    assert state.value.message.params["status"].msgid == "Submitted"
    with pytest.raises(PermissionDenied, match="only the documents they uploaded"):
        require_removable(OTHER_REVIEWER, "submitted", "310115", REVIEWER.user_id, "city_reviewer")
    with pytest.raises(PermissionDenied, match="not the district's"):
        require_removable(PUDONG, "draft", "310115", REVIEWER.user_id, "city_reviewer")
    with pytest.raises(Conflict, match="only while a project is a draft or returned"):
        require_removable(PUDONG, "approved", "310115", PUDONG.user_id, "district_staff")


def test_a_project_holds_at_most_thirty_documents():
    require_room(MAX_DOCUMENTS_PER_PROJECT - 1)
    with pytest.raises(Conflict) as full:
        require_room(MAX_DOCUMENTS_PER_PROJECT)
    assert full.value.render() == ("A project holds at most 30 documents and this one has 30: remove one before "
                                   "adding another.")
