"""DELETE /api/v1/projects/{id}: a draft never submitted, with the ETag read (If-Match), as on edits."""
from __future__ import annotations

from sqlalchemy import select

from registry.models import AuditEntry

PROJECTS = "/api/v1/projects"


def _created(client, headers, body):
    response = client.post(PROJECTS, json=body | {"new_parcels": []}, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.headers["Location"], response.headers["ETag"]


def test_deletes_a_draft_with_its_etag_then_it_is_gone(client, pudong, project_body, session):
    url, etag = _created(client, pudong, project_body)
    response = client.delete(url, headers=pudong | {"If-Match": etag})
    assert response.status_code == 204 and response.get_data() == b""
    assert client.get(url, headers=pudong).status_code == 404
    again = client.delete(url, headers=pudong | {"If-Match": etag})
    assert again.status_code == 404 and again.mimetype == "application/problem+json"
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "delete")).one()
    assert entry.user_id is not None and entry.changes["reference"] == ["2013-310115-0001", None]


def test_without_if_match_is_428_and_with_a_stale_one_412(client, pudong, project_body):
    url, etag = _created(client, pudong, project_body)
    missing = client.delete(url, headers=pudong)
    assert missing.status_code == 428 and missing.mimetype == "application/problem+json"
    edited = client.put(url, json=project_body | {"title": "改过的名称", "new_parcels": []}, headers=pudong | {"If-Match": etag})
    assert edited.status_code == 200
    stale = client.delete(url, headers=pudong | {"If-Match": etag})
    assert stale.status_code == 412 and stale.get_json()["title"] == "记录在您读取后已被修改"
    assert client.get(url, headers=pudong).status_code == 200


def test_a_submitted_project_is_409_and_stays(client, pudong, project_body):
    url, _ = _created(client, pudong, project_body | {"submit": True})
    current = client.get(url, headers=pudong).headers["ETag"]
    refused = client.delete(url, headers=pudong | {"If-Match": current, "Accept-Language": "en"})
    assert refused.status_code == 409 and refused.mimetype == "application/problem+json"
    assert refused.get_json()["detail"] == "Only a draft that was never submitted can be deleted: this project keeps its record."
    assert client.get(url, headers=pudong).get_json()["status"] == "submitted"


def test_another_district_gets_404_and_a_reviewer_403(client, pudong, minhang, bearer, project_body):
    url, etag = _created(client, pudong, project_body)
    assert client.delete(url, headers=minhang | {"If-Match": etag}).status_code == 404
    assert client.delete(url, headers=bearer("reviewer", "city_reviewer") | {"If-Match": etag}).status_code == 403
    assert client.get(url, headers=pudong).status_code == 200


def test_the_openapi_document_describes_the_deletion(client, pudong):
    operation = client.get("/api/v1/openapi.json", headers=pudong).get_json()["paths"]["/api/v1/projects/{project_id}"]["delete"]
    assert set(operation["responses"]) >= {"204", "404", "409", "412", "428"}
    assert any(p["name"] == "If-Match" and p["required"] for p in operation["parameters"])
