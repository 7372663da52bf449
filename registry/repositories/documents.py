"""SQL for a project's supporting documents. Only ``content_of`` reads the bytes: every other query
names its columns, so a listing of thirty 20 MB scans reads thirty small rows (the content lives out
of line, in the table's TOAST, and is not touched)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import Project, ProjectDocument, User


@dataclass(frozen=True)
class DocumentRow:
    id: int
    project_id: int
    kind: str
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str
    uploaded_at: datetime
    uploader_id: int | None  # None: the system (a migration, the command line)
    uploaded_by: str | None  # the uploader's user name
    uploaded_by_name: str | None  # the name pages give the person
    uploader_role: str | None


def _rows():
    d = ProjectDocument
    return (select(d.id, d.project_id, d.kind, d.file_name, d.media_type, d.size_bytes, d.sha256, d.uploaded_at,
                   d.uploaded_by, User.username, User.display_name, User.role)
            .outerjoin(User, User.id == d.uploaded_by))


def documents_of(session: Session, project_id: int) -> list[DocumentRow]:
    """The project's documents, oldest first (the order of the dossier as it was put together)."""
    query = _rows().where(ProjectDocument.project_id == project_id).order_by(ProjectDocument.uploaded_at,
                                                                             ProjectDocument.id)
    return [DocumentRow(*row) for row in session.execute(query)]


def document(session: Session, project_id: int, document_id: int) -> DocumentRow | None:
    """One document of the project, without its content; ``None`` if the project has no such document."""
    row = session.execute(_rows().where(ProjectDocument.project_id == project_id,
                                        ProjectDocument.id == document_id)).one_or_none()
    return DocumentRow(*row) if row else None


def content_of(session: Session, document_id: int) -> bytes:
    return session.execute(select(ProjectDocument.content).where(ProjectDocument.id == document_id)).scalar_one()


def project_of(session: Session, document_id: int) -> int | None:
    """The id of the project holding the document, if there is such a document."""
    return session.scalar(select(ProjectDocument.project_id).where(ProjectDocument.id == document_id))


def count(session: Session, project_id: int) -> int:
    return session.scalar(select(func.count()).where(ProjectDocument.project_id == project_id)) or 0


def with_sha256(session: Session, project_id: int, sha256: str) -> DocumentRow | None:
    """The project's document with these bytes, if it has one."""
    row = session.execute(_rows().where(ProjectDocument.project_id == project_id,
                                        ProjectDocument.sha256 == sha256)).first()
    return DocumentRow(*row) if row else None


def lock_project(session: Session, project_id: int) -> tuple[str, str] | None:
    """The project's (status, district_code) as committed, its row locked until the transaction ends:
    a workflow step (verification) or another document's upload at the same moment waits, and this
    transaction decides on the state it will commit against. ``None`` if the project is gone."""
    row = session.execute(select(Project.status, Project.district_code).where(Project.id == project_id)
                          .with_for_update()).one_or_none()
    return (row.status, row.district_code) if row else None


def delete(session: Session, document_id: int) -> None:
    session.execute(ProjectDocument.__table__.delete().where(ProjectDocument.id == document_id))
