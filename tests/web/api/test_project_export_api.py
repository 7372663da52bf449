"""``GET /api/v1/projects/export``: the list's filters without paging, the page's service and file,
the schema's refusals (422 naming each parameter) and its place in the OpenAPI document."""
from __future__ import annotations

import csv
import io

from tests.integration import rollup_data


def test_the_api_exports_with_the_lists_filters(client, session, bearer):
    rollup_data.load(session)
    headers = bearer("reviewer-api", "city_reviewer")
    response = client.get("/api/v1/projects/export?format=csv&kind=motor_upgrade&sort=reference&dir=asc",
                          headers=headers)
    assert response.status_code == 200 and response.headers["X-Registry-Exported"] == "2"
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["P10", "P4"]
    refused = client.get("/api/v1/projects/export?format=pdf&year=1", headers=headers)
    assert refused.status_code == 422 and {"format", "year"} <= set(refused.get_json()["errors"])
    spec = client.get("/api/v1/openapi.json", headers=headers).get_json()
    operation = spec["paths"]["/api/v1/projects/export"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {
        "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
