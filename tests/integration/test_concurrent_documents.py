"""A project's documents while another transaction changes the project, on real parallel
connections to a database of its own (committed data): nothing is added to, or taken from, a
project without its audit entry."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from registry.domain.errors import Conflict
from registry.models import AuditEntry, ProjectDocument
from registry.services import documents
from registry.services import projects as svc
from tests import document_samples
from tests.integration.project_data import PUDONG, REVIEWER
from tests.integration.test_concurrent_writes import (
    _wait_until_another_session_waits_for_a_lock, districts_engine, draft_of,
)


@pytest.fixture(scope="module")
def engine(fresh_database_url):
    yield from districts_engine(fresh_database_url, "registry_test_concurrent_documents")


def test_a_draft_deleted_while_a_document_is_being_added_audits_that_document_too(engine):
    """The district adds a document to its draft; a colleague deletes the draft at that moment. The
    deletion audits each document it takes (the database's cascade takes them silently): it must
    wait for the upload and count the new document among them — not audit the dossier as it was
    before the upload, then delete the uploaded file with no trace of its removal."""
    with Session(engine) as session:
        project_id = svc.register_project(session, PUDONG, draft_of(2011)).id
    deleted: list = []

    def delete() -> None:
        with Session(engine, expire_on_commit=False) as session:
            try:
                deleted.append(svc.delete_draft(session, PUDONG, project_id))
            except Exception as error:  # the assertion names it
                deleted.append(error)

    deleting = threading.Thread(target=delete)
    with Session(engine) as adding:
        @event.listens_for(adding, "before_commit")
        def delete_meanwhile(session) -> None:  # the document is flushed, not yet committed
            if not deleting.is_alive() and not deleted:
                deleting.start()
                _wait_until_another_session_waits_for_a_lock(engine, deleting)

        documents.add_document(adding, PUDONG, project_id, documents.NewDocument(
            "feasibility_study", "可研报告.pdf", document_samples.pdf("raced")), 1024 * 1024)
    deleting.join(timeout=60)
    assert isinstance(deleted[0], str), deleted
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(ProjectDocument)
                              .where(ProjectDocument.project_id == project_id)) == 0
        removals = session.scalars(select(AuditEntry).where(AuditEntry.action == "remove_document",
                                                            AuditEntry.entity_id == str(project_id))).all()
        assert [entry.changes["file_name"][0] for entry in removals] == ["可研报告.pdf"]


def test_a_document_added_while_the_project_is_being_verified_waits_and_is_refused(engine):
    """The reviewer's upload reads the project as completed; the verification that is saving at that
    moment holds the project's row. The upload waits for it, then decides on the verified project,
    whose documents are frozen — it never slips one in after the figure is verified."""
    with Session(engine) as session:
        project_id = svc.register_project(session, PUDONG, draft_of(2012)).id
        for actor, step in ((PUDONG, "submit"), (REVIEWER, "approve"), (PUDONG, "complete")):
            svc.transition(session, actor, project_id, step)
    uploaded: list = []

    def upload() -> None:
        with Session(engine, expire_on_commit=False) as session:
            try:
                uploaded.append(documents.add_document(session, REVIEWER, project_id, documents.NewDocument(
                    "other", "核查意见.pdf", document_samples.pdf("late")), 1024 * 1024))
            except Exception as error:  # the assertion names it
                uploaded.append(error)

    uploading = threading.Thread(target=upload)
    with Session(engine) as verifying:
        @event.listens_for(verifying, "before_commit")
        def upload_meanwhile(session) -> None:  # verified and flushed, not yet committed
            if not uploading.is_alive() and not uploaded:
                uploading.start()
                _wait_until_another_session_waits_for_a_lock(engine, uploading)

        svc.transition(verifying, REVIEWER, project_id, "verify")
    uploading.join(timeout=60)
    assert isinstance(uploaded[0], Conflict) and "frozen" in uploaded[0].render(), uploaded
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(ProjectDocument)
                              .where(ProjectDocument.project_id == project_id)) == 0
