"""Who may correct an enterprise's details (registry/domain/permissions.py): administrators any,
district staff those registered in their own district and only there; reviewers and planners read."""
from __future__ import annotations

import pytest

from registry.domain.errors import PermissionDenied
from registry.domain.permissions import (Actor, may_edit_enterprise, require_edit_enterprise,
                                         require_enterprise_district)

PUDONG = Actor(1, "pudong", "district_staff", "310115")
MINHANG = Actor(2, "minhang", "district_staff", "310112")
ADMIN = Actor(3, "admin", "admin")
REVIEWER = Actor(4, "reviewer", "city_reviewer")
PLANNER = Actor(5, "planner", "planner")
UNPLACED_STAFF = Actor(6, "nowhere", "district_staff", None)


@pytest.mark.parametrize("actor", [PUDONG, ADMIN])
def test_its_districts_staff_and_administrators_may(actor):
    require_edit_enterprise(actor, "310115")
    assert may_edit_enterprise(actor, "310115")


@pytest.mark.parametrize("actor", [MINHANG, REVIEWER, PLANNER])
def test_nobody_else_may(actor):
    with pytest.raises(PermissionDenied):
        require_edit_enterprise(actor, "310115")
    assert not may_edit_enterprise(actor, "310115")


def test_readers_hear_their_role_may_not():
    with pytest.raises(PermissionDenied) as refused:
        require_edit_enterprise(REVIEWER, "310115")
    assert refused.value.render() == "Your role may not edit enterprises."


@pytest.mark.parametrize("actor", [PUDONG, UNPLACED_STAFF])
def test_an_enterprise_without_a_district_is_an_administrators(actor):
    # Staff without a district of their own match "no district" by equality: they must not pass.
    with pytest.raises(PermissionDenied) as refused:
        require_edit_enterprise(actor, None)
    assert "administrator" in refused.value.render()
    assert not may_edit_enterprise(actor, None)
    assert may_edit_enterprise(ADMIN, None)


def test_staff_keep_an_enterprise_in_their_district():
    require_enterprise_district(PUDONG, "310115", "310115")
    with pytest.raises(PermissionDenied) as refused:
        require_enterprise_district(PUDONG, "310115", "310112")
    assert refused.value.render().startswith("District staff may not move an enterprise out of their district")


def test_an_administrator_moves_one_anywhere():
    require_enterprise_district(ADMIN, "310115", "310112")
    require_enterprise_district(ADMIN, None, "310112")
