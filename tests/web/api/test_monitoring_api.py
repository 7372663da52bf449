"""The API's project answer carries its online monitoring cross-check (``monitoring``), and its list the
filter ``monitoring=flagged`` (registry/api/v1/monitoring_schemas.py, services/monitoring_checks.py)."""
from __future__ import annotations

from registry.services import monitoring as monitoring_service
from tests.integration.monitoring_data import ADMIN, csv_file
from tests.integration.project_data import CREDIT, EXIT_INPUTS
from tests.web.api.conftest import PROJECT


def test_a_project_answers_its_cross_check_and_the_list_its_flagged_projects(client, session, pudong, bearer, tmp_path):
    exit_ = client.post("/api/v1/projects", json=PROJECT | {"kind": "structural_adjustment", "inputs": EXIT_INPUTS},
                        headers=pudong).get_json()
    motors = client.post("/api/v1/projects", json=PROJECT | {"new_parcels": []}, headers=pudong).get_json()
    assert exit_["monitoring"]["verdict"] == "no_data" and exit_["monitoring"]["monitored_tce"] is None
    monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(CREDIT, 2012, "560", "")]))
    reviewer = bearer("reviewer-api", "city_reviewer")
    answer = client.get(f"/api/v1/projects/{exit_['id']}", headers=reviewer | {"Accept-Language": "en"}).get_json()
    # 900 t raw coal in 2012: 642.87 tce claimed; (642.87 − 560) / 560 = +14.8 %
    check = answer["monitoring"]
    assert {k: check[k] for k in ("verdict", "flagged", "year", "scope", "claimed_tce", "monitored_tce",
                                  "tolerance_percent", "share_percent")} == {
        "verdict": "flagged", "flagged": True, "year": 2012, "scope": "whole", "claimed_tce": 642.87,
        "monitored_tce": 560, "tolerance_percent": 10, "share_percent": None}
    assert round(check["deviation_percent"], 3) == 14.798
    assert check["verdict_text"] == "Deviation from the monitoring beyond the tolerance"
    listed = client.get("/api/v1/projects?monitoring=flagged", headers=reviewer).get_json()
    assert [p["id"] for p in listed["items"]] == [exit_["id"]] and listed["total"] == 1
    assert motors["id"] in [p["id"] for p in client.get("/api/v1/projects", headers=reviewer).get_json()["items"]]
    planner = bearer("planner-api", "planner")
    assert client.get(f"/api/v1/projects/{exit_['id']}", headers=planner).get_json()["monitoring"] is None
    assert client.get("/api/v1/projects?monitoring=flagged", headers=planner).status_code == 403
    assert client.get("/api/v1/projects?monitoring=all", headers=reviewer).status_code == 422
