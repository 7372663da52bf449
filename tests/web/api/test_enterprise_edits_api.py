"""PATCH /api/v1/enterprises/<credit code>: the enterprise page's correction over the API, with the
project API's ETag/If-Match (428 without it, 412 when stale) and problem+json in the client's language."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.domain.permissions import Actor
from registry.models import AuditEntry, Enterprise
from registry.services import enterprises
from tests.integration.project_data import CREDIT

URL = f"/api/v1/enterprises/{CREDIT}"


@pytest.fixture
def firm(session):
    return enterprises.find_or_create(session, Actor.system(), CREDIT, "上海测试电机有限公司", "C381", "310115")


def _etag(client, headers) -> str:
    return client.get(URL, headers=headers).headers["ETag"]


def _state(session) -> tuple:
    row = session.scalars(select(Enterprise).where(Enterprise.credit_code == CREDIT)).one()
    session.refresh(row)
    return row.name, row.district_code, row.version, session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "enterprise"))


def test_the_get_answers_the_etag_a_patch_sends_back(client, pudong, firm, session):
    etag = _etag(client, pudong)
    assert etag == f'"{CREDIT}-1"'
    response = client.patch(URL, json={"name": "上海新名电机股份有限公司"}, headers=pudong | {"If-Match": etag})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["name"] == "上海新名电机股份有限公司" and response.get_json()["version"] == 2
    assert response.headers["ETag"] == f'"{CREDIT}-2"'
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "enterprise",
                                                     AuditEntry.action == "update")).one()
    assert (entry.changes, entry.channel) == ({"name": ["上海测试电机有限公司", "上海新名电机股份有限公司"]}, "api")


def test_without_if_match_is_428_and_nothing_changes(client, pudong, firm, session):
    before = _state(session)
    response = client.patch(URL, json={"name": "新名"}, headers=pudong | {"Accept-Language": "en"})
    assert response.status_code == 428 and response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == "Send If-Match with the ETag of the enterprise as you read it."
    assert _state(session) == before


def test_a_stale_etag_is_412_naming_who_changed_what(client, pudong, bearer, firm, session):
    admin = bearer("admin", "admin")
    read = _etag(client, pudong)
    assert client.patch(URL, json={"address": "科苑路 2 号"}, headers=admin | {"If-Match": read}).status_code == 200
    before = _state(session)
    stale = client.patch(URL, json={"name": "迟到的名字"}, headers=pudong | {"If-Match": read})
    assert stale.status_code == 412 and stale.mimetype == "application/problem+json"
    assert stale.get_json()["detail"].startswith("自您打开以来，该企业已于") and "admin" in stale.get_json()["detail"]
    assert "地址" in stale.get_json()["detail"]
    assert _state(session) == before


def test_another_records_etag_is_412(client, pudong, firm):
    response = client.patch(URL, json={"name": "新名"}, headers=pudong | {"If-Match": '"1-1"', "Accept-Language": "en"})
    assert response.status_code == 412
    assert response.get_json()["detail"] == "If-Match does not match this enterprise's ETag."


def test_bad_fields_are_422_each_named_in_the_clients_language(client, pudong, firm, session):
    before = _state(session)
    body = {"name": "", "industry_code": "261", "district_code": "999999", "address": "路" * 501}
    response = client.patch(URL, json=body, headers=pudong | {"If-Match": _etag(client, pudong), "Accept-Language": "en"})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.get_json()["errors"] == {
        "name": "is required", "industry_code": "must be a GB/T 4754-2017 code such as C261",
        "district_code": "no district with code 999999",
        "address": "may be at most 500 characters: this one has 501"}
    assert _state(session) == before


def test_the_credit_code_is_not_a_field(client, bearer, firm):
    admin = bearer("admin", "admin")
    response = client.patch(URL, json={"credit_code": "91310115MA1K000039"}, headers=admin | {"If-Match": '"*"'})
    assert response.status_code == 422 and "credit_code" in response.get_json()["errors"]


def test_another_districts_staff_and_readers_are_403(client, minhang, bearer, firm, session):
    before = _state(session)
    for headers in (minhang, bearer("reviewer", "city_reviewer"), bearer("planner", "planner")):
        response = client.patch(URL, json={"name": "新名"}, headers=headers | {"If-Match": f'"{CREDIT}-1"'})
        assert response.status_code == 403 and response.mimetype == "application/problem+json"
    assert _state(session) == before


def test_staff_moving_it_away_hear_why_in_chinese(client, pudong, firm, session):
    before = _state(session)
    response = client.patch(URL, json={"district_code": "310112"}, headers=pudong | {"If-Match": _etag(client, pudong)})
    assert response.status_code == 403
    assert response.get_json()["detail"] == "区级工作人员不能将企业移出本区（浦东新区）：请由管理员修改。"
    assert _state(session) == before


def test_an_unchanged_patch_keeps_the_version_and_the_history(client, pudong, firm, session):
    before = _state(session)
    response = client.patch(URL, json={"name": " 上海测试电机有限公司 "}, headers=pudong | {"If-Match": _etag(client, pudong)})
    assert response.status_code == 200 and response.headers["ETag"] == f'"{CREDIT}-1"'
    assert _state(session) == before


def test_the_openapi_document_lists_the_patch(client, pudong):
    operation = client.get("/api/v1/openapi.json", headers=pudong).get_json()["paths"]["/api/v1/enterprises/{credit_code}"]["patch"]
    assert {"403", "409", "412", "422", "428"} <= set(operation["responses"])
    assert any(p["name"] == "If-Match" and p["required"] for p in operation["parameters"])
