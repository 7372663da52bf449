"""Retry-safe creates: an API create sent with an ``Idempotency-Key`` header answers a retry with
its first answer (``registry.services.idempotency`` keeps it, 24 h)."""
from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request

from registry.auth import current_actor
from registry.db import get_session
from registry.services import idempotency

IDEMPOTENCY_KEY = {"in": "header", "name": "Idempotency-Key", "schema": {"type": "string", "maxLength": 255},
                   "description": "Retry-safe create: the same key and body return the first response (24 h)"}


def idempotency_claim(body: Any) -> int | Response | None:
    """For a create sent with ``Idempotency-Key``: the first answer again (a Response) if this
    request was answered before, else the claim's id, to settle with ``settle_claim`` once created;
    ``None`` without the header. ``body``: what identifies the request besides its method and path."""
    key = request.headers.get(idempotency.HEADER)
    if key is None:
        return None
    begun = idempotency.begin(get_session(), current_actor(), key, idempotency.fingerprint("POST", request.path, body))
    if isinstance(begun, idempotency.StoredResponse):
        replay = jsonify(begun.body)  # already serialised: bypass the schema
        replay.status_code = begun.status_code
        replay.headers.update({**begun.headers, "Idempotent-Replayed": "true"})
        return replay
    return begun


def settle_claim(claim: int | None, status: int, body: Any, headers: dict[str, str]) -> None:
    """Keep the create's answer for retries with its key (nothing without one)."""
    if claim is not None:
        idempotency.finish(get_session(), claim, status, body, headers)
