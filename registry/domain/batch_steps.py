"""One workflow step on many projects at once (批量审核): which steps a batch takes, and what the
batch as a whole must be before any of its projects is looked at. Pure rules.

Each project then takes the step as it would alone (``workflow.apply_transition`` and the parcels of
an exit, in services/projects/workflow.transition_many), all or nothing. docs/registration.md, "Batches".
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from registry.domain.errors import N_, FieldError, Message, ValidationError
from registry.domain.permissions import Actor
from registry.domain.vocabulary import WORKFLOW_STEPS
from registry.domain.workflow import (
    COMMENT_REQUIRED, TRANSITIONS, available_actions, check_comment, parcel_errors, step_for,
)

# Reporting completion is not batched: each project has its own completion day, which decides the
# year it counts in under the "completed" rule (docs/rollups.md); one day for a whole list would be
# today for most of them, the wrong year for a project finished in December and reported in January.
BATCH_STEPS = ("submit", "approve", "verify", "return")  # forward first, as a project's card
# Each with its name, as a refusal of an unknown step names them (提交审核（submit）、…): the code for machines,
# the label for the reader, as a single project's step is refused.
BATCH_STEP_NAMES = {step: WORKFLOW_STEPS[step] for step in BATCH_STEPS}
MAX_BATCH_SIZE = 200  # the list's largest page; a batch's transaction holds that many rows' locks
NOT_BATCHED = N_("Completion is reported on each project's page: each project has its own completion day, "
                 "which decides the year it counts in.")


def batch_steps(actor: Actor, status: str, district_code: str, kind: str, parcel_count: int) -> tuple[str, ...]:
    """The steps of a batch the actor may take on one project (the list's checkbox offers them):
    its available actions but reporting completion, and submitting only with the parcels an exit
    needs (the project page offers no submit button to an exit without one either)."""
    submitted = TRANSITIONS["submit"].to_status
    return tuple(action for action in available_actions(actor, status, district_code)
                 if action in BATCH_STEPS and not (action == "submit" and parcel_errors(kind, submitted, parcel_count)))


def require_batch(actor: Actor, action: str, project_ids: Sequence[int], comment: str | None) -> None:
    """The batch as a whole: a step that is batched and that the actor's role takes, one to
    ``MAX_BATCH_SIZE`` projects each named once, the comment a return needs. Refused once here, not
    once for each of its projects."""
    transition = step_for(actor, action)
    if action not in BATCH_STEPS:
        raise ValidationError.single("action", NOT_BATCHED)
    errors = []
    if not project_ids:
        errors.append(FieldError("projects", Message(N_("select at least one project"))))
    elif len(project_ids) > MAX_BATCH_SIZE:
        errors.append(FieldError("projects", Message(N_("at most %(limit)d projects at once: %(count)d were selected. "
                                                        "Select fewer, then try again."),
                                                     {"limit": MAX_BATCH_SIZE, "count": len(project_ids)})))
    elif twice := sorted(project_id for project_id, n in Counter(project_ids).items() if n > 1):
        errors.append(FieldError("projects", Message(N_("project %(id)s is named more than once"), {"id": twice[0]})))
    if transition.needs_comment and not (comment or "").strip():
        errors.append(FieldError("comment", Message(COMMENT_REQUIRED)))
    else:
        try:
            check_comment(comment)
        except ValidationError as error:
            errors.extend(error.field_errors)
    if errors:
        raise ValidationError(errors)
