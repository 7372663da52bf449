"""``POST /api/v1/projects/{id}/corrections`` may change the approved subsidy of a verified project
(``subsidy_approved_wan_yuan``), as approving or verifying does: in the correction's audit entry,
kept when left out or null, a bad amount refused (422, naming the field) with nothing written."""
from __future__ import annotations

from tests.web.api.conftest import PROJECT

FIELD = "subsidy_approved_wan_yuan"
BODY = PROJECT | {"new_parcels": [], "reason": "复核后调整批准补贴"}


def _verified(client, pudong, reviewer) -> str:
    created = client.post("/api/v1/projects", json=PROJECT | {"new_parcels": [], "submit": True}, headers=pudong)
    url = created.headers["Location"]
    for action, who, extra in (("approve", reviewer, {FIELD: 100}), ("complete", pudong, {}), ("verify", reviewer, {})):
        assert client.post(url + "/transitions", json={"action": action} | extra, headers=who).status_code == 200
    return url


def _correct(client, url: str, headers: dict, body: dict):
    etag = client.get(url, headers=headers).headers["ETag"]
    return client.post(url + "/corrections", json=body, headers=headers | {"If-Match": etag})


def test_a_correction_changes_the_amount_in_its_own_audit_entry(client, pudong, bearer):
    reviewer = bearer("reviewer", "city_reviewer")
    url = _verified(client, pudong, reviewer)
    corrected = _correct(client, url, reviewer, BODY | {FIELD: 150})
    assert corrected.status_code == 200, corrected.get_json()
    body = corrected.get_json()
    assert body[FIELD] == 150 and body["status"] == "verified"
    assert body["history"][-1]["action"] == "correct" and body["history"][-1]["changes"] == {FIELD: ["100", "150"]}
    for kept in (BODY, BODY | {FIELD: None}):  # left out or null: the amount recorded stays
        again = _correct(client, url, reviewer, kept)
        assert again.status_code == 200 and again.get_json()[FIELD] == 150


def test_a_bad_amount_is_refused_naming_the_field_and_district_staff_correct_nothing(client, pudong, bearer):
    reviewer = bearer("reviewer", "city_reviewer")
    url = _verified(client, pudong, reviewer)
    negative = _correct(client, url, reviewer | {"Accept-Language": "en"}, BODY | {FIELD: -1})
    assert negative.status_code == 422 and negative.get_json()["errors"] == {FIELD: "must not be negative, got “-1”"}
    assert _correct(client, url, pudong, BODY | {FIELD: 5}).status_code == 403
    read = client.get(url, headers=reviewer).get_json()
    assert read[FIELD] == 100 and read["history"][-1]["action"] == "verify"

