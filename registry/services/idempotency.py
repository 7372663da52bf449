"""Idempotent creates: a client that retries with the same ``Idempotency-Key`` (or a page's form
posted twice with its one-time token) gets the first response instead of a second record.

``begin`` claims the key *inside the caller's transaction*: the create that follows commits the
claim together with the record it creates, or rolls both back when it fails. ``finish`` then
stores the response. Two concurrent requests with one key serialise on the unique index; the
second sees the first's claim. Keys are per user and forgotten after ``KEY_LIFETIME``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Mapping

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry.domain.errors import N_, Conflict, ValidationError
from registry.domain.permissions import Actor
from registry.models import IdempotencyKey
from registry.repositories import tokens as repo

KEY_LIFETIME = timedelta(hours=24)
MAX_KEY_LENGTH = 255
HEADER = "Idempotency-Key"


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    body: Any
    headers: dict[str, str]


def fingerprint(method: str, path: str, body: Any) -> str:
    """SHA-256 of the request's method, path and canonical JSON body."""
    canonical = json.dumps([method.upper(), path, body], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _check_key(key: str) -> None:
    if not key or len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise ValidationError.single(HEADER, N_("must be 1 to %(n)s printable ASCII characters"), n=MAX_KEY_LENGTH)


def _replay(claim: IdempotencyKey, request_fingerprint: str) -> StoredResponse:
    if claim.fingerprint != request_fingerprint:
        raise ValidationError.single(HEADER, N_("was already used with a different request; use a new key"))
    if claim.status_code is None:
        raise Conflict(N_("A request with this Idempotency-Key is still being processed: retry in a moment."))
    return StoredResponse(claim.status_code, claim.response, dict(claim.headers or {}))


def begin(session: Session, actor: Actor, key: str, request_fingerprint: str) -> StoredResponse | int:
    """The stored response of an earlier request with ``key``, or the id of a new claim.

    Raises ValidationError when the key was used with another request, Conflict while the first
    request with it is still running.
    """
    _check_key(key)
    now = datetime.now(timezone.utc)
    repo.forget_idempotency_keys(session, actor.user_id, key, now - KEY_LIFETIME)
    found = repo.idempotency_key(session, actor.user_id, key)
    if found is not None:
        return _replay(found, request_fingerprint)
    claim = IdempotencyKey(user_id=actor.user_id, key=key, fingerprint=request_fingerprint)
    try:
        with session.begin_nested():
            session.add(claim)
    except IntegrityError:  # a concurrent request with the same key committed first
        found = repo.idempotency_key(session, actor.user_id, key)
        if found is None:
            raise Conflict(N_("A request with this Idempotency-Key is still being processed: retry in a moment."))
        return _replay(found, request_fingerprint)
    return claim.id


def finish(session: Session, claim_id: int, status_code: int, body: Any, headers: Mapping[str, str]) -> None:
    """Store the response of the claimed request (after the create committed)."""
    settle(session, claim_id, status_code, body, headers)
    session.commit()


def settle(session: Session, claim_id: int, status_code: int, body: Any, headers: Mapping[str, str] | None = None) -> None:
    """Store the response of the claimed request in the caller's transaction."""
    claim = session.get(IdempotencyKey, claim_id)
    if claim is None:  # the create rolled the claim back: nothing to replay
        return
    claim.status_code, claim.response, claim.headers = status_code, body, dict(headers or {})


# A page's form posted twice (a double click, a POST resubmitted from the history) carries the same
# one-time token, a hidden field. It is claimed like a key, but the whole post is one request
# whatever the second one says (a double click may hit the other button), and the create settles
# the claim before it commits: a repeat that waited for the create's transaction then finds the
# record, never "still being processed". A cookie could not serialise the two posts: both carry the
# session as it was before either answered.
FORM_FINGERPRINT = fingerprint("POST", "form", None)


def begin_form(session: Session, actor: Actor, token: str) -> StoredResponse | int:
    """``begin`` for a form's one-time ``token`` (any text: it is hashed into a key of its own)."""
    digest = hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
    return begin(session, actor, f"form:{digest}", FORM_FINGERPRINT)


def purge(session: Session, now: datetime | None = None) -> int:
    """Forget keys older than ``KEY_LIFETIME``; returns how many."""
    count = repo.purge_idempotency_keys(session, (now or datetime.now(timezone.utc)) - KEY_LIFETIME)
    session.commit()
    return count
