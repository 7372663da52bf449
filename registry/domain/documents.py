"""Who may add and remove a project's supporting documents (证明材料), and when: pure rules beside the
workflow's (docs/registration.md, "Supporting documents").

Reading follows the project: whoever reads it lists and downloads its documents. A district builds
its dossier while the project is its own to edit (draft, returned) and adds the completion evidence
once approved; city reviewers add their own papers while the project is before them (submitted,
completed) and remove only those; administrators add as reviewers do and remove any document
before verification. A verified project's documents are frozen: the credited figure rests on them.
District staff remove their district's documents, never a reviewer's or an administrator's.
"""
from __future__ import annotations

from registry.domain.errors import N_, Conflict, Message, PermissionDenied
from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, Actor, require_own_district
from registry.domain.vocabulary import PROJECT_STATUSES

MAX_DOCUMENTS_PER_PROJECT = 30

DISTRICT_ADDS = frozenset({"draft", "returned", "approved"})  # approved: the completion evidence
DISTRICT_REMOVES = frozenset({"draft", "returned"})
REVIEW_ADDS = frozenset({"submitted", "completed"})
FROZEN = "verified"
ROLES_THAT_ADD = frozenset({DISTRICT_STAFF, CITY_REVIEWER, ADMIN})


def _status(status: str) -> Message:
    return Message(PROJECT_STATUSES.get(status, status))


def _require_not_frozen(status: str) -> None:
    if status == FROZEN:
        raise Conflict(N_("The documents of a verified project are frozen: the verified figure rests on them."))


def require_addable(actor: Actor, status: str, district_code: str) -> None:
    """Refuse ``actor`` adding a document to a project of ``district_code`` in ``status``."""
    if actor.role not in ROLES_THAT_ADD:
        raise PermissionDenied(N_("Your role may not add documents to a project."))
    _require_not_frozen(status)
    if actor.role == DISTRICT_STAFF:
        require_own_district(actor, district_code)
        if status not in DISTRICT_ADDS:
            raise Conflict(N_("District staff add documents while a project is a draft, returned or approved; "
                              "this one is %(status)s."), status=_status(status))
    elif status not in REVIEW_ADDS:
        raise Conflict(N_("City reviewers and administrators add documents while a project is submitted or "
                          "completed; this one is %(status)s."), status=_status(status))


def require_removable(actor: Actor, status: str, district_code: str, uploaded_by: int | None,
                      uploader_role: str | None) -> None:
    """Refuse ``actor`` removing a document that ``uploaded_by`` (a user id, whose role is
    ``uploader_role``; ``None``: the system) added to a project of ``district_code`` in ``status``."""
    if actor.role not in ROLES_THAT_ADD:
        raise PermissionDenied(N_("Your role may not remove documents of a project."))
    _require_not_frozen(status)
    if actor.role == ADMIN:
        return
    if actor.role == CITY_REVIEWER:
        if uploaded_by is None or uploaded_by != actor.user_id:
            raise PermissionDenied(N_("City reviewers remove only the documents they uploaded themselves."))
        return
    require_own_district(actor, district_code)
    if uploader_role != DISTRICT_STAFF:
        raise PermissionDenied(N_("A document a city reviewer or an administrator uploaded is theirs to remove, "
                                  "not the district's."))
    if status not in DISTRICT_REMOVES:
        raise Conflict(N_("District staff remove documents only while a project is a draft or returned; this "
                          "one is %(status)s."), status=_status(status))


def require_room(count: int) -> None:
    """A project holds at most ``MAX_DOCUMENTS_PER_PROJECT`` documents; ``count`` it holds now."""
    if count >= MAX_DOCUMENTS_PER_PROJECT:
        raise Conflict(N_("A project holds at most %(limit)d documents and this one has %(count)d: remove one "
                          "before adding another."), limit=MAX_DOCUMENTS_PER_PROJECT, count=count)


def may_add(actor: Actor, status: str, district_code: str) -> bool:
    """Whether ``require_addable`` lets the actor add (for the upload form)."""
    try:
        require_addable(actor, status, district_code)
    except (PermissionDenied, Conflict):
        return False
    return True


def why_not_addable(actor: Actor, status: str, district_code: str) -> Message | None:
    """Why an actor who adds documents to this project at other times may not now (its state), for
    the page to say where the upload form would be; ``None`` when they may, or never may (their
    role, another district's project)."""
    try:
        require_addable(actor, status, district_code)
    except Conflict as refused:
        return refused.message
    except PermissionDenied:
        return None
    return None


def may_remove(actor: Actor, status: str, district_code: str, uploaded_by: int | None,
               uploader_role: str | None) -> bool:
    """Whether ``require_removable`` lets the actor remove the document (for its button)."""
    try:
        require_removable(actor, status, district_code, uploaded_by, uploader_role)
    except (PermissionDenied, Conflict):
        return False
    return True
