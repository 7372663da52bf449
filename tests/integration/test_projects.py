"""Project use cases on a real PostGIS: registration, geometry rules, workflow, locking, history."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from registry.domain.errors import Conflict, InvalidGeometry, NotFound, PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.models import Parcel, Project
from registry.services import projects as svc
from tests.integration.project_data import (BOW_TIE, CREDIT, FIRST17, IN_MINHANG, MINHANG, MOTORS, OVERLAPPING,
                                            PLANNER, PUDONG, REVIEWER, SQUARE, draft)

pytestmark = pytest.mark.usefixtures("districts")


def test_registers_a_draft_with_a_drawn_parcel_and_computed_savings(session):
    view = svc.register_project(session, PUDONG, draft())
    assert view.status == "draft" and view.reference == "2013-310115-0001"
    assert round(view.savings_tce, 3) == Decimal("0.873")  # DOMAIN §4.3 worked example
    assert view.installed_kw == 55
    assert len(view.parcels) == 1 and 10500 < view.parcels[0].area_m2 < 10600
    parcel = session.get(Parcel, view.parcels[0].id)
    assert parcel.district_code == "310115"
    assert [h.action for h in view.history] == ["create"]


def test_second_project_of_the_year_gets_the_next_reference(session):
    svc.register_project(session, PUDONG, draft())
    second = svc.register_project(session, PUDONG, draft(new_parcels=()))
    assert second.reference == "2013-310115-0002"


def test_staff_cannot_register_in_another_district(session):
    with pytest.raises(PermissionDenied):
        svc.register_project(session, MINHANG, draft())
    assert session.scalars(select(Project)).all() == []


def test_parcel_outside_the_users_district_is_refused(session):
    with pytest.raises(InvalidGeometry) as info:
        svc.register_project(session, PUDONG, draft(new_parcels=(svc.NewParcel(IN_MINHANG),)))
    assert info.value.field_errors[0].field == "new_parcels[0].geometry"
    assert session.scalars(select(Parcel)).all() == []


def test_self_intersecting_parcel_is_refused_with_the_reason(session):
    with pytest.raises(InvalidGeometry) as info:
        svc.register_project(session, PUDONG, draft(new_parcels=(svc.NewParcel(BOW_TIE),)))
    assert info.value.render() == "new_parcels[0].geometry: the boundary crosses itself at 121.6005 31.2005"


def test_overlap_needs_a_reason_and_is_recorded(session):
    svc.register_project(session, PUDONG, draft())
    with pytest.raises(ValidationError) as info:
        svc.register_project(session, PUDONG, draft(new_parcels=(svc.NewParcel(OVERLAPPING),)))
    assert "overlaps 1 existing parcel" in info.value.render()
    view = svc.register_project(session, PUDONG, draft(new_parcels=(svc.NewParcel(OVERLAPPING, overlap_reason="厂区扩建，边界待测绘"),)))
    assert len(view.parcels) == 1


def test_bad_inputs_name_the_field_under_inputs(session):
    bad = MOTORS | {"motors": [MOTORS["motors"][0] | {"efficiency_after": 1.5}]}
    with pytest.raises(ValidationError) as info:
        svc.register_project(session, PUDONG, draft(inputs=bad))
    assert "inputs.motors[0].efficiency_after" in [e.field for e in info.value.field_errors]


def test_bad_credit_code_gives_the_reason(session):
    with pytest.raises(ValidationError) as info:
        svc.register_project(session, PUDONG, draft(credit_code=FIRST17 + "0" if CREDIT[-1] != "0" else FIRST17 + "1"))
    assert info.value.field_errors[0].field == "credit_code"
    assert "should be" in info.value.render()


def test_full_workflow_records_who_when_and_why(session):
    view = svc.register_project(session, PUDONG, draft(), submit=True)
    assert view.status == "submitted"
    with pytest.raises(ValidationError):
        svc.transition(session, REVIEWER, view.id, "return", comment="  ")
    view = svc.transition(session, REVIEWER, view.id, "return", comment="请补充电机铭牌照片")
    assert view.status == "returned"
    view = svc.transition(session, PUDONG, view.id, "submit")
    view = svc.transition(session, REVIEWER, view.id, "approve")
    view = svc.transition(session, PUDONG, view.id, "complete")
    view = svc.transition(session, REVIEWER, view.id, "verify")
    assert view.status == "verified" and view.completed_on and view.verified_on
    actions = [(h.action, h.note) for h in view.history]
    assert ("return", "请补充电机铭牌照片") in actions
    assert [a for a, _ in actions] == ["create", "submit", "return", "submit", "approve", "complete", "verify"]


@pytest.mark.parametrize("actor, action", [(PUDONG, "approve"), (PLANNER, "submit"), (MINHANG, "submit")])
def test_only_the_allowed_role_can_take_each_step(session, actor, action):
    view = svc.register_project(session, PUDONG, draft())
    if action == "approve":
        svc.transition(session, PUDONG, view.id, "submit")
    with pytest.raises((PermissionDenied, NotFound)):
        svc.transition(session, actor, view.id, action)


def test_planner_cannot_edit_projects(session):
    view = svc.register_project(session, PUDONG, draft())
    with pytest.raises(PermissionDenied):
        svc.update_project(session, PLANNER, view.id, draft(title="x"), view.version)


def test_other_districts_drafts_are_invisible_but_approved_ones_readable(session):
    view = svc.register_project(session, PUDONG, draft())
    with pytest.raises(NotFound):
        svc.get_project(session, MINHANG, view.id)
    svc.transition(session, PUDONG, view.id, "submit")
    svc.transition(session, REVIEWER, view.id, "approve")
    assert svc.get_project(session, MINHANG, view.id).status == "approved"
    with pytest.raises(PermissionDenied):
        svc.update_project(session, MINHANG, view.id, draft(district_code="310112", new_parcels=()), None)


def test_second_editor_gets_a_conflict_and_the_first_edit_survives(session):
    view = svc.register_project(session, PUDONG, draft())
    opened_version = view.version
    svc.update_project(session, PUDONG, view.id, draft(title="第一位编辑", new_parcels=()), opened_version)
    with pytest.raises(Conflict) as info:
        svc.update_project(session, PUDONG, view.id, draft(title="第二位编辑", new_parcels=()), opened_version)
    assert "Project name" in info.value.render()  # the field as the history names it
    assert svc.get_project(session, PUDONG, view.id).title == "第一位编辑"


def test_verified_project_changes_only_through_a_recorded_correction(session):
    view = svc.register_project(session, PUDONG, draft(), submit=True)
    for actor, action in ((REVIEWER, "approve"), (PUDONG, "complete"), (REVIEWER, "verify")):
        view = svc.transition(session, actor, view.id, action)
    with pytest.raises(Conflict):
        svc.update_project(session, PUDONG, view.id, draft(new_parcels=()), view.version)
    with pytest.raises(ValidationError):
        svc.correct_project(session, REVIEWER, view.id, draft(new_parcels=()), "", view.version)
    corrected = svc.correct_project(session, REVIEWER, view.id, draft(title="更正后的名称", new_parcels=()),
                                    "统计局核定数据更正", view.version)
    assert corrected.status == "verified" and corrected.title == "更正后的名称"
    last = corrected.history[-1]
    assert last.action == "correct" and last.note == "统计局核定数据更正" and "title" in last.changes


def test_list_filters_and_visibility(session):
    a = svc.register_project(session, PUDONG, draft())
    page = svc.list_projects(session, PUDONG, svc.ProjectFilter(text="测试电机"))
    assert [p.id for p in page.items] == [a.id]
    assert svc.list_projects(session, MINHANG, svc.ProjectFilter()).total == 0
    assert svc.list_projects(session, REVIEWER, svc.ProjectFilter(kind="motor_upgrade", year=2013)).total == 1
    assert svc.list_projects(session, REVIEWER, svc.ProjectFilter(year=2014)).total == 0


def test_references_count_on_past_9999_as_numbers(session):
    first = svc.register_project(session, PUDONG, draft(new_parcels=()))
    session.get(Project, first.id).reference = "2013-310115-9999"
    session.flush()
    assert svc.register_project(session, PUDONG, draft(new_parcels=())).reference == "2013-310115-10000"
    assert svc.register_project(session, PUDONG, draft(new_parcels=())).reference == "2013-310115-10001"


ADMIN = Actor(None, "admin", "admin")


@pytest.mark.parametrize("code", ["999999", "abc", "3101_5"])
@pytest.mark.parametrize("new_parcels", [(), (svc.NewParcel(SQUARE, "M2"),)])
def test_an_unknown_district_is_a_field_error_naming_it(session, code, new_parcels):
    with pytest.raises(ValidationError) as info:
        svc.register_project(session, ADMIN, draft(district_code=code, new_parcels=new_parcels))
    [error] = info.value.field_errors
    assert error.field == "district_code" and code in error.render()
    assert session.scalars(select(Project)).all() == [] and session.scalars(select(Parcel)).all() == []


def test_a_correction_to_an_unknown_district_is_a_field_error(session):
    view = svc.register_project(session, PUDONG, draft(), submit=True)
    for actor, action in ((REVIEWER, "approve"), (PUDONG, "complete"), (REVIEWER, "verify")):
        view = svc.transition(session, actor, view.id, action)
    with pytest.raises(ValidationError) as info:
        svc.correct_project(session, REVIEWER, view.id, draft(district_code="999999", new_parcels=()), "更正", view.version)
    assert info.value.field_errors[0].field == "district_code" and "999999" in info.value.render()
    assert svc.get_project(session, REVIEWER, view.id).district_code == "310115"


def test_a_stale_version_says_when_and_which_fields_and_leaves_out_what_is_unknown(session):
    view = svc.register_project(session, PUDONG, draft(new_parcels=()))
    svc.transition(session, PUDONG, view.id, "submit")
    with pytest.raises(Conflict) as info:
        svc.transition(session, REVIEWER, view.id, "approve", expected_version=view.version)
    message = info.value.render()
    assert "Completed" not in message and "Verified" not in message  # only what changed
    assert "(fields: Status)" in message and " at 20" in message
    assert "?" not in message and "by " not in message  # an actor without an account: no name


def test_a_stale_version_names_the_person_as_the_pages_do_not_by_the_sign_in_name(session):
    """"changed by reviewer" gave the sign-in name, where the history and the top bar say 王敏: a reviewer
    whose second tab was refused did not know it was their own step."""
    from registry.services import accounts
    from tests.conftest import TEST_PASSWORD

    user = accounts.create_user(session, Actor.system(), "city-rev", TEST_PASSWORD, "city_reviewer", display_name="王敏")
    reviewer = Actor(user.id, user.username, "city_reviewer")
    view = svc.register_project(session, PUDONG, draft(new_parcels=()), submit=True)
    svc.transition(session, reviewer, view.id, "approve", expected_version=view.version)
    with pytest.raises(Conflict) as info:
        svc.transition(session, reviewer, view.id, "approve", expected_version=view.version)
    message = info.value.render()
    assert message.startswith("This project was changed by 王敏 at ") and "city-rev" not in message


def test_a_refused_draft_names_every_problem_at_once(session):
    """A draft with a bad credit code, a wrong efficiency and a parcel in Minhang was refused for its
    savings alone; corrected, for its credit code; then for its parcel: three saves to learn three things."""
    bad = MOTORS | {"motors": [MOTORS["motors"][0] | {"efficiency_before": 92.1}]}
    with pytest.raises(ValidationError) as info:
        svc.register_project(session, PUDONG, draft(credit_code=CREDIT[:-1] + "X", inputs=bad, enterprise_name=None,
                                                    new_parcels=(svc.NewParcel(SQUARE), svc.NewParcel(IN_MINHANG))))
    assert [e.field for e in info.value.field_errors] == [
        "inputs.motors[0].efficiency_before", "credit_code", "new_parcels[1].geometry"]
    assert session.scalars(select(Project)).all() == [] and session.scalars(select(Parcel)).all() == []


def test_a_new_enterprise_lacking_its_name_and_with_a_bad_industry_code_hears_of_both(session):
    with pytest.raises(ValidationError) as info:
        svc.register_project(session, PUDONG, draft(enterprise_name=" ", industry_code="261"))
    assert [e.field for e in info.value.field_errors] == ["enterprise_name", "industry_code"]


def test_the_form_s_own_problems_and_the_services_are_named_together(session):
    """check_draft: what the form could not read (known) and what the services refuse, without repeats."""
    from registry.domain.errors import FieldError, Message

    known = [FieldError("year", Message("must be a whole number")), FieldError("investment_wan_yuan", Message("x"))]
    with pytest.raises(ValidationError) as info:
        svc.check_draft(session, PUDONG, draft(year=0, credit_code="", new_parcels=(svc.NewParcel(IN_MINHANG),)), known)
    assert [e.field for e in info.value.field_errors] == [
        "year", "investment_wan_yuan", "credit_code", "new_parcels[0].geometry"]
    assert session.scalars(select(Parcel)).all() == []
