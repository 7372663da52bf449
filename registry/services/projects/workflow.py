"""Moving a project through the review workflow; every step is recorded with who, when, why."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Mapping, Sequence

from sqlalchemy.orm import Session

from geo import queries
from registry import clock
from registry.domain.batch_steps import batch_steps, require_batch
from registry.domain.errors import (
    N_, BatchRefused, Conflict, Message, NotFound, PermissionDenied, Refusal, ValidationError,
)
from registry.domain.permissions import Actor, unapproved_readable_in
from registry.domain.vocabulary import WORKFLOW_STEPS
from registry.domain.approved_subsidy import approved_subsidy
from registry.domain.workflow import apply_transition, require_parcels
from registry.domain.workflow_dates import completion_day
from registry.models import Project
from registry.repositories import projects as repo
from registry.services import audit
from registry.services.projects.common import project_transaction, require_version
from registry.services.projects.listing import ProjectSummary
from registry.services.projects.views import ProjectView, load_visible, view_of


def _audited(project: Project) -> dict:
    """What a step may change, as its audit entry records it before and after."""
    return {"status": project.status, "completed_on": project.completed_on, "verified_on": project.verified_on,
            "subsidy_approved_wan_yuan": project.subsidy_approved_wan_yuan}


def apply_action(session: Session, actor: Actor, project: Project, action: str, comment: str | None,
                 on: date | None = None, completed_on: date | str | None = None,
                 subsidy_approved: Decimal | str | None = None) -> None:
    """Change the status in the caller's transaction, stamping completion/verification dates
    (``completed_on``: the day the district reports, with "complete"; default today) and, with
    "approve" or "verify", the approved subsidy (``subsidy_approved``, 万元; ``None``: it stays as it
    was), in the step's one audit entry. An exit is submitted with its parcels (``require_parcels``):
    whether by the form, the API or the page. A batch passes no amount: it never changes one."""
    before = _audited(project)
    status = apply_transition(actor, action, project.status, project.district_code, comment)
    if action == "submit":
        require_parcels(project.kind, status, repo.parcel_count(session, project.id))
    if completed_on not in (None, "") and action != "complete":
        raise ValidationError.single("completed_on", N_("only the step that reports completion takes a completion date"))
    subsidy = approved_subsidy(action, subsidy_approved)
    project.status = status
    today = on or clock.today()
    # 10 and 10.00 are one amount: retyping the one shown is no change for the history
    if subsidy is not None and subsidy != project.subsidy_approved_wan_yuan:
        project.subsidy_approved_wan_yuan = subsidy
    if action == "complete":
        project.completed_on = completion_day(completed_on, today, project.year)
    elif action == "verify":
        project.verified_on = today
    elif action == "return":
        project.completed_on = project.verified_on = None
    session.flush()
    if action in ("complete", "verify"):
        queries.mark_freed_parcels(session, [project.id])
    audit.record(session, actor, action, "project", project.id, before, _audited(project), note=(comment or None))


def transition(session: Session, actor: Actor, project_id: int, action: str, comment: str | None = None,
               expected_version: int | None = None, on: date | None = None,
               completed_on: date | str | None = None, subsidy_approved: Decimal | str | None = None) -> ProjectView:
    """Take a workflow step (submit, approve, return, complete, verify) on a project; approving or
    verifying may record the approved subsidy with it (``apply_action``)."""
    with project_transaction(session):
        project = load_visible(session, actor, project_id)
        require_version(session, project, expected_version)
        apply_action(session, actor, project, action, comment, on, completed_on, subsidy_approved)
    return view_of(session, actor, project)


@dataclass(frozen=True)
class Selected:
    """A project of a batch, with the version its reader saw (the list's row, the API's ETag);
    ``None``: the version it has once locked (the command line, whose operator read none)."""

    project_id: int
    version: int | None


@dataclass(frozen=True)
class StepTaken:
    """A project as a batch left it: its new status and version."""

    id: int
    reference: str
    title: str
    status: str
    version: int


def transition_many(session: Session, actor: Actor, action: str, selected: Sequence[Selected],
                    comment: str | None = None, on: date | None = None) -> list[StepTaken]:
    """Take one workflow step (submit, approve, return with one comment, verify) on many projects in
    one transaction, all or nothing. Each project takes it as ``transition`` takes it — its version,
    ``apply_action``'s rules (role, district, status, the parcels of an exit) and its own audit entry.
    If any is refused, nothing changes: ``BatchRefused`` names each refused project and why, in the
    order of ``selected``. The batch as a whole (``require_batch``: the step, its size, the comment) is
    checked first, once."""
    with project_transaction(session):
        require_batch(actor, action, [item.project_id for item in selected], comment)
        # Only what the actor reads is locked (district staff naming other districts' drafts hold
        # none of them); each project is then read as a single step reads it, refusals alike.
        repo.lock_projects(session, sorted(item.project_id for item in selected), unapproved_readable_in(actor))
        refusals: dict[int, Refusal] = {}
        taken: dict[int, StepTaken] = {}
        # in the order of the ids, as the rows were locked (the flushes update them in that order too)
        for index, item in sorted(enumerate(selected), key=lambda pair: pair[1].project_id):
            project = None
            try:
                project = load_visible(session, actor, item.project_id)
                require_version(session, project, item.version)
                apply_action(session, actor, project, action, comment, on)
            except (NotFound, PermissionDenied, Conflict, ValidationError) as error:
                refusals[index] = Refusal(f"projects[{index}]", item.project_id, project.reference if project else None,
                                          project.title if project else None, error)
                continue
            taken[index] = StepTaken(project.id, project.reference, project.title, project.status, project.version)
        if refusals:
            raise BatchRefused([refusals[index] for index in sorted(refusals)], len(selected),
                               Message(WORKFLOW_STEPS[action]))
    return [taken[index] for index in sorted(taken)]


def batch_steps_of(session: Session, actor: Actor, items: Sequence[ProjectSummary],
                   parcel_counts: Mapping[int, int] | None = None) -> dict[int, tuple[str, ...]]:
    """``{project id: the steps of a batch the actor may take on it}`` for listed projects (the list's
    checkboxes); projects that take none are left out. ``parcel_counts``: ``{project id: its parcel
    links}`` when the caller has read them (the list page, for its map: ``list_projects``' parcels),
    else counted here."""
    parcels = repo.parcel_counts(session, [item.id for item in items]) if parcel_counts is None else parcel_counts
    steps = {item.id: batch_steps(actor, item.status, item.district_code, item.kind, parcels.get(item.id, 0))
             for item in items}
    return {project_id: found for project_id, found in steps.items() if found}
