"""A project's supporting documents (证明材料): list, add, remove, read — one use case each, shared by
the project page and the JSON API. The rules are the domain's (``domain/documents.py`` for who and
when, ``domain/document_files.py`` for what a file may be); every add and removal is in the audit
trail and the project's history, in the transaction that stores or deletes the file."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from sqlalchemy.orm import Session

from registry.domain import documents as rules
from registry.domain.document_files import CheckedFile, check_file, check_size
from registry.domain.errors import (
    N_, Conflict, FilesRefused, Listed, Message, NotFound, RefusedFile, UNKNOWN_VALUE, ValidationError,
)
from registry.domain.fields import Errors
from registry.domain.permissions import Actor
from registry.domain.vocabulary import DOCUMENT_KINDS
from registry.models import ProjectDocument
from registry.repositories import documents as repo
from registry.repositories.projects import MAX_PROJECT_ID
from registry.services import audit
from registry.services.projects.common import project_transaction
from registry.services.projects.views import load_visible


@dataclass(frozen=True)
class DocumentView(repo.DocumentRow):
    """A document as its reader sees it: the stored facts (never the content) and whether they may remove it."""

    removable: bool = False


@dataclass(frozen=True)
class ProjectDocuments:
    project_id: int
    items: list[DocumentView] = field(default_factory=list)
    may_add: bool = False  # the reader's role and the project's state allow an upload (room aside)
    add_refused: Message | None = None  # why a reader who adds at other times may not now
    max_documents: int = rules.MAX_DOCUMENTS_PER_PROJECT

    @property
    def full(self) -> bool:
        return len(self.items) >= self.max_documents


@dataclass(frozen=True)
class NewDocument:
    """An upload as received: the kind chosen, the name the client gave, the bytes. ``unread_size``:
    the size of a file its caller did not read because it lies beyond the bound (the command line
    does not load a stray disk image to refuse it); it is refused by that size, ``content`` empty."""

    kind: str | None
    file_name: str | None
    content: bytes
    unread_size: int | None = None


@dataclass(frozen=True)
class DocumentFile:
    document: DocumentView
    content: bytes | None  # None: the reader holds these bytes already (``unless_sha256``)


def _view(row: repo.DocumentRow, removable: bool = False) -> DocumentView:
    return DocumentView(**vars(row), removable=removable)


def _seen_by(actor: Actor, status: str, district: str, row: repo.DocumentRow) -> DocumentView:
    """The document as ``actor`` sees it on a project of ``status`` in ``district``: may they remove it?"""
    return _view(row, rules.may_remove(actor, status, district, row.uploader_id, row.uploader_role))


def _audited(row: repo.DocumentRow | ProjectDocument) -> dict[str, Any]:
    """What the audit trail keeps of a document: what it was, never its content."""
    return {"document_kind": row.kind, "file_name": row.file_name, "size_bytes": row.size_bytes,
            "file_sha256": row.sha256}


def list_documents(session: Session, actor: Actor, project_id: int) -> ProjectDocuments:
    """The project's documents as ``actor`` sees them (NotFound where the project is invisible)."""
    project = load_visible(session, actor, project_id)
    status, district = project.status, project.district_code
    items = [_seen_by(actor, status, district, row) for row in repo.documents_of(session, project_id)]
    return ProjectDocuments(project_id, items, rules.may_add(actor, status, district),
                            add_refused=rules.why_not_addable(actor, status, district))


def _kind(errors: Errors, kind: str | None) -> None:
    if not (kind or "").strip():
        errors.add("kind", N_("choose the kind of document"))
    elif kind not in DOCUMENT_KINDS:
        errors.add("kind", UNKNOWN_VALUE, value=kind[:40],
                   allowed=Listed(tuple(DOCUMENT_KINDS)))


def _locked_state(session: Session, actor: Actor, project_id: int) -> tuple[str, str]:
    load_visible(session, actor, project_id)
    state = repo.lock_project(session, project_id)
    if state is None:  # deleted since it was read
        raise NotFound(N_("no project with id %(id)s"), id=project_id)
    return state


def add_document(session: Session, actor: Actor, project_id: int, new: NewDocument, max_bytes: int) -> DocumentView:
    """Store a document of ``new.kind`` on the project with its audit entry, or nothing at all.

    Refused before the upload is looked at when the actor's role or the project's state forbid it
    (PermissionDenied, Conflict); then a missing or unknown kind and a file the registry does not
    take (empty, over ``max_bytes``, of another type, a suffix that disagrees) are one
    ValidationError naming each; a project already holding the most documents, or these very bytes,
    is a Conflict. The project's row is locked meanwhile: an upload and a verification at the same
    moment take turns, so nothing is added to a project once it is verified."""
    return add_documents(session, actor, project_id, [new], max_bytes, name_files=False)[0]


def add_documents(session: Session, actor: Actor, project_id: int, files: Sequence[NewDocument], max_bytes: int,
                  name_files: bool = True) -> list[DocumentView]:
    """Store several documents on the project in one transaction, all or nothing (the command
    line's ``registry documents add``): each as ``add_document`` stores one, with its audit entry,
    the room counted with those stored before it. Every file is checked before any is stored: one
    refused file of one is its own error under its name (``name_files``); refused files of several
    are one ``FilesRefused`` naming each with why — its own problems, or bytes the project holds
    already or an earlier file of the upload brings."""
    with project_transaction(session):
        status, district = _locked_state(session, actor, project_id)
        rules.require_addable(actor, status, district)
        checked = _checked_files(session, project_id, files, max_bytes, name_files)
        stored = [_store(session, actor, project_id, district, new, file) for new, file in zip(files, checked)]
    return [_seen_by(actor, status, district, repo.document(session, project_id, document_id)) for document_id in stored]


def _checked(new: NewDocument, max_bytes: int) -> CheckedFile:
    """What the registry asks of one file by itself: a kind, then a file it takes (ValidationError)."""
    errors = Errors()
    _kind(errors, new.kind)
    if not new.file_name and not new.content and new.unread_size is None:  # a form sent without a file chosen
        errors.add("file", N_("choose a file to upload"))
        errors.raise_if_any()
    if new.unread_size is not None:
        errors.capture(check_size, new.unread_size, max_bytes)
        errors.raise_if_any()
    checked = errors.capture(check_file, new.file_name, new.content, max_bytes)
    errors.raise_if_any()
    return checked


def _require_new(session: Session, project_id: int, sha256: str, given: dict[str, str]) -> None:
    """Conflict when the project holds these bytes already, or an earlier file of the upload (``given``:
    SHA-256 → name) brings them."""
    twin = repo.with_sha256(session, project_id, sha256)
    if twin is not None:
        raise Conflict(N_("This file is already among the project's documents, as %(name)s."), name=twin.file_name)
    if sha256 in given:
        raise Conflict(N_("This file was given twice: it is the same as %(name)s."), name=given[sha256])


def _checked_files(session: Session, project_id: int, files: Sequence[NewDocument], max_bytes: int,
                   name_files: bool) -> list[CheckedFile]:
    checked, refusals, given = [], [], {}
    for new in files:
        try:
            file = _checked(new, max_bytes)
            _require_new(session, project_id, file.sha256, given)
        except (ValidationError, Conflict) as refused:
            refusals.append(RefusedFile(new.file_name or "", refused))
            continue
        given[file.sha256] = file.file_name
        checked.append(file)
    if len(files) == 1 and refusals:
        refused, file_name = refusals[0].error, files[0].file_name
        if name_files and file_name and isinstance(refused, ValidationError):
            raise ValidationError(refused.field_errors, record=file_name)
        raise refused
    if refusals:
        raise FilesRefused(refusals, len(files))
    return checked


def _store(session: Session, actor: Actor, project_id: int, district: str, new: NewDocument,
           checked: CheckedFile) -> int:
    """Add one checked file in the caller's transaction, room allowing; its id."""
    rules.require_room(repo.count(session, project_id))
    document = ProjectDocument(project_id=project_id, district_code=district, kind=new.kind,
                               file_name=checked.file_name, media_type=checked.file_type.media_type,
                               size_bytes=checked.size_bytes, sha256=checked.sha256, content=new.content,
                               uploaded_by=actor.user_id)
    session.add(document)
    session.flush()
    audit.record(session, actor, "add_document", "project", project_id, after=_audited(document))
    return document.id


def project_of(session: Session, actor: Actor, document_id: int) -> int:
    """The id of the project holding document ``document_id`` (the command line names a document by
    its id alone); NotFound alike when there is no such document and when the actor may not read
    its project."""
    # documents' ids are int4 serials as projects' are: a larger number names none
    project_id = repo.project_of(session, document_id) if 0 < document_id <= MAX_PROJECT_ID else None
    if project_id is not None:
        try:
            return load_visible(session, actor, project_id).id
        except NotFound:
            pass  # said as of a missing document: the id tells nothing of a project hidden from the actor
    raise NotFound(N_("no document with id %(id)s"), id=document_id)


def _visible_document(session: Session, project_id: int, document_id: int) -> repo.DocumentRow:
    row = repo.document(session, project_id, document_id)
    if row is None:
        raise NotFound(N_("no document with id %(id)s in this project"), id=document_id)
    return row


def remove_document(session: Session, actor: Actor, project_id: int, document_id: int) -> DocumentView:
    """Delete the document with an audit entry naming it (kind, name, size, SHA-256), under the
    project's lock as ``add_document``."""
    with project_transaction(session):
        status, district = _locked_state(session, actor, project_id)
        row = _visible_document(session, project_id, document_id)
        rules.require_removable(actor, status, district, row.uploader_id, row.uploader_role)
        repo.delete(session, row.id)
        audit.record(session, actor, "remove_document", "project", project_id, before=_audited(row))
    return _view(row)


def get_document(session: Session, actor: Actor, project_id: int, document_id: int) -> DocumentView:
    """One document of a project the actor reads, without its content."""
    project = load_visible(session, actor, project_id)
    return _seen_by(actor, project.status, project.district_code, _visible_document(session, project_id, document_id))


def read_document(session: Session, actor: Actor, project_id: int, document_id: int,
                  unless_sha256: str | None = None) -> DocumentFile:
    """A document with its bytes for whoever reads the project; without them when the reader already
    holds the same (``unless_sha256``, a download's ETag)."""
    load_visible(session, actor, project_id)
    row = _visible_document(session, project_id, document_id)
    content = None if unless_sha256 == row.sha256 else repo.content_of(session, row.id)
    return DocumentFile(_view(row), content)


def record_removals_with_project(session: Session, actor: Actor, project_id: int) -> None:
    """Audit the removal of each of the project's documents, in the caller's transaction, before the
    project's deletion takes them (the foreign key's ON DELETE CASCADE): a deleted draft's dossier
    is in the trail file by file, as a removal one by one would be."""
    for row in repo.documents_of(session, project_id):
        audit.record(session, actor, "remove_document", "project", project_id, before=_audited(row))

