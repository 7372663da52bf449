"""A project's API answer lists its possible double registrations (domain/duplicates.py), with the
reasons in the client's language."""
from __future__ import annotations

from tests.web.api.conftest import PROJECT


def test_the_api_answer_lists_them_in_the_clients_language(client, bearer):
    reviewer = bearer("api-reviewer", "city_reviewer")
    pudong = bearer("api-pudong", "district_staff", "310115")
    first = client.post("/api/v1/projects", json=PROJECT, headers=pudong).get_json()
    second = client.post("/api/v1/projects", json=PROJECT | {"new_parcels": []}, headers=pudong).get_json()
    assert second["possible_duplicates"][0]["reference"] == first["reference"]
    answer = client.get(f"/api/v1/projects/{first['id']}", headers=reviewer | {"Accept-Language": "en"}).get_json()
    assert answer["possible_duplicates"] == [{
        "id": second["id"], "reference": second["reference"], "title": "高效电机改造", "kind": "motor_upgrade",
        "year": 2013, "status": "draft", "district_code": "310115", "reasons": ["The same enterprise, in the same year"]}]
