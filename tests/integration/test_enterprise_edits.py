"""Correcting an enterprise (services/enterprise_edits.py) on a real PostGIS: what is written and
audited, the version read, and that a refusal writes nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.models import AuditEntry, Enterprise
from registry.repositories.audit import history
from registry.services import enterprises, search
from registry.services.enterprise_edits import edit_enterprise
from tests.integration.project_data import CREDIT, MINHANG, PLANNER, PUDONG, REVIEWER

pytestmark = pytest.mark.usefixtures("districts")

ADMIN = Actor(None, "admin", "admin", channel="web")
PUDONG_WEB = Actor(None, "pudong-staff", "district_staff", "310115", channel="web")


@pytest.fixture
def firm(session):
    view = enterprises.find_or_create(session, Actor.system(), CREDIT, "上海测试电机有限公司", "C381", "310115",
                                      "浦东新区张江路 1 号")
    session.commit()
    return view


def _written(session, enterprise_id: int) -> tuple:
    """What a refused edit must leave as it was: the row and the enterprise's audit entries."""
    row = session.get(Enterprise, enterprise_id)
    session.refresh(row)
    entries = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "enterprise"))
    return row.name, row.industry_code, row.district_code, row.address, row.version, entries


def test_a_rename_is_one_audited_change_with_its_channel(session, firm):
    edited = edit_enterprise(session, PUDONG_WEB, firm.id, {"name": "  上海新名电机股份有限公司 "}, firm.version)
    assert edited.changes == {"name": ["上海测试电机有限公司", "上海新名电机股份有限公司"]}
    assert edited.enterprise.name == "上海新名电机股份有限公司" and edited.enterprise.version == firm.version + 1
    last = history(session, "enterprise", firm.id)[-1]
    assert (last.action, last.changes, last.channel) == ("update", edited.changes, "web")


def test_every_field_at_once_by_credit_code(session, firm):
    edited = edit_enterprise(session, ADMIN, CREDIT.lower(), {"name": "新名", "industry_code": "C3811",
                                                              "district_code": "310112", "address": ""}, None)
    assert edited.changes == {"name": ["上海测试电机有限公司", "新名"], "industry_code": ["C381", "C3811"],
                              "district_code": ["310115", "310112"], "address": ["浦东新区张江路 1 号", None]}
    assert enterprises.find_by_credit_code(session, CREDIT).district_code == "310112"


def test_the_search_box_finds_the_new_name(session, firm):
    edit_enterprise(session, ADMIN, firm.id, {"name": "东海重工"}, None)
    found = search.search(session, ADMIN, "东海重工", kind="enterprises")
    assert [hit.id for hit in found.groups[0].items] == [firm.id]


def test_an_unchanged_save_writes_nothing(session, firm):
    before = _written(session, firm.id)
    edited = edit_enterprise(session, PUDONG, firm.id, {"name": "上海测试电机有限公司 ", "industry_code": "C381",
                                                        "district_code": "310115", "address": "浦东新区张江路 1 号"},
                             firm.version)
    assert edited.changes == {} and _written(session, firm.id) == before


def test_a_stale_version_is_refused_naming_who_changed_what(session, firm):
    edit_enterprise(session, ADMIN, firm.id, {"address": "浦东新区科苑路 2 号"}, firm.version)
    before = _written(session, firm.id)
    with pytest.raises(Conflict) as refused:
        edit_enterprise(session, PUDONG, firm.id, {"name": "另一个名字"}, firm.version)
    assert refused.value.render().startswith("This enterprise was changed at ")
    assert "(fields: Address)" in refused.value.render()
    assert _written(session, firm.id) == before


def test_every_bad_field_is_named_and_nothing_written(session, firm):
    before = _written(session, firm.id)
    with pytest.raises(ValidationError) as refused:
        edit_enterprise(session, ADMIN, firm.id, {"name": " ", "industry_code": "261", "district_code": "999999",
                                                  "address": "路" * 501, "credit_code": "X"}, None)
    assert refused.value.render() == (
        "credit_code: Unknown field.; address: may be at most 500 characters: this one has 501; name: is required; "
        "industry_code: must be a GB/T 4754-2017 code such as C261; district_code: no district with code 999999")
    assert _written(session, firm.id) == before


def test_a_control_character_in_a_name_is_refused(session, firm):
    with pytest.raises(ValidationError) as refused:
        edit_enterprise(session, ADMIN, firm.id, {"name": "新\x00名"}, None)
    assert refused.value.render() == "name: must not contain the control character U+0000"


@pytest.mark.parametrize("actor", [MINHANG, REVIEWER, PLANNER])
def test_others_may_not(session, firm, actor):
    before = _written(session, firm.id)
    with pytest.raises(PermissionDenied):
        edit_enterprise(session, actor, firm.id, {"name": "新名"}, None)
    assert _written(session, firm.id) == before


def test_staff_may_not_move_it_out_of_their_district(session, firm):
    before = _written(session, firm.id)
    with pytest.raises(PermissionDenied):
        edit_enterprise(session, PUDONG, firm.id, {"district_code": "310112", "name": "新名"}, None)
    assert _written(session, firm.id) == before


def test_a_district_is_given_but_never_taken_away(session):
    unplaced = enterprises.find_or_create(session, Actor.system(), CREDIT, "无区企业")
    session.commit()
    with pytest.raises(PermissionDenied):
        edit_enterprise(session, PUDONG, unplaced.id, {"district_code": "310115"}, None)
    placed = edit_enterprise(session, ADMIN, unplaced.id, {"district_code": "310115"}, None)
    assert placed.changes == {"district_code": [None, "310115"]}
    with pytest.raises(ValidationError) as refused:
        edit_enterprise(session, ADMIN, unplaced.id, {"district_code": ""}, None)
    assert refused.value.field_errors[0].field == "district_code"


def test_an_unknown_enterprise_is_not_found(session):
    with pytest.raises(NotFound):
        edit_enterprise(session, ADMIN, CREDIT, {"name": "新名"}, None)
    with pytest.raises(ValidationError):  # a malformed code is named as such
        edit_enterprise(session, ADMIN, "123", {"name": "新名"}, None)
