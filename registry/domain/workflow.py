"""The review workflow of a project (DOMAIN.md §2), as pure rules.

draft → submitted → approved | returned (comment required) → completed → verified.
A returned project is edited and submitted again. A verified project changes only through an
explicit, recorded correction.
"""
from __future__ import annotations

from dataclasses import dataclass

from registry.domain.errors import N_, Conflict, PermissionDenied, ValidationError
from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, Actor, require_own_district


@dataclass(frozen=True)
class Transition:
    action: str
    from_statuses: frozenset[str]
    to_status: str
    roles: frozenset[str]
    needs_comment: bool = False
    district_bound: bool = False  # district staff may take it only in their own district


TRANSITIONS: dict[str, Transition] = {
    t.action: t for t in (
        Transition("submit", frozenset({"draft", "returned"}), "submitted",
                   frozenset({DISTRICT_STAFF, ADMIN}), district_bound=True),
        Transition("approve", frozenset({"submitted"}), "approved", frozenset({CITY_REVIEWER, ADMIN})),
        Transition("return", frozenset({"submitted", "approved", "completed"}), "returned",
                   frozenset({CITY_REVIEWER, ADMIN}), needs_comment=True),
        Transition("complete", frozenset({"approved"}), "completed",
                   frozenset({DISTRICT_STAFF, ADMIN}), district_bound=True),
        Transition("verify", frozenset({"completed"}), "verified", frozenset({CITY_REVIEWER, ADMIN})),
    )
}

EDITABLE_STATUSES = frozenset({"draft", "returned"})
CORRECTION_ROLES = frozenset({CITY_REVIEWER, ADMIN})


def apply_transition(actor: Actor, action: str, status: str, district_code: str, comment: str | None) -> str:
    """The status after ``action``; raises if the actor, the state or the comment forbid it."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise ValidationError.single("action", N_("unknown action %(action)s"), action=action)
    if actor.role not in transition.roles:
        raise PermissionDenied(N_("Your role may not %(action)s a project."), action=action)
    if transition.district_bound:
        require_own_district(actor, district_code)
    if status not in transition.from_statuses:
        raise Conflict(N_("The action %(action)s is not possible while the project is %(status)s."), status=status, action=action)
    if transition.needs_comment and not (comment or "").strip():
        raise ValidationError.single("comment", N_("a comment is required to return a project"))
    return transition.to_status


def available_actions(actor: Actor, status: str, district_code: str) -> list[str]:
    """The workflow actions this actor may take on a project in ``status`` (for buttons)."""
    actions = []
    for action, t in TRANSITIONS.items():
        if status not in t.from_statuses or actor.role not in t.roles:
            continue
        if t.district_bound and actor.role == DISTRICT_STAFF and actor.district_code != district_code:
            continue
        actions.append(action)
    return actions


def require_editable(actor: Actor, status: str, district_code: str) -> None:
    """Drafts and returned projects are edited by their district's staff (or an administrator)."""
    if actor.role not in (DISTRICT_STAFF, ADMIN):
        raise PermissionDenied(N_("Your role may not edit projects."))
    require_own_district(actor, district_code)
    if status not in EDITABLE_STATUSES:
        raise Conflict(N_("A project that is %(status)s can no longer be edited."), status=status)


def require_correction(actor: Actor, status: str, reason: str | None) -> None:
    """A verified project changes only through a recorded correction by a city reviewer."""
    if actor.role not in CORRECTION_ROLES:
        raise PermissionDenied(N_("Only city reviewers may correct a verified project."))
    if status != "verified":
        raise Conflict(N_("Only verified projects are corrected; edit the project instead."))
    if not (reason or "").strip():
        raise ValidationError.single("reason", N_("a correction needs a reason"))
