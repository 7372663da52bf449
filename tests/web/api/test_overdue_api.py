"""/api/v1/projects and overdue projects (逾期未完成): the ``overdue`` filter of the list and its
export, and each project's ``overdue_days`` (null when not overdue), in the answers and the schema."""
from __future__ import annotations

from registry import clock
from tests.integration.project_data import OVERDUE_TODAY, overdue_set

PROJECTS = "/api/v1/projects"


def test_the_list_filters_overdue_projects_and_every_project_says_its_days(client, session, bearer):
    ids = overdue_set(session)
    reviewer = bearer("api-reviewer", "city_reviewer")
    with clock.frozen_at(OVERDUE_TODAY):
        listed = client.get(PROJECTS + "?overdue=true&page_size=1&sort=reference&dir=asc", headers=reviewer).get_json()
        every = client.get(PROJECTS + "?page_size=50", headers=reviewer).get_json()
        late = client.get(f"{PROJECTS}/{ids['late']}", headers=reviewer).get_json()
        due_today = client.get(f"{PROJECTS}/{ids['due_today']}", headers=reviewer).get_json()
        refused = client.get(PROJECTS + "?overdue=maybe", headers=reviewer)
        exported = client.get(PROJECTS + "/export?format=csv&overdue=true", headers=reviewer)
    assert listed["total"] == 2 and "overdue=true" in listed["next"]  # the next page keeps the filter
    assert {item["id"]: item["overdue_days"] for item in every["items"] if item["overdue_days"] is not None} == {
        ids["late"]: 1, ids["minhang"]: 158}
    assert (late["overdue_days"], due_today["overdue_days"]) == (1, None)
    assert refused.status_code == 422
    assert exported.status_code == 200 and exported.headers["X-Registry-Exported"] == "2"


def test_the_schema_documents_the_filter_and_the_days(client, bearer):
    spec = client.get("/api/v1/openapi.json", headers=bearer("api-reader", "planner")).get_json()
    schemas = spec["components"]["schemas"]
    for name in ("ProjectOut", "ProjectSummaryOut"):
        days = schemas[name]["properties"]["overdue_days"]
        assert days["type"] == ["integer", "null"] or days.get("nullable"), days
    for path in ("/api/v1/projects", "/api/v1/projects/export"):
        assert "overdue" in {p["name"] for p in spec["paths"][path]["get"]["parameters"]}, path
