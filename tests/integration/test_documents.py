"""A project's supporting documents on a real PostGIS: stored with their audit entry or not at all,
listed without their content, moved and deleted with their project, and checked by the database."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import IntegrityError

from registry.domain.document_files import MB
from registry.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from registry.models import AuditEntry, ProjectDocument
from registry.services import audit, documents
from registry.services import projects as svc
from tests import document_samples as samples
from tests.integration.project_data import draft

pytestmark = pytest.mark.usefixtures("districts")
LIMIT = 20 * MB


@pytest.fixture
def people(make_user):
    return {name: make_user(name, role, district).actor() for name, role, district in (
        ("pudong", "district_staff", "310115"), ("minhang", "district_staff", "310112"),
        ("reviewer", "city_reviewer", None), ("admin", "admin", None))}


@pytest.fixture
def project(session, people):
    return svc.register_project(session, people["pudong"], draft(new_parcels=()))


def add(session, actor, project_id, kind="savings_audit", name="节能量审核报告.pdf", content=None):
    upload = documents.NewDocument(kind, name, samples.pdf() if content is None else content)
    return documents.add_document(session, actor, project_id, upload, LIMIT)


def stored(session, project_id) -> int:
    return session.scalar(select(func.count()).where(ProjectDocument.project_id == project_id))


def entries(session, project_id, action) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == "project", AuditEntry.action == action,
                                                         AuditEntry.entity_id == str(project_id))
                                .order_by(AuditEntry.id)))


def test_a_document_is_stored_with_its_audit_entry_and_listed_without_its_content(session, connection, people,
                                                                                  project):
    added = add(session, people["pudong"], project.id)
    content = samples.pdf()
    assert (added.kind, added.file_name, added.media_type, added.size_bytes, added.sha256, added.uploaded_by) == (
        "savings_audit", "节能量审核报告.pdf", "application/pdf", len(content), hashlib.sha256(content).hexdigest(),
        "pudong")
    [entry] = entries(session, project.id, "add_document")
    assert entry.user_id == people["pudong"].user_id and entry.changes == {
        "document_kind": [None, "savings_audit"], "file_name": [None, "节能量审核报告.pdf"],
        "size_bytes": [None, len(content)], "file_sha256": [None, added.sha256]}

    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(connection, "before_cursor_execute", seen)
    listed = documents.list_documents(session, people["reviewer"], project.id)
    event.remove(connection, "before_cursor_execute", seen)
    assert [d.id for d in listed.items] == [added.id] and not listed.may_add  # a draft is the district's
    assert [s for s in statements if "FROM project_documents" in s]
    assert [s for s in statements if "content" in s] == []

    found = documents.read_document(session, people["reviewer"], project.id, added.id)
    assert found.content == content and found.document.sha256 == added.sha256
    assert documents.read_document(session, people["reviewer"], project.id, added.id, added.sha256).content is None


def test_adding_and_removing_are_in_the_projects_history(session, people, project):
    added = add(session, people["pudong"], project.id, kind="contract", name="合同.pdf")
    documents.remove_document(session, people["pudong"], project.id, added.id)
    history = svc.get_project(session, people["pudong"], project.id).history
    assert [h.action for h in history][-2:] == ["add_document", "remove_document"]
    assert history[-1].changes["file_name"] == ["合同.pdf", None] and history[-1].username == "pudong"
    assert stored(session, project.id) == 0


def test_deleting_a_draft_deletes_its_documents_and_audits_each(session, people, project):
    add(session, people["pudong"], project.id, name="可研.pdf", content=samples.pdf("one"))
    add(session, people["pudong"], project.id, kind="site_photo", name="现场.png", content=samples.png())
    svc.delete_draft(session, people["pudong"], project.id)
    assert session.scalar(select(func.count()).select_from(ProjectDocument)) == 0
    removed = entries(session, project.id, "remove_document")
    assert [e.changes["file_name"][0] for e in removed] == ["可研.pdf", "现场.png"]
    assert entries(session, project.id, "delete")[0].id > removed[-1].id


def test_when_the_audit_entry_cannot_be_written_the_document_is_not_stored(session, people, project, monkeypatch):
    def broken(session, actor, action, entity, entity_id, *args, **kwargs):
        session.add(AuditEntry(user_id=actor.user_id, action=action, entity=entity, entity_id=None, changes={}))

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(IntegrityError):
        add(session, people["pudong"], project.id)
    assert stored(session, project.id) == 0


@pytest.mark.parametrize("name, content", [("大.pdf", samples.pdf() + b" " * (LIMIT + 1)), ("空.pdf", b""),
                                           ("说明.pdf", b"plain text")])
def test_a_refused_file_writes_nothing(session, people, project, name, content):
    with pytest.raises(ValidationError):
        add(session, people["pudong"], project.id, name=name, content=content)
    assert stored(session, project.id) == 0 and entries(session, project.id, "add_document") == []


def test_a_kind_and_a_file_both_wrong_are_named_together(session, people, project):
    with pytest.raises(ValidationError) as refused:
        add(session, people["pudong"], project.id, kind="invoice", name="a.txt", content=b"text")
    assert [e.field for e in refused.value.field_errors] == ["kind", "file"]


def test_the_thirty_first_document_and_a_second_copy_are_refused(session, people, project):
    for number in range(30):
        add(session, people["pudong"], project.id, name=f"照片{number}.pdf", content=samples.pdf(f"page {number}"))
    with pytest.raises(Conflict, match="at most 30 documents"):
        add(session, people["pudong"], project.id, name="多一份.pdf", content=samples.pdf("extra"))
    documents.remove_document(session, people["pudong"], project.id,
                              documents.list_documents(session, people["pudong"], project.id).items[0].id)
    with pytest.raises(Conflict, match="already among the project's documents, as 照片1.pdf"):
        add(session, people["pudong"], project.id, name="再传一次.pdf", content=samples.pdf("page 1"))
    assert stored(session, project.id) == 29 and len(entries(session, project.id, "add_document")) == 30


def test_the_state_decides_and_verification_freezes(session, people, project):
    add(session, people["pudong"], project.id)
    svc.transition(session, people["pudong"], project.id, "submit")
    with pytest.raises(Conflict):
        add(session, people["pudong"], project.id, name="迟到.pdf", content=samples.pdf("late"))
    note = add(session, people["reviewer"], project.id, kind="other", name="审核意见.pdf", content=samples.pdf("note"))
    for step, actor in (("approve", "reviewer"), ("complete", "pudong")):
        svc.transition(session, people[actor], project.id, step)
    add(session, people["admin"], project.id, kind="acceptance", name="验收.pdf", content=samples.pdf("accept"))
    svc.transition(session, people["reviewer"], project.id, "verify")
    for actor in ("pudong", "reviewer", "admin"):
        with pytest.raises(Conflict, match="frozen"):
            documents.remove_document(session, people[actor], project.id, note.id)
    assert stored(session, project.id) == 3


def test_another_districts_staff_see_nothing_of_a_draft_and_change_nothing_once_it_is_approved(session, people,
                                                                                               project):
    added = add(session, people["pudong"], project.id)
    with pytest.raises(NotFound):
        documents.list_documents(session, people["minhang"], project.id)
    with pytest.raises(NotFound):
        documents.read_document(session, people["minhang"], project.id, added.id)
    svc.transition(session, people["pudong"], project.id, "submit")
    svc.transition(session, people["reviewer"], project.id, "approve")
    assert [d.id for d in documents.list_documents(session, people["minhang"], project.id).items] == [added.id]
    with pytest.raises(PermissionDenied):
        add(session, people["minhang"], project.id, name="别区.pdf", content=samples.pdf("other"))


def test_a_document_is_found_only_under_its_own_project(session, people, project):
    other = svc.register_project(session, people["pudong"], draft(title="另一个项目", new_parcels=()))
    added = add(session, people["pudong"], other.id)
    with pytest.raises(NotFound):
        documents.read_document(session, people["pudong"], project.id, added.id)
    with pytest.raises(NotFound):
        documents.remove_document(session, people["pudong"], project.id, added.id)
    assert stored(session, other.id) == 1


def test_a_project_moved_to_another_district_takes_its_documents(session, people, project):
    add(session, people["pudong"], project.id)
    svc.update_project(session, people["admin"], project.id, draft(district_code="310112", new_parcels=()),
                       project.version)
    assert session.scalar(select(ProjectDocument.district_code).where(ProjectDocument.project_id == project.id)) \
        == "310112"


@pytest.mark.parametrize("sha256, size", [("0" * 64, None), (None, 1)], ids=["checksum", "size"])
def test_the_database_refuses_a_checksum_or_a_size_that_is_not_the_contents(session, people, project, sha256, size):
    content = samples.pdf()
    with pytest.raises(IntegrityError, match="ck_project_documents_"):
        with session.begin_nested():
            session.execute(text(
                "INSERT INTO project_documents (project_id, district_code, kind, file_name, media_type, size_bytes, "
                "sha256, content) VALUES (:p, '310115', 'other', 'a.pdf', 'application/pdf', :n, :h, :c)"),
                {"p": project.id, "n": size or len(content), "h": sha256 or hashlib.sha256(content).hexdigest(),
                 "c": content})
