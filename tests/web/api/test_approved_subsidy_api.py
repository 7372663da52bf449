"""``POST /api/v1/projects/{id}/transitions`` records the approved subsidy with approve or verify:
in the step's audit entry, refused (422, naming the field) with another step or a bad amount."""
from __future__ import annotations

from tests.web.api.conftest import PROJECT

FIELD = "subsidy_approved_wan_yuan"


def _submitted(client, pudong) -> str:
    created = client.post("/api/v1/projects", json=PROJECT | {"new_parcels": [], "submit": True}, headers=pudong)
    assert created.status_code == 201, created.get_json()
    return created.headers["Location"] + "/transitions"


def test_approving_and_verifying_record_the_amount_and_its_history(client, pudong, bearer):
    url, reviewer = _submitted(client, pudong), bearer("reviewer", "city_reviewer")
    approved = client.post(url, json={"action": "approve", FIELD: 12.5}, headers=reviewer)
    assert approved.status_code == 200 and approved.get_json()[FIELD] == 12.5
    assert approved.get_json()["history"][-1]["changes"][FIELD] == [None, "12.5"]
    assert client.post(url, json={"action": "complete"}, headers=pudong).status_code == 200
    kept = client.post(url, json={"action": "verify", FIELD: None}, headers=reviewer)
    assert kept.status_code == 200 and kept.get_json()[FIELD] == 12.5  # null: the amount recorded stays


def test_another_step_or_a_bad_amount_is_refused_naming_the_field(client, pudong, bearer):
    url, reviewer = _submitted(client, pudong), bearer("reviewer", "city_reviewer")
    returned = client.post(url, json={"action": "return", "comment": "补充", FIELD: 5}, headers=reviewer)
    assert returned.status_code == 422 and list(returned.get_json()["errors"]) == [FIELD]
    negative = client.post(url, json={"action": "approve", FIELD: -1}, headers=reviewer | {"Accept-Language": "en"})
    assert negative.status_code == 422 and negative.get_json()["errors"] == {FIELD: "must not be negative, got “-1”"}
    huge = client.post(url, json={"action": "approve", FIELD: 1e13}, headers=reviewer)
    assert huge.status_code == 422 and huge.get_json()["errors"] == {FIELD: "不得大于 1,000,000,000,000，实际为“10000000000000.0”"}
    read = client.get(url.rsplit("/", 1)[0], headers=reviewer).get_json()
    assert (read["status"], read[FIELD], [h["action"] for h in read["history"]]) == ("submitted", None, ["create", "submit"])

