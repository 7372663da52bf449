"""/api/v1/projects/{id}/documents: list, upload (multipart), download, delete — the service the
project page uses, with the API's conventions (problem+json in the client's language, the
content's ETag, If-None-Match, If-Match on delete, Idempotency-Key on upload, read-only tokens
refused), and the OpenAPI document that states them."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from registry.domain.document_files import MEDIA_TYPES
from registry.domain.permissions import Actor
from registry.domain.vocabulary import DOCUMENT_KINDS
from registry.models import AuditEntry, ProjectDocument
from registry.services import tokens
from tests import document_samples as samples

PROJECTS = "/api/v1/projects"


@pytest.fixture
def draft_url(client, pudong, project_body):
    created = client.post(PROJECTS, json=project_body | {"new_parcels": []}, headers=pudong)
    assert created.status_code == 201, created.get_data(as_text=True)
    return created.headers["Location"]


def upload(client, url, headers, kind="savings_audit", name="节能量审核报告.pdf", content=None):
    body = samples.multipart({"kind": kind}, (name, samples.pdf() if content is None else content))
    return client.post(f"{url}/documents", headers=headers, **body)


def stored(session) -> int:
    return session.scalar(select(func.count()).select_from(ProjectDocument))


def test_upload_list_download_and_delete(client, session, pudong, draft_url):
    created = upload(client, draft_url, pudong)
    assert created.status_code == 201, created.get_data(as_text=True)
    document = created.get_json()
    sha256 = hashlib.sha256(samples.pdf()).hexdigest()
    assert (document["kind"], document["file_name"], document["media_type"], document["size_bytes"],
            document["sha256"], document["uploaded_by"], document["removable"]) == (
        "savings_audit", "节能量审核报告.pdf", "application/pdf", len(samples.pdf()), sha256, "pudong", True)
    assert created.headers["ETag"] == f'"{sha256}"' and created.headers["Location"] == document["download"]

    listed = client.get(f"{draft_url}/documents", headers=pudong).get_json()
    assert [d["id"] for d in listed["items"]] == [document["id"]]
    assert (listed["total"], listed["may_add"], listed["max_documents"], listed["max_file_bytes"]) == (
        1, True, 30, 20 * 1024 * 1024)

    download = client.get(document["download"], headers=pudong)
    assert download.get_data() == samples.pdf() and download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment; ")
    assert download.headers["X-Content-Type-Options"] == "nosniff" and download.headers["ETag"] == f'"{sha256}"'
    assert client.get(document["download"], headers=pudong | {"If-None-Match": f'"{sha256}"'}).status_code == 304

    assert client.delete(document["download"], headers=pudong).status_code == 204
    assert stored(session) == 0
    assert [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.action.like("%_document"))
                                              .order_by(AuditEntry.id))] == ["add_document", "remove_document"]


@pytest.mark.parametrize("lang, errors", [
    ("en", {"kind": "choose the kind of document", "file": "is empty: the file holds no content"}),
    ("zh-CN", {"kind": "请选择材料类型", "file": "是空文件：没有任何内容"}),
])
def test_refusals_are_problems_naming_each_field_in_the_clients_language(client, session, pudong, draft_url, lang,
                                                                         errors):
    refused = upload(client, draft_url, pudong | {"Accept-Language": lang}, kind="", content=b"")
    assert refused.status_code == 422 and refused.mimetype == "application/problem+json"
    assert refused.get_json()["errors"] == errors and stored(session) == 0


def test_a_body_that_is_not_multipart_is_415(client, pudong, draft_url):
    refused = client.post(f"{draft_url}/documents", json={"kind": "other"}, headers=pudong | {"Accept-Language": "en"})
    assert refused.status_code == 415 and refused.mimetype == "application/problem+json"
    assert refused.get_json()["detail"] == "Send the file as multipart/form-data, with its other fields as form fields."


def test_a_body_beyond_the_bound_is_413(app, client, pudong, draft_url):
    app.config["DOCUMENT_MAX_BYTES"] = 1024 * 1024
    refused = upload(client, draft_url, pudong | {"Accept-Language": "en"}, content=b"%PDF-" + b"0" * 3 * 1024 * 1024)
    assert refused.status_code == 413 and refused.mimetype == "application/problem+json"
    assert refused.get_json()["detail"] == "A document may be at most 1 MB: this upload is larger."


def test_a_retry_with_its_idempotency_key_gets_the_first_answer(client, session, pudong, draft_url):
    key = {"Idempotency-Key": "upload-7f3c"}
    first = upload(client, draft_url, pudong | key)
    again = upload(client, draft_url, pudong | key)
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.get_json() == first.get_json() and again.headers["Location"] == first.headers["Location"]
    other = upload(client, draft_url, pudong | key | {"Accept-Language": "en"}, name="合同.pdf",
                   content=samples.pdf("another"))
    assert other.status_code == 422 and "Idempotency-Key" in other.get_json()["errors"]
    assert stored(session) == 1


def test_the_same_file_without_a_key_is_409(client, session, pudong, draft_url):
    upload(client, draft_url, pudong)
    again = upload(client, draft_url, pudong | {"Accept-Language": "en"}, name="副本.pdf")
    assert again.status_code == 409 and again.get_json()["detail"] == (
        "This file is already among the project's documents, as 节能量审核报告.pdf.")


def test_if_match_on_delete_names_the_document_meant(client, session, pudong, draft_url):
    url = upload(client, draft_url, pudong).get_json()["download"]
    stale = client.delete(url, headers=pudong | {"If-Match": '"' + "0" * 64 + '"', "Accept-Language": "en"})
    assert stale.status_code == 412 and stale.get_json()["detail"] == "If-Match does not match this document's ETag."
    assert stored(session) == 1
    sha256 = hashlib.sha256(samples.pdf()).hexdigest()
    assert client.delete(url, headers=pudong | {"If-Match": f'"{sha256}"'}).status_code == 204


def test_a_read_only_token_reads_documents_and_changes_none(client, session, make_user, pudong, draft_url):
    url = upload(client, draft_url, pudong).get_json()["download"]
    make_user("reader", "district_staff", "310115")
    secret = tokens.create_token(session, Actor.system(), "reader", "gis", tokens.expiry(days=1), read_only=True).secret
    reader = {"Authorization": f"Bearer {secret}"}
    assert client.get(url, headers=reader).get_data() == samples.pdf()
    assert upload(client, draft_url, reader, name="新.pdf", content=samples.pdf("new")).status_code == 403
    assert client.delete(url, headers=reader).status_code == 403
    assert stored(session) == 1


def test_another_districts_token_finds_nothing_of_a_draft(client, session, pudong, minhang, draft_url):
    url = upload(client, draft_url, pudong).get_json()["download"]
    for response in (client.get(f"{draft_url}/documents", headers=minhang), client.get(url, headers=minhang),
                     client.delete(url, headers=minhang),
                     upload(client, draft_url, minhang, name="别区.pdf", content=samples.pdf("other"))):
        assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert stored(session) == 1


def test_the_openapi_document_states_the_operations(client, pudong):
    spec = client.get("/api/v1/openapi.json", headers=pudong).get_json()
    listing = spec["paths"]["/api/v1/projects/{project_id}/documents"]
    one = spec["paths"]["/api/v1/projects/{project_id}/documents/{document_id}"]
    assert set(listing) >= {"get", "post"} and set(one) >= {"get", "delete"}
    body = listing["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert body["required"] == ["kind", "file"] and body["properties"]["kind"]["enum"] == list(DOCUMENT_KINDS)
    assert body["properties"]["file"] == body["properties"]["file"] | {"type": "string", "format": "binary"}
    assert "Idempotency-Key" in [p["name"] for p in listing["post"]["parameters"]]
    assert {"409", "413", "415", "422"} <= set(listing["post"]["responses"])
    download = one["get"]["responses"]
    assert sorted(download["200"]["content"]) == sorted(MEDIA_TYPES) and "ETag" in download["200"]["headers"]
    assert "304" in download and {"412", "409"} <= set(one["delete"]["responses"])
    kinds = spec["components"]["schemas"]["DocumentOut"]["properties"]["kind"]["enum"]
    assert kinds == list(DOCUMENT_KINDS)


def test_the_project_links_its_documents_and_they_link_back(client, pudong, draft_url):
    project, absolute = client.get(draft_url, headers=pudong).get_json(), f"http://localhost{draft_url}"
    assert project["documents"] == {"count": 0, "href": f"{absolute}/documents"}
    document = upload(client, draft_url, pudong).get_json()
    upload(client, draft_url, pudong, kind="site_photo", name="现场.png", content=samples.png())
    linked = client.get(draft_url, headers=pudong).get_json()["documents"]
    assert linked["count"] == 2
    listed = client.get(linked["href"], headers=pudong).get_json()
    assert listed["total"] == 2 and listed["project"] == absolute
    assert document["project"] == absolute and all(d["project"] == absolute for d in listed["items"])
    assert client.get(document["project"], headers=pudong).get_json()["id"] == document["project_id"]


def test_the_openapi_document_states_the_links(client, pudong):
    schemas = client.get("/api/v1/openapi.json", headers=pudong).get_json()["components"]["schemas"]
    assert schemas["ProjectOut"]["properties"]["documents"]["allOf"] == [{"$ref": "#/components/schemas/DocumentsLinkOut"}]
    assert set(schemas["DocumentsLinkOut"]["properties"]) == {"count", "href"}
    assert schemas["DocumentOut"]["properties"]["project"]["type"] == "string"
    assert schemas["DocumentListOut"]["properties"]["project"]["type"] == "string"
