"""``GET /api/v1/enterprises/export``: the directory's filters without paging, the page's service and
file, the projects counted as the token's user reads them, the schema's refusals (422 naming each
parameter), the audit entry through the API and its place in the OpenAPI document."""
from __future__ import annotations

import csv
import io

from sqlalchemy import select

from registry.models import AuditEntry
from tests.integration.directory_data import BING, DING, JIA, YI, seed_directory


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def test_the_api_exports_with_the_directorys_filters(client, session, districts, bearer, pudong):
    seed_directory(session)
    headers = bearer("reviewer-api", "city_reviewer")
    response = client.get("/api/v1/enterprises/export?format=csv&q=名录&sort=credit_code&dir=desc&page=2",
                          headers=headers)
    assert response.status_code == 200 and response.headers["X-Registry-Exported"] == "4"
    assert "enterprises-" in response.headers["Content-Disposition"]
    assert [r[1] for r in _rows(response)[1:]] == [BING, JIA, DING, YI]
    # as the list: district staff are not narrowed to their district, their counts are what they read
    staff = _rows(client.get("/api/v1/enterprises/export?format=csv&q=名录&industry=d", headers=pudong))
    assert [(r[1], r[6], r[7]) for r in staff[1:]] == [(YI, "1", "2014")]
    entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id)).all()
    assert [(e.channel, e.entity, e.changes.get("industry")) for e in entries] == [
        ("api", "enterprise_list", None), ("api", "enterprise_list", "D")]
    refused = client.get("/api/v1/enterprises/export?format=pdf&industry=Z9&projects=maybe", headers=headers)
    assert refused.status_code == 422 and {"format", "industry", "projects"} <= set(refused.get_json()["errors"])
    spec = client.get("/api/v1/openapi.json", headers=headers).get_json()
    operation = spec["paths"]["/api/v1/enterprises/export"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {
        "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    assert "page" not in {p["name"] for p in operation["parameters"]}
