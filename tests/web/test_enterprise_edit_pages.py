"""The enterprise page's correction form (/enterprises/<id>/edit): who sees the button and reaches
the form, what a save says in either language, a stale form and bad input kept as typed, never a 500."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from registry.domain.permissions import Actor
from registry.models import AuditEntry, Enterprise
from registry.services import enterprise_edits, enterprises
from tests.integration.project_data import CREDIT
from tests.web.flashes import after
from tests.web.page_text import text_of

pytestmark = pytest.mark.usefixtures("districts")
BUTTON = "修改企业信息"


@pytest.fixture
def firm(session):
    return enterprises.find_or_create(session, Actor.system(), CREDIT, "上海测试电机有限公司", "C381", "310115",
                                      "张江路 1 号")


def _form(firm, **changes) -> dict:
    return {"name": firm.name, "industry_code": firm.industry_code, "district_code": firm.district_code,
            "address": firm.address, "version": str(firm.version)} | changes


def _state(session, firm) -> tuple:
    row = session.get(Enterprise, firm.id)
    session.refresh(row)
    entries = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "enterprise"))
    return row.name, row.industry_code, row.district_code, row.address, row.version, entries


@pytest.mark.parametrize("role, district, shown", [("district_staff", "310115", True), ("admin", None, True),
                                                   ("district_staff", "310112", False),
                                                   ("city_reviewer", None, False), ("planner", None, False)])
def test_the_button_is_shown_to_those_who_may(client, login, firm, role, district, shown):
    login(role, district)
    page = client.get(f"/enterprises/{firm.id}").get_data(as_text=True)
    assert (BUTTON in page) is shown
    assert client.get(f"/enterprises/{firm.id}/edit").status_code == (200 if shown else 403)


def test_a_rename_is_saved_and_shown_in_the_history(client, login, firm, session):
    login("district_staff", "310115")
    form = client.get(f"/enterprises/{firm.id}/edit").get_data(as_text=True)
    assert 'name="version" value="1"' in form and "统一社会信用代码是企业的标识，不能修改" in form
    response = client.post(f"/enterprises/{firm.id}/edit", data=_form(firm, name="上海新名电机股份有限公司"))
    assert after(client, response) == [("success", "上海新名电机股份有限公司 的企业信息已保存，下方历史记录列出了修改内容。")]
    page = text_of(client.get(f"/enterprises/{firm.id}").get_data(as_text=True))
    assert "上海测试电机有限公司" in page and "上海新名电机股份有限公司" in page  # before and after, in the history


def test_an_unchanged_save_says_so_in_english_and_adds_nothing(client, login, firm, session):
    login("admin")
    before = _state(session, firm)
    response = client.post(f"/enterprises/{firm.id}/edit?lang=en", data=_form(firm))
    assert after(client, response) == [("info", "Nothing changed: the details are as they were, so nothing was saved.")]
    assert _state(session, firm) == before


def test_a_stale_form_is_refused_keeping_what_was_typed(client, login, firm, session):
    enterprise_edits.edit_enterprise(session, Actor(None, "other", "admin"), firm.id, {"address": "科苑路 2 号"}, 1)
    before = _state(session, firm)
    login("district_staff", "310115")
    response = client.post(f"/enterprises/{firm.id}/edit", data=_form(firm, name="我的新名字"))
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "自您打开以来，该企业已于" in text_of(page) and "（字段：地址）" in text_of(page)
    assert 'value="我的新名字"' in page
    assert _state(session, firm) == before


@pytest.mark.parametrize("lang, expected", [
    ("zh", {"name": "必填", "industry_code": "C261", "district_code": "999999", "address": "最多 500 个字符"}),
    ("en", {"name": "is required", "industry_code": "must be a GB/T 4754-2017 code such as C261",
            "district_code": "no district with code 999999", "address": "at most 500 characters"}),
])
def test_bad_input_is_named_at_each_field_and_nothing_written(client, login, firm, session, lang, expected):
    login("admin")
    before = _state(session, firm)
    response = client.post(f"/enterprises/{firm.id}/edit?lang={lang}",
                           data=_form(firm, name=" ", industry_code="261", district_code="999999", address="路" * 501))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    errors = re.findall(r'<p class="field-error" role="alert">(.*?)</p>', page)
    assert len(errors) == 4 and all(text in error for text, error in zip(expected.values(), errors))
    assert _state(session, firm) == before


def test_staff_moving_it_away_hear_why_at_the_district(client, login, firm, session):
    login("district_staff", "310115")
    before = _state(session, firm)
    response = client.post(f"/enterprises/{firm.id}/edit", data=_form(firm, district_code="310112"))
    assert response.status_code == 403
    assert re.search(r'<p class="field-error" role="alert">区级工作人员不能将企业移出本区', response.get_data(as_text=True))
    assert _state(session, firm) == before


@pytest.mark.parametrize("changes", [{"version": "x"}, {"name": "a\x00b"}, {"district_code": "3" * 5000},
                                     {"industry_code": "C" * 3000}])
def test_hostile_values_are_refused_not_failed_on(client, login, firm, session, changes):
    login("admin")
    before = _state(session, firm)
    response = client.post(f"/enterprises/{firm.id}/edit", data=_form(firm, **changes))
    assert response.status_code == 422
    assert _state(session, firm) == before


def test_another_districts_staff_reach_neither_form_nor_save(client, login, firm, session):
    login("district_staff", "310112")
    before = _state(session, firm)
    assert client.post(f"/enterprises/{firm.id}/edit", data=_form(firm, name="改掉")).status_code == 403
    assert _state(session, firm) == before


def test_the_page_names_the_industry_code_s_section_in_the_reader_s_language(client, login, firm, session):
    # the code alone (C381) told a reader nothing; the registry holds the names of the 20 sections
    login("city_reviewer")
    assert "C381（制造业）" in text_of(client.get(f"/enterprises/{firm.id}").get_data(as_text=True))
    client.get("/lang/en")
    assert "C381 (Manufacturing)" in text_of(client.get(f"/enterprises/{firm.id}").get_data(as_text=True))
    session.get(Enterprise, firm.id).industry_code = None
    session.flush()
    assert "Manufacturing" not in client.get(f"/enterprises/{firm.id}").get_data(as_text=True)
