"""``GET /api/v1/projects?enterprise=<credit code>``: exactly the enterprise's projects the reader
reads (not another's whose title holds the code), with the other filters and in the page links, none
for a code nobody has, 422 naming ``enterprise`` for a malformed one; its export the same; the
enterprise's answer links the list (``projects_href``), and the OpenAPI document describes both."""
from __future__ import annotations

import pytest

from tests.integration import enterprise_filter_data as data


@pytest.fixture(autouse=True)
def loaded(session):
    data.load(session)


def references(answer) -> list[str]:
    assert answer.status_code == 200, answer.get_json()
    return sorted(p["reference"] for p in answer.get_json()["items"])


def test_the_list_holds_the_enterprises_projects_exactly(client, pudong):
    assert data.QUOTING in references(client.get(f"/api/v1/projects?q={data.FIRST}", headers=pudong))
    # Pudong's staff: not the Minhang draft
    assert references(client.get(f"/api/v1/projects?enterprise={data.FIRST}", headers=pudong)) == [
        "2015-310115-0001", "2016-310115-0001"]
    assert references(client.get(f"/api/v1/projects?enterprise={data.FIRST.lower()}&year=2016",
                                 headers=pudong)) == ["2016-310115-0001"]
    assert references(client.get(f"/api/v1/projects?enterprise={data.UNKNOWN}", headers=pudong)) == []
    paged = client.get(f"/api/v1/projects?enterprise={data.FIRST}&page_size=1", headers=pudong).get_json()
    assert f"enterprise={data.FIRST}" in paged["next"]


def test_a_malformed_code_is_a_422_naming_the_filter(client, pudong):
    for url in ("/api/v1/projects?enterprise=9131", "/api/v1/projects/export?enterprise=9131"):
        refused = client.get(url, headers=pudong)
        assert refused.status_code == 422 and "enterprise" in str(refused.get_json()), url


def test_the_export_and_the_enterprises_projects_href(client, pudong):
    exported = client.get(f"/api/v1/projects/export?format=csv&enterprise={data.SECOND}", headers=pudong)
    assert exported.status_code == 200 and exported.headers["X-Registry-Exported"] == "1"
    href = client.get(f"/api/v1/enterprises/{data.FIRST}", headers=pudong).get_json()["projects_href"]
    assert href == f"http://localhost/api/v1/projects?enterprise={data.FIRST}"
    assert references(client.get(href, headers=pudong)) == ["2015-310115-0001", "2016-310115-0001"]
    document = client.get("/api/v1/openapi.json", headers=pudong).get_json()
    listing = document["paths"]["/api/v1/projects"]["get"]["parameters"]
    assert any(p["name"] == "enterprise" and p["in"] == "query" for p in listing)
    assert "projects_href" in document["components"]["schemas"]["EnterpriseOut"]["properties"]
