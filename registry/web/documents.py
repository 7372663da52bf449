"""A project's supporting documents (证明材料) on its page: upload, download, remove — thin over
``services/documents.py``. A refused upload shows the project page again with the reason beside
the form (nothing is written); a refused removal is errors_web's page, as a refused deletion is."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import Conflict, ValidationError
from registry.downloads import document_response, requested_etag
from registry.user_messages import field_texts, message_text
from registry.request_bodies import DOCUMENT_UPLOAD, takes_upload, uploaded
from registry.services import documents
from registry.services import projects as svc
from registry.web.project_detail import DocumentForm, render_detail

bp = Blueprint("documents", __name__, url_prefix="/projects")

PROJECT = "/<int(max=2147483647):project_id>/documents"
DOCUMENT = PROJECT + "/<int(max=2147483647):document_id>"


@bp.post(PROJECT)
@takes_upload(DOCUMENT_UPLOAD)
def add(project_id: int):
    session, actor = get_session(), current_actor()
    kind = request.form.get("kind")
    try:
        added = documents.add_document(session, actor, project_id, documents.NewDocument(kind, *uploaded()),
                                       DOCUMENT_UPLOAD.max_file_bytes())
    except ValidationError as error:
        form = DocumentForm(kind=kind, errors=field_texts(error))
        return render_detail(svc.get_project(session, actor, project_id), status=422, document_form=form)
    except Conflict as conflict:  # the project is full, holds this file, or changed state meanwhile
        form = DocumentForm(kind=kind, error=message_text(conflict))
        return render_detail(svc.get_project(session, actor, project_id), status=409, document_form=form)
    flash(gettext("Document %(name)s added.", name=added.file_name), "success")
    return redirect(url_for("projects.detail", project_id=project_id, _anchor="documents"))


@bp.get(DOCUMENT)
def download(project_id: int, document_id: int):
    found = documents.read_document(get_session(), current_actor(), project_id, document_id,
                                    unless_sha256=requested_etag())
    return document_response(found)


@bp.post(DOCUMENT + "/remove")
def remove(project_id: int, document_id: int):
    """Remove a document (the button asks first); refusals are errors_web's pages."""
    removed = documents.remove_document(get_session(), current_actor(), project_id, document_id)
    flash(gettext("Document %(name)s removed.", name=removed.file_name), "success")
    return redirect(url_for("projects.detail", project_id=project_id, _anchor="documents"))
