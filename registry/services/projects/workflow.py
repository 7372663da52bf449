"""Moving a project through the review workflow; every step is recorded with who, when, why."""
from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from geo import queries
from registry import clock
from registry.domain.errors import N_, ValidationError
from registry.domain.permissions import Actor
from registry.domain.workflow import apply_transition, completion_day, require_parcels
from registry.models import Project
from registry.repositories import projects as repo
from registry.services import audit
from registry.services.projects.common import project_transaction, require_version
from registry.services.projects.views import ProjectView, load_visible, view_of


def apply_action(session: Session, actor: Actor, project: Project, action: str, comment: str | None,
                 on: date | None = None, completed_on: date | str | None = None) -> None:
    """Change the status in the caller's transaction, stamping completion/verification dates
    (``completed_on``: the day the district reports, with "complete"; default today). An exit is
    submitted with its parcels (``require_parcels``): whether by the form, the API or the page."""
    before = {"status": project.status, "completed_on": project.completed_on, "verified_on": project.verified_on}
    status = apply_transition(actor, action, project.status, project.district_code, comment)
    if action == "submit":
        require_parcels(project.kind, status, repo.parcel_count(session, project.id))
    project.status = status
    today = on or clock.today()
    if completed_on not in (None, "") and action != "complete":
        raise ValidationError.single("completed_on", N_("only the step that reports completion takes a completion date"))
    if action == "complete":
        project.completed_on = completion_day(completed_on, today, project.year)
    elif action == "verify":
        project.verified_on = today
    elif action == "return":
        project.completed_on = project.verified_on = None
    session.flush()
    if action in ("complete", "verify"):
        queries.mark_freed_parcels(session, [project.id])
    after = {"status": project.status, "completed_on": project.completed_on, "verified_on": project.verified_on}
    audit.record(session, actor, action, "project", project.id, before, after, note=(comment or None))


def transition(session: Session, actor: Actor, project_id: int, action: str, comment: str | None = None,
               expected_version: int | None = None, on: date | None = None,
               completed_on: date | str | None = None) -> ProjectView:
    """Take a workflow step (submit, approve, return, complete, verify) on a project."""
    with project_transaction(session):
        project = load_visible(session, actor, project_id)
        require_version(session, project, expected_version)
        apply_action(session, actor, project, action, comment, on, completed_on)
    return view_of(session, actor, project)
