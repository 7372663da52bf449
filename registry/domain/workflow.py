"""The review workflow of a project (DOMAIN.md §2), as pure rules.

draft → submitted → approved | returned (comment required) → completed → verified.
A returned project is edited and submitted again. A verified project changes only through an
explicit, recorded correction.

Here: the steps and who takes them, a step's comment, who edits, deletes and corrects a project, and
the parcels an exit is reviewed with. The subsidy the city approves at a step is approved_subsidy,
the dates the steps stamp (completion, verification) workflow_dates.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Callable, Iterable

from registry.domain.errors import N_, UNKNOWN_VALUE, Conflict, FieldError, Message, PermissionDenied, ValidationError
from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, Actor, require_own_district
from registry.domain.vocabulary import PROJECT_STATUSES, WORKFLOW_STEPS, named_choices


@dataclass(frozen=True)
class Transition:
    action: str
    from_statuses: frozenset[str]
    to_status: str
    roles: frozenset[str]
    needs_comment: bool = False
    district_bound: bool = False  # district staff may take it only in their own district


# In the order the pages offer them (available_actions): the steps forward, then sending back, so the
# step a reviewer takes on most projects comes first whatever the status (a completed project's card
# had read 退回并附意见 · 核定, a submitted one's 批准 · 退回并附意见).
TRANSITIONS: dict[str, Transition] = {
    t.action: t for t in (
        Transition("submit", frozenset({"draft", "returned"}), "submitted",
                   frozenset({DISTRICT_STAFF, ADMIN}), district_bound=True),
        Transition("approve", frozenset({"submitted"}), "approved", frozenset({CITY_REVIEWER, ADMIN})),
        Transition("complete", frozenset({"approved"}), "completed",
                   frozenset({DISTRICT_STAFF, ADMIN}), district_bound=True),
        Transition("verify", frozenset({"completed"}), "verified", frozenset({CITY_REVIEWER, ADMIN})),
        Transition("return", frozenset({"submitted", "approved", "completed"}), "returned",
                   frozenset({CITY_REVIEWER, ADMIN}), needs_comment=True),
    )
}

EDITABLE_STATUSES = frozenset({"draft", "returned"})
CORRECTION_ROLES = frozenset({CITY_REVIEWER, ADMIN})

# An exit of capacity frees the land it occupied (DOMAIN.md §3): the review, the freed-land register
# and land output all rest on its parcels, so it goes to review with at least one. The other kinds
# save energy on a site that stays in use; their parcels place them on the map, and one without
# (a motor programme across several workshops) may still be reviewed. docs/registration.md, Workflow.
KINDS_REVIEWED_WITH_PARCELS = frozenset({"structural_adjustment"})
NEEDS_A_PARCEL = N_("an exit of capacity is reviewed with the land it frees: it needs at least one parcel "
                    "to be submitted (a draft may have none)")


COMMENT_REQUIRED = N_("a comment is required to return a project")
# The API's bound (TransitionBody); the pages' too: a comment is kept in the audit entry of each
# project it goes with, two hundred of them in a batch.
MAX_COMMENT_CHARACTERS = 2000
_KEPT_CONTROLS = frozenset("\t\n\r")
# Bidirectional embeddings, overrides and isolates: they reorder what the district reads.
_BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def hidden_character(text: str, kept: frozenset[str] = frozenset()) -> str | None:
    """The first control character of ``text`` other than ``kept`` (an escape, NUL, a line break
    where none belongs) or bidirectional control — which would show readers something other than
    what the audit trail holds — else ``None``."""
    return next((ch for ch in text if ch in _BIDI_CONTROLS
                 or (unicodedata.category(ch) == "Cc" and ch not in kept)), None)


def check_comment(comment: str | None) -> None:
    """A step's comment (``None``: none): at most ``MAX_COMMENT_CHARACTERS``, and no control
    character but line breaks and tabs — an escape or a bidirectional override would show the
    district something other than what the audit trail holds."""
    if comment is None:
        return
    if len(comment) > MAX_COMMENT_CHARACTERS:
        raise ValidationError.single("comment", N_("may be at most %(limit)d characters: this one has %(count)d"),
                                     limit=MAX_COMMENT_CHARACTERS, count=len(comment))
    hidden = hidden_character(comment, _KEPT_CONTROLS)
    if hidden is not None:
        raise ValidationError.single("comment", N_("must not contain the control character %(code)s: only line "
                                                   "breaks and tabs may be typed among the text"),
                                     code=f"U+{ord(hidden):04X}")


def step_for(actor: Actor, action: str) -> Transition:
    """The transition of ``action``, if the actor's role may take it (whatever the project)."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError.single("action", UNKNOWN_VALUE, value=str(action)[:40], allowed=named_choices(WORKFLOW_STEPS))
    if actor.role not in transition.roles:
        raise PermissionDenied(N_("Your role may not take the step “%(action)s”."), action=Message(WORKFLOW_STEPS[action]))
    return transition


def apply_transition(actor: Actor, action: str, status: str, district_code: str, comment: str | None) -> str:
    """The status after ``action``; raises if the actor, the state or the comment forbid it."""
    transition = step_for(actor, action)
    if transition.district_bound:
        require_own_district(actor, district_code)
    if status not in transition.from_statuses:
        # the step and the status by their names (it said "项目处于 approved 状态时不能执行 approve 操作")
        raise Conflict(N_("The step “%(action)s” is not possible while the project's status is “%(status)s”."),
                       status=Message(PROJECT_STATUSES.get(status, status)), action=Message(WORKFLOW_STEPS[action]))
    if transition.needs_comment and not (comment or "").strip():
        raise ValidationError.single("comment", COMMENT_REQUIRED)
    check_comment(comment)
    return transition.to_status


def available_actions(actor: Actor, status: str, district_code: str) -> list[str]:
    """The workflow actions this actor may take on a project in ``status`` (for buttons), forward first."""
    actions = []
    for action, t in TRANSITIONS.items():
        if status not in t.from_statuses or actor.role not in t.roles:
            continue
        if t.district_bound and actor.role == DISTRICT_STAFF and actor.district_code != district_code:
            continue
        actions.append(action)
    return actions


def awaiting(role: str) -> dict[str, str]:
    """The statuses whose projects wait for ``role``'s next step, with that step: a role's to-do
    list. Sending back is not a step forward; a district's own steps (submit, report completion)
    are on its staff's list only, though an administrator may take them too."""
    waiting: dict[str, str] = {}
    for action, t in TRANSITIONS.items():
        if t.needs_comment or role not in t.roles or (t.district_bound and role != DISTRICT_STAFF):
            continue
        waiting.update(dict.fromkeys(sorted(t.from_statuses), action))
    return waiting


# The steps a reviewer works through a list of projects for, one after another (the project page's
# 下一个待审核项目): approving the submitted, verifying the completed.
REVIEW_STEPS = ("approve", "verify")


def review_queues(role: str) -> frozenset[str]:
    """The statuses whose lists are ``role``'s review queues: those waiting for its ``REVIEW_STEPS``."""
    return frozenset(s for s, action in awaiting(role).items() if action in REVIEW_STEPS)


def require_editable(actor: Actor, status: str, district_code: str) -> None:
    """Drafts and returned projects are edited by their district's staff (or an administrator)."""
    if actor.role not in (DISTRICT_STAFF, ADMIN):
        raise PermissionDenied(N_("Your role may not edit projects."))
    require_own_district(actor, district_code)
    if status not in EDITABLE_STATUSES:
        raise Conflict(N_("A project that is %(status)s can no longer be edited."), status=status)


def parcel_errors(kind: str, status: str, parcel_count: int, field: str = "parcel_ids") -> list[FieldError]:
    """What is wrong with the parcels of a project of ``kind`` that has ``parcel_count`` of them
    and is (or is about to be) ``status``: an exit beyond its district's editing — submitted,
    approved, completed, verified — has at least one. Drafts and returned projects may have none. A
    status none of the list is not judged: refused for itself, it tells nothing of the parcels needed."""
    if (kind in KINDS_REVIEWED_WITH_PARCELS and status in PROJECT_STATUSES and status not in EDITABLE_STATUSES
            and parcel_count < 1):
        return [FieldError(field, Message(NEEDS_A_PARCEL))]
    return []


def require_parcels(kind: str, status: str, parcel_count: int) -> None:
    """``parcel_errors`` as a ValidationError on ``parcel_ids``, if any."""
    errors = parcel_errors(kind, status, parcel_count)
    if errors:
        raise ValidationError(errors)


def require_deletable(actor: Actor, status: str, district_code: str, past_actions: Iterable[str]) -> None:
    """A draft that was never submitted (``past_actions``: its history's actions) may be deleted by
    its district's staff or an administrator: one started by mistake or abandoned. A project that
    was ever submitted keeps its record — a returned one is not a draft — even if it were a draft again."""
    if actor.role not in (DISTRICT_STAFF, ADMIN):
        raise PermissionDenied(N_("Your role may not delete projects."))
    require_own_district(actor, district_code)
    if status != "draft" or "submit" in past_actions:
        raise Conflict(N_("Only a draft that was never submitted can be deleted: this project keeps its record."))


def _allowed(check: Callable[..., None], *args) -> bool:
    try:
        check(*args)
    except (PermissionDenied, Conflict):
        return False
    return True


def may_delete(actor: Actor, status: str, district_code: str, past_actions: Iterable[str]) -> bool:
    """Whether ``require_deletable`` lets the actor delete the project (for the button)."""
    return _allowed(require_deletable, actor, status, district_code, past_actions)


def may_edit(actor: Actor, status: str, district_code: str) -> bool:
    """Whether ``require_editable`` lets the actor edit the project (for the Edit button)."""
    return _allowed(require_editable, actor, status, district_code)


def may_correct(actor: Actor, status: str) -> bool:
    """Whether ``require_correctable`` lets the actor correct the project (for the button)."""
    return _allowed(require_correctable, actor, status)


def require_correctable(actor: Actor, status: str) -> None:
    """A verified project changes only through a correction by a city reviewer (or an administrator)."""
    if actor.role not in CORRECTION_ROLES:
        raise PermissionDenied(N_("Only city reviewers may correct a verified project."))
    if status != "verified":
        raise Conflict(N_("Only verified projects are corrected; edit the project instead."))


def require_correction(actor: Actor, status: str, reason: str | None) -> None:
    """``require_correctable``, and the correction is recorded with its reason."""
    require_correctable(actor, status)
    if not (reason or "").strip():
        raise ValidationError.single("reason", N_("a correction needs a reason"))


@cache  # a bulk import asks once per project (100,000 walks of the transitions: 0.5 s)
def reachable_statuses(role: str) -> frozenset[str]:
    """The statuses a new draft reaches by the steps ``role`` may take itself: what a bulk import
    by that role may give a new project (district staff: draft, submitted; administrators: all)."""
    reached, frontier = {"draft"}, ["draft"]
    while frontier:
        status = frontier.pop()
        for t in TRANSITIONS.values():
            if role in t.roles and status in t.from_statuses and t.to_status not in reached:
                reached.add(t.to_status)
                frontier.append(t.to_status)
    return frozenset(reached)
