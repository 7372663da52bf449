"""ETag and If-Match: optimistic locking of the records the API edits (projects, enterprises).
A record's ETag is its key and version; an edit sends it back in If-Match (428 without it where
required, 412 when the record changed since)."""
from __future__ import annotations

from typing import Callable, TypeVar

from flask import request
from werkzeug.exceptions import PreconditionFailed, PreconditionRequired

from registry.domain.errors import N_, Conflict
from registry.domain.numbers import whole_number
from registry.user_messages import message_text
from registry.i18n import translate

T = TypeVar("T")

# What a missing and a mismatched If-Match are told, by the record they are about.
_IF_MATCH_MESSAGES = {
    "project": (N_("Send If-Match with the ETag of the project as you read it."),
                N_("If-Match does not match this project's ETag.")),
    "enterprise": (N_("Send If-Match with the ETag of the enterprise as you read it."),
                   N_("If-Match does not match this enterprise's ETag.")),
}


def etag(resource_id: int | str, version: int) -> str:
    """A record's ETag: its key (a project's id, an enterprise's credit code) and its version."""
    return f'"{resource_id}-{version}"'


def expected_version(resource_id: int | str, required: bool, entity: str = "project") -> int | None:
    """The version the client last read, from ``If-Match``; 428 when required and absent."""
    missing, mismatch = _IF_MATCH_MESSAGES[entity]
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        if required:
            raise PreconditionRequired(translate(missing))
        return None
    if header.strip() == "*":
        return None
    tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
    rid, _, version = tag.partition("-")
    number = whole_number(version)
    if rid != str(resource_id) or number is None:
        raise PreconditionFailed(translate(mismatch))
    return number


def precondition(current_version: Callable[[], int], expected: int | None, call: Callable[[], T]) -> T:
    """Run ``call``; a Conflict because the record changed since ``expected`` becomes 412."""
    try:
        return call()
    except Conflict as conflict:
        if expected is not None and current_version() != expected:
            raise PreconditionFailed(message_text(conflict)) from conflict
        raise
