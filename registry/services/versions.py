"""Optimistic locking of a record that carries a ``version`` (a project, an enterprise): the use
case's transaction, and the check that the record is still at the version its reader saw, refused
with who changed which fields and when — worded for each kind of record (``Wording``)."""
from __future__ import annotations

from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from registry.domain.display import field_label
from registry.domain.errors import Conflict, Listed, Message, Moment
from registry.repositories import audit as audit_repo


@dataclass(frozen=True)
class Wording:
    """The refusals of a kind of record (msgids): each names it, as the reader's page does."""

    entity: str  # as the audit trail names it
    saved_at_the_same_moment: str
    # (the audit log knows who, it knows which fields) → the message; an import or the command line
    # acts as no user, a save without a field change lists no field.
    changed: Mapping[tuple[bool, bool], str]
    changed_unknown: str  # no entry in the audit log at all


@contextmanager
def versioned_transaction(session: Session, wording: Wording, keep: bool = True) -> Iterator[None]:
    """The use case's transaction: committed when the block ends, rolled back on any error. A save
    that lost the race for the record's row (its version changed between reading and writing,
    whether at a flush inside the block or at the commit) becomes a Conflict, not an internal error.
    ``keep=False`` (a dry run): rolled back when the block ends too, nothing written."""
    try:
        yield
        session.commit() if keep else session.rollback()
    except StaleDataError:
        session.rollback()
        raise Conflict(wording.saved_at_the_same_moment) from None
    except BaseException:
        session.rollback()
        raise


def require_version(session: Session, wording: Wording, record: Any, expected_version: int | None) -> None:
    """Conflict, saying who (by their display name) changed what and when, if ``record`` is no longer
    at ``expected_version`` (``None``: the caller read no version, any will do)."""
    if expected_version is None or record.version == expected_version:
        return
    last = audit_repo.history(session, wording.entity, record.id)[-1:]
    if not last:
        raise Conflict(wording.changed_unknown)
    entry = last[0]
    fields = Listed(tuple(_field_name(name) for name in entry.changes or {}))
    # the person by the name the pages give them (the top bar's, the history's), not the sign-in name
    # the district and a reviewer's own second tab do not know them by
    who = entry.display_name or entry.username or ""
    raise Conflict(wording.changed[bool(entry.username), bool(fields.items)], user=who,
                   at=Moment(entry.at), fields=fields)


def _field_name(name: str) -> Message | str:
    """A changed field as the record's history names it (the page the message asks to reload)."""
    label = field_label(name)
    return Message(label[0], label[1]) if label else name
