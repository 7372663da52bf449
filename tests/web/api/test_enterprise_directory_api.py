"""GET /api/v1/enterprises: the directory page's filters, order and pages as JSON, read strictly."""
from __future__ import annotations

import pytest

from tests.integration.directory_data import BING, DING, JIA, NAMES, YI, seed_directory


@pytest.fixture
def firms(session):
    return seed_directory(session)


def test_the_list_gives_each_enterprise_its_readable_projects_and_a_link(client, pudong, firms):
    body = client.get("/api/v1/enterprises?q=名录&sort=projects", headers=pudong).get_json()
    assert [item["name"] for item in body["items"]] == [NAMES[JIA], NAMES[YI], NAMES[DING], NAMES[BING]]
    yi = body["items"][1]
    assert yi == {"id": firms[YI], "name": NAMES[YI], "credit_code": YI, "industry_code": "D441",
                  "district_code": "310112", "is_illustrative": False, "projects": 1, "latest_year": 2014,
                  "former_name": None, "href": f"http://localhost/api/v1/enterprises/{YI}"}
    assert (body["total"], body["page"], body["pages"], body["next"], body["previous"]) == (4, 1, 1, None, None)


def test_the_api_does_not_narrow_district_staff_to_their_district(client, pudong, firms):
    # as GET /projects: a client names the district it wants
    assert client.get("/api/v1/enterprises?q=名录", headers=pudong).get_json()["total"] == 4
    body = client.get("/api/v1/enterprises?q=名录&district=310112&industry=c", headers=pudong).get_json()
    assert [item["name"] for item in body["items"]] == [NAMES[DING]]
    assert body["items"][0]["projects"] == 0  # Minhang's draft is not Pudong's to read


def test_pages_link_to_each_other_with_the_same_filters(client, pudong, firms):
    response = client.get("/api/v1/enterprises?q=名录&projects=with&page_size=1&page=2", headers=pudong)
    body = response.get_json()
    assert [item["name"] for item in body["items"]] == [NAMES[YI]] and body["pages"] == 2
    assert body["next"] is None and "page=1" in body["previous"] and "projects=with" in body["previous"]
    assert "dir=asc" in body["previous"] and "sort=name" in body["previous"]
    first = client.get("/api/v1/enterprises?q=名录&projects=with&page_size=1", headers=pudong)
    assert first.headers["Link"] == f'<{first.get_json()["next"]}>; rel="next"'


@pytest.mark.parametrize("query, field", [("industry=C26X", "industry"), ("projects=some", "projects"),
                                          ("sort=size", "sort"), ("page_size=201", "page_size")])
def test_a_value_it_cannot_use_is_refused_naming_it(client, pudong, query, field):
    response = client.get(f"/api/v1/enterprises?{query}", headers=pudong)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert field in str(response.get_json())


def test_the_openapi_document_lists_the_directory(client, pudong):
    operation = client.get("/api/v1/openapi.json", headers=pudong).get_json()["paths"]["/api/v1/enterprises"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"q", "district", "industry", "projects", "sort", "dir",
                                                            "page", "page_size"}
