"""GET /api/v1/quality: the data-quality page's checks as JSON — each with its count as the token's
user reads it and the lists (page and API) that show those records, whose total is that count —
and the API lists' ``check`` filter, read strictly."""
from __future__ import annotations

import pytest

from tests.integration.quality_data import PUDONG_STAFF, REVIEWER_MINHANG, seed_quality


@pytest.fixture
def records(session):
    return seed_quality(session)


def test_each_check_has_its_count_its_texts_and_lists_whose_total_is_that_count(client, pudong, records):
    answer = client.get("/api/v1/quality?lang=en", headers=pudong).get_json()
    assert answer["district_code"] == "310115"  # district staff: their own district
    checks = {c["id"]: c for c in answer["checks"]}
    assert {key: c["failing"] for key, c in checks.items()} == PUDONG_STAFF
    assert checks["possible_duplicates"] == {
        "id": "possible_duplicates", "records": "projects", "failing": 1,
        "label": "Projects that may be registered twice",
        "why": "The same savings or land counted twice inflates the city's figures: a reviewer decides.",
        "parameters": {"check": "possible_duplicates", "district": "310115"},
        "href": "http://localhost/projects?check=possible_duplicates&district=310115",
        "list": "http://localhost/api/v1/projects?check=possible_duplicates&district=310115"}
    for check in checks.values():
        assert client.get(check["list"], headers=pudong).get_json()["total"] == check["failing"], check["list"]


def test_a_city_role_checks_one_district_and_a_malformed_one_is_refused_naming_it(client, bearer, records):
    reviewer = bearer("reviewer", "city_reviewer")
    answer = client.get("/api/v1/quality?district=310112", headers=reviewer).get_json()
    assert {c["id"]: c["failing"] for c in answer["checks"]} == REVIEWER_MINHANG
    assert client.get("/api/v1/quality", headers=reviewer).get_json()["checks"][0]["label"] == "无行业代码的企业"
    refused = client.get("/api/v1/quality?district=abc", headers=reviewer)
    assert refused.status_code == 422 and "district" in refused.get_json()["errors"]


def test_the_lists_take_only_their_own_checks(client, pudong, records):
    for path in ("/api/v1/projects?check=enterprise_without_address", "/api/v1/enterprises?check=possible_duplicates",
                 "/api/v1/projects/export?check=parcel_without_project"):
        refused = client.get(path, headers=pudong)
        assert refused.status_code == 422 and "check" in refused.get_json()["errors"], path
    body = client.get("/api/v1/enterprises?check=enterprise_without_address&page_size=1", headers=pudong).get_json()
    assert body["total"] == 2 and "check=enterprise_without_address" in body["next"]


def test_the_openapi_document_states_the_checks(client, pudong):
    spec = client.get("/api/v1/openapi.json", headers=pudong).get_json()
    assert "/api/v1/quality" in spec["paths"]
    parameters = {p["name"]: p for p in spec["paths"]["/api/v1/projects"]["get"]["parameters"]}
    assert parameters["check"]["schema"]["enum"] == ["exit_without_parcels", "savings_without_equal_value",
                                                      "verified_without_audit_report", "possible_duplicates"]
