"""The project list's batch of workflow steps (批量审核): what its form posts, what its script says
and what the page says after it. The rules are the service's (``transition_many``); the list's view
is registry/web/projects.py. docs/registration.md, "Batches"."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from flask_babel import gettext

from registry.domain.batch_steps import BATCH_STEPS
from registry.domain.errors import N_, BatchRefused, ValidationError
from registry.domain.numbers import whole_number
from registry.user_messages import message_text
from registry.services import projects as svc
from registry.web.display import named_problems

UNREADABLE = N_("a ticked row could not be read (“%(value)s”): reload the list and tick the projects again")


@dataclass(frozen=True)
class RefusedRow:
    """A project the batch refused, as the page lists it: a link, its reference and name, why."""

    project_id: int
    name: str | None  # reference and name; None where the reader may not see the project
    reason: str


@dataclass(frozen=True)
class BatchForm:
    """The list's batch form: the steps each row's checkbox takes, the bar's buttons, and after a
    refused batch what was ticked and typed, and why it was refused."""

    steps: Mapping[int, tuple[str, ...]]
    picked: frozenset[int] = frozenset()
    comment: str = ""
    problem: str | None = None  # the batch as a whole: a missing comment, too many projects
    comment_problem: bool = False
    summary: str | None = None  # "Nothing was changed: …", above the projects refused
    refused: tuple[RefusedRow, ...] = ()
    texts: Mapping[str, object] = field(default_factory=dict)

    @property
    def actions(self) -> tuple[str, ...]:
        """The bar's buttons: the steps some listed project takes, in the workflow's order."""
        return tuple(step for step in BATCH_STEPS if any(step in steps for steps in self.steps.values()))

    @property
    def shown(self) -> bool:
        """Whether the page shows the form: a step to take, or why the one posted was refused (even
        where no listed project takes a step any more)."""
        return bool(self.actions or self.summary or self.problem)

    @property
    def refused_ids(self) -> frozenset[int]:
        return frozenset(row.project_id for row in self.refused)


def selection(values: list[str]) -> list[svc.Selected]:
    """The ticked rows (``<project id>-<version>``, as an ETag names a project's version)."""
    picked = []
    for value in values:
        project_id, _, version = value.partition("-")
        if whole_number(project_id) is None or whole_number(version) is None:
            raise ValidationError.single("projects", UNREADABLE, value=value[:40])
        picked.append(svc.Selected(int(project_id), int(version)))
    return picked


def picked_ids(values: list[str]) -> frozenset[int]:
    """The projects ticked, as far as they can be read: ticked again on the page that refuses them."""
    return frozenset(number for value in values if (number := whole_number(value.partition("-")[0])) is not None)


def texts() -> dict[str, object]:
    """What the page's script writes as projects are ticked, its ``%(count)s`` filled in by it
    (Jinja's gettext formats every string, so these are made here, as the wizard's labels are)."""
    return {
        "count": gettext("Projects ticked: %(count)s."),
        "tally": gettext(" (%(count)s)"),  # after the step's name on its button (Chinese: （1）, no space)
        # under the buttons, why one is greyed out (a disabled button says nothing by itself)
        "none": gettext("Tick projects in the list to take a step on them."),
        "unfit": gettext("%(step)s: %(count)s of the ticked projects cannot take this step; untick them to take it."),
        # after approving's or verifying's question, when ticked rows carry the online monitoring's flag
        # (their badge was all that said so, one row among two hundred); Chinese without the space
        "flagged": gettext(" Of them, %(count)s deviate from the online monitoring beyond the tolerance: check each first."),
        "questions": {
            "submit": gettext("Submit the ticked projects (%(count)s) for review?"),
            "approve": gettext("Approve the ticked projects (%(count)s)?"),
            "return": gettext("Return the ticked projects (%(count)s) to their districts with this comment?"),
            "verify": gettext("Verify the completion of the ticked projects (%(count)s)?"),
        },
    }


def done_message(action: str, count: int) -> str:
    """What the list says once a batch has been taken (one message, its number plural-free)."""
    messages = {
        "submit": gettext("Projects submitted for review: %(count)s.", count=count),
        "approve": gettext("Projects approved: %(count)s.", count=count),
        "return": gettext("Projects returned to their districts with your comment: %(count)s.", count=count),
        "verify": gettext("Projects verified: %(count)s.", count=count),
    }
    return messages[action]


def refused_rows(error: BatchRefused) -> tuple[RefusedRow, ...]:
    """Each refused project with why, in the reader's language; a field named as the form names it."""
    return tuple(
        RefusedRow(r.project_id, " ".join(p for p in (r.reference, r.title) if p) or None,
                   named_problems(r.error) if isinstance(r.error, ValidationError) else message_text(r.error))
        for r in error.refusals)
