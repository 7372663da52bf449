"""The API's enterprise (GET and PATCH /api/v1/enterprises/<credit code>) answers its monitored
consumption, ``monitoring: [{year, consumption_tce}]`` the latest year first, to those who read it on
the monitoring page: reviewers, administrators, its district's staff; ``null`` to the others."""
from __future__ import annotations

from tests.integration.monitoring_data import code, monitored_enterprise
from tests.integration.project_data import CREDIT

URL = f"/api/v1/enterprises/{CREDIT}"
FIGURES = [{"year": 2013, "consumption_tce": 600}, {"year": 2012, "consumption_tce": 560}]


def test_readers_of_the_monitoring_get_the_figures_the_others_null(client, session, tmp_path, bearer, pudong, minhang):
    monitored_enterprise(session, tmp_path)
    assert client.get(URL, headers=bearer("reviewer-api", "city_reviewer")).get_json()["monitoring"] == FIGURES
    assert client.get(URL, headers=pudong).get_json()["monitoring"] == FIGURES
    assert client.get(URL, headers=minhang).get_json()["monitoring"] is None  # a Pudong enterprise
    assert client.get(URL, headers=bearer("planner-api", "planner")).get_json()["monitoring"] is None
    unmonitored = client.get(f"/api/v1/enterprises/{code(9)}", headers=pudong).get_json()
    assert unmonitored["name"] == "上海未监测化工有限公司" and unmonitored["monitoring"] == []
    edited = client.patch(URL, json={"address": "浦东新区科苑路 1 号"}, headers=pudong | {"If-Match": f'"{CREDIT}-1"'})
    assert edited.status_code == 200 and edited.get_json()["monitoring"] == FIGURES


def test_the_schema_documents_the_monitoring_array(client, pudong):
    spec = client.get("/api/v1/openapi.json", headers=pudong).get_json()
    enterprise = spec["components"]["schemas"]["EnterpriseOut"]["properties"]["monitoring"]
    assert enterprise["nullable"] and "null for a reader who does not read the monitoring" in enterprise["description"]
    item = spec["components"]["schemas"]["MonitoredYearOut"]["properties"]
    assert set(item) == {"year", "consumption_tce"}
