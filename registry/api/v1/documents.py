"""/api/v1/projects/{id}/documents: a project's supporting documents (证明材料) — list, upload
(multipart/form-data), download, delete — with the same service as the project page
(registry.services.documents): the same rules of who and when, the same checks of a file, the same
audit trail. docs/api.md, "Supporting documents"."""
from __future__ import annotations

import hashlib

import marshmallow as ma
from flask import Response, request, url_for
from marshmallow import fields as f
from werkzeug.exceptions import PreconditionFailed

from registry.api.v1.core import Blueprint, problems
from registry.api.v1.idempotency_keys import IDEMPOTENCY_KEY, idempotency_claim, settle_claim
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.document_files import FILE_TYPES, MEDIA_TYPES
from registry.domain.documents import MAX_DOCUMENTS_PER_PROJECT
from registry.domain.errors import N_
from registry.domain.vocabulary import DOCUMENT_KINDS
from registry.downloads import document_response, requested_etag, strong_etag
from registry.i18n import translate
from registry.request_bodies import DOCUMENT_UPLOAD, takes_upload, uploaded
from registry.services import documents
from registry.services.documents import DocumentView

bp = Blueprint("api_documents", __name__, url_prefix="/api/v1/projects",
               description="Supporting documents of projects (证明材料): list, upload (multipart/form-data), "
                           "download, delete")

DOCUMENTS = "/<int(max=2147483647):project_id>/documents"
DOCUMENT = DOCUMENTS + "/<int(max=2147483647):document_id>"
FORMATS = ", ".join(t.name for t in FILE_TYPES.values())
ETAG_HEADER = {"ETag": {"description": 'The SHA-256 of the content, quoted: "<64 hex digits>"',
                        "schema": {"type": "string"}}}


def _download_url(document: DocumentView) -> str:
    return url_for("api_documents.download", project_id=document.project_id, document_id=document.id, _external=True)


def _project_url(project_id: int) -> str:
    return url_for("api_projects.read", project_id=project_id, _external=True)


class DocumentOut(ma.Schema):
    id = f.Integer()
    project_id = f.Integer()
    kind = f.String(metadata={"enum": list(DOCUMENT_KINDS)})
    file_name = f.String(metadata={"description": "The name as cleaned on upload (no path; at most 200 characters)"})
    media_type = f.String(metadata={"enum": list(MEDIA_TYPES), "description": "Decided by the file's content"})
    size_bytes = f.Integer()
    sha256 = f.String(metadata={"description": "SHA-256 of the content, 64 hex digits (also the download's ETag)"})
    uploaded_at = f.DateTime()
    uploaded_by = f.String(allow_none=True, metadata={"description": "User name; null: the system"})
    removable = f.Boolean(metadata={"description": "Whether you may delete it now"})
    download = f.Function(_download_url, metadata={"description": "Where to download the file"})
    project = f.Function(lambda document: _project_url(document.project_id),
                         metadata={"type": "string", "description": "Its project in this API"})


class DocumentListOut(ma.Schema):
    project = f.Function(lambda found: _project_url(found["project_id"]),
                         metadata={"type": "string", "description": "The project in this API"})
    items = f.List(f.Nested(DocumentOut), metadata={"description": "Oldest first"})
    total = f.Integer()
    may_add = f.Boolean(metadata={"description": "Whether your role and the project's state allow an upload"})
    max_documents = f.Integer(metadata={"description": "The most documents a project holds"})
    max_file_bytes = f.Integer(metadata={"description": "The largest file accepted, in bytes"})


UPLOAD_BODY = {"required": True, "content": {"multipart/form-data": {
    "schema": {"type": "object", "required": ["kind", "file"], "properties": {
        "kind": {"type": "string", "enum": list(DOCUMENT_KINDS)},
        "file": {"type": "string", "format": "binary",
                 "description": f"{FORMATS}; the type is read from the content and the name's suffix must "
                                "agree; not empty, at most max_file_bytes (the list's), one file once per project"},
    }},
    "encoding": {"file": {"contentType": ", ".join(MEDIA_TYPES)}},
}}}
DOWNLOAD_RESPONSES = {
    200: {"description": "The file, as an attachment (Content-Disposition with an RFC 5987 filename*)",
          "content": {media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in MEDIA_TYPES},
          "headers": ETAG_HEADER | {"Content-Disposition": {"schema": {"type": "string"}}}},
    304: {"description": "Not modified: If-None-Match names this content", "headers": ETAG_HEADER},
}
IF_NONE_MATCH = {"in": "header", "name": "If-None-Match", "schema": {"type": "string"},
                 "description": "The ETag of a copy you hold: 304 without the content if it is this one"}
IF_MATCH = {"in": "header", "name": "If-Match", "schema": {"type": "string"},
            "description": "Optional: the ETag of the document you mean (its content never changes); 412 otherwise"}


@bp.get(DOCUMENTS)
@bp.response(200, DocumentListOut)
@problems(bp, 401, 404, 429)
def index(project_id: int):
    """The project's documents (never their content) and whether you may add one."""
    found = documents.list_documents(get_session(), current_actor(), project_id)
    return {"project_id": project_id, "items": found.items, "total": len(found.items), "may_add": found.may_add,
            "max_documents": MAX_DOCUMENTS_PER_PROJECT, "max_file_bytes": DOCUMENT_UPLOAD.max_file_bytes()}


@bp.post(DOCUMENTS)
@takes_upload(DOCUMENT_UPLOAD)
@bp.response(201, DocumentOut, headers=ETAG_HEADER)
@bp.doc(requestBody=UPLOAD_BODY, parameters=[IDEMPOTENCY_KEY])
@problems(bp, 401, 403, 404, 409, 413, 415, 422, 429)
def upload(project_id: int):
    """Add a document: multipart/form-data with ``kind`` and ``file``.

    District staff of the project's district while it is a draft, returned or approved; city
    reviewers and administrators while it is submitted or completed. 422 names what is wrong with the
    kind or the file; 409 when the project holds the most documents, holds this file already, or is
    in a state that takes none; 413 when the body is beyond the bound. ``Idempotency-Key`` makes a
    retry safe, as on project creates.
    """
    kind = request.form.get("kind")
    file_name, content = uploaded()
    claim = idempotency_claim({"kind": kind, "file_name": file_name, "sha256": hashlib.sha256(content).hexdigest()})
    if isinstance(claim, Response):
        return claim
    added = documents.add_document(get_session(), current_actor(), project_id,
                                   documents.NewDocument(kind, file_name, content), DOCUMENT_UPLOAD.max_file_bytes())
    headers = {"ETag": strong_etag(added.sha256), "Location": _download_url(added)}
    settle_claim(claim, 201, DocumentOut().dump(added), headers)
    return added, 201, headers


@bp.get(DOCUMENT)
@bp.doc(responses=DOWNLOAD_RESPONSES, parameters=[IF_NONE_MATCH])
@problems(bp, 401, 404, 429)
def download(project_id: int, document_id: int):
    """Download the file, in the media type its content was found to be; always an attachment."""
    found = documents.read_document(get_session(), current_actor(), project_id, document_id,
                                    unless_sha256=requested_etag())
    return document_response(found)


@bp.delete(DOCUMENT)
@bp.response(204)
@bp.doc(parameters=[IF_MATCH])
@problems(bp, 401, 403, 404, 409, 412, 429)
def delete(project_id: int, document_id: int):
    """Delete a document: district staff theirs while the project is a draft or returned, a city
    reviewer those they uploaded, an administrator any — never once the project is verified (409).
    The audit trail keeps its kind, name, size and SHA-256."""
    session, actor = get_session(), current_actor()
    expected = requested_etag("If-Match")
    if expected is not None and expected != documents.get_document(session, actor, project_id, document_id).sha256:
        raise PreconditionFailed(translate(N_("If-Match does not match this document's ETag.")))
    documents.remove_document(session, actor, project_id, document_id)
    return None
