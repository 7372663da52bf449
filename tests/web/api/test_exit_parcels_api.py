"""The JSON API keeps the review's rule on an exit's parcels: registered and submitted at once, or
submitted later, an exit without a parcel is a 422 naming ``parcel_ids`` (registry/domain/workflow.py)."""
from __future__ import annotations

from tests.integration.project_data import EXIT_INPUTS

NEEDS_A_PARCEL = ("an exit of capacity is reviewed with the land it frees: it needs at least one parcel to be "
                  "submitted (a draft may have none)")


def test_an_exit_without_parcels_is_a_draft_never_submitted(client, pudong, project_body):
    body = project_body | {"kind": "structural_adjustment", "structural_mode": "shutdown", "inputs": EXIT_INPUTS,
                           "new_parcels": []}
    english = pudong | {"Accept-Language": "en"}
    refused = client.post("/api/v1/projects", json=body | {"submit": True}, headers=english)
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"parcel_ids": NEEDS_A_PARCEL}
    created = client.post("/api/v1/projects", json=body, headers=english)
    assert created.status_code == 201 and created.get_json()["status"] == "draft"
    submitted = client.post(created.headers["Location"] + "/transitions", json={"action": "submit"}, headers=english)
    assert submitted.status_code == 422 and submitted.get_json()["errors"] == {"parcel_ids": NEEDS_A_PARCEL}
