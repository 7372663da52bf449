"""Deleting a draft that was never submitted: one started by mistake or abandoned, with its documents."""
from __future__ import annotations

from sqlalchemy.orm import Session

from registry.domain.permissions import Actor, unapproved_readable_in
from registry.domain.workflow import require_deletable
from registry.models import RetiredReference
from registry.repositories import projects as repo
from registry.services import audit, documents
from registry.services.projects.common import project_transaction, require_version
from registry.services.projects.drafts import snapshot
from registry.services.projects.views import load_visible


def delete_draft(session: Session, actor: Actor, project_id: int, expected_version: int | None = None) -> str:
    """Delete the draft, its parcel links and its supporting documents (each removal audited); its
    reference (returned) is written to the audit log and never given again. Its parcels stay in the registry: they are parcels, perhaps of other
    projects too. NotFound if the actor cannot see it, PermissionDenied or Conflict if the rule
    (``require_deletable``) or ``expected_version`` forbids it."""
    with project_transaction(session):
        # The row locked first, as a document's upload or removal locks it: one under way is
        # committed before the documents are listed for the audit trail, none starts until the
        # draft is gone (else the cascade deleted a document uploaded meanwhile, unaudited).
        repo.lock_projects(session, [project_id], unapproved_readable_in(actor))  # another district's: not locked
        project = load_visible(session, actor, project_id)
        past_actions = [entry.action for entry in repo.history(session, "project", project.id)]
        require_deletable(actor, project.status, project.district_code, past_actions)
        require_version(session, project, expected_version)
        reference, before = project.reference, snapshot(session, project) | {"reference": project.reference}
        documents.record_removals_with_project(session, actor, project.id)
        # The delete goes first and names the version read: a step taken meanwhile (a submission, a
        # deletion) makes it a Conflict, not a lost submission — and not a duplicate retired
        # reference, which a second deletion's insert, had it gone first, ran into (an
        # IntegrityError under load, test_concurrent_writes). The parcel links go with the row.
        session.delete(project)
        session.flush()
        audit.record(session, actor, "delete", "project", project_id, before=before)
        session.add(RetiredReference(reference=reference, project_id=project_id))
    return reference
