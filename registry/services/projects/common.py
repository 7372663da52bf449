"""Helpers shared by the project use cases: the transaction of a use case, optimistic locking."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from registry.domain.display import field_label
from registry.domain.errors import N_, Conflict, Listed, Message, Moment
from registry.models import Project
from registry.repositories import projects as repo

SAVED_AT_THE_SAME_MOMENT = N_("Someone else saved this project at the same moment: reload it and apply your change again.")


@contextmanager
def project_transaction(session: Session, keep: bool = True) -> Iterator[None]:
    """The use case's transaction: committed when the block ends, rolled back on any error. A save
    that lost the race for the project's row (its version changed between reading and writing,
    whether at a flush inside the block or at the commit) becomes a Conflict, not an internal error.
    ``keep=False`` (a dry run): rolled back when the block ends too, nothing written."""
    try:
        yield
        session.commit() if keep else session.rollback()
    except StaleDataError:
        session.rollback()
        raise Conflict(SAVED_AT_THE_SAME_MOMENT) from None
    except BaseException:
        session.rollback()
        raise


# Who changed the project and which fields, as far as the audit log knows (an import or the
# command line acts as no user; a save without a field change lists no field).
_CHANGED = {
    (True, True): N_("This project was changed by %(user)s at %(at)s since you opened it (fields: %(fields)s). "
                     "Your changes were not saved: reload to see theirs, then apply yours again."),
    (True, False): N_("This project was changed by %(user)s at %(at)s since you opened it. "
                      "Your changes were not saved: reload to see theirs, then apply yours again."),
    (False, True): N_("This project was changed at %(at)s since you opened it (fields: %(fields)s). "
                      "Your changes were not saved: reload to see theirs, then apply yours again."),
    (False, False): N_("This project was changed at %(at)s since you opened it. "
                       "Your changes were not saved: reload to see theirs, then apply yours again."),
}
_CHANGED_UNKNOWN = N_("This project was changed since you opened it. "
                      "Your changes were not saved: reload to see theirs, then apply yours again.")


def require_version(session: Session, project: Project, expected_version: int | None) -> None:
    """Conflict, saying who changed what and when, if ``project`` is no longer at ``expected_version``."""
    if expected_version is None or project.version == expected_version:
        return
    last = repo.history(session, "project", project.id)[-1:]
    if not last:
        raise Conflict(_CHANGED_UNKNOWN)
    entry = last[0]
    fields = Listed(tuple(_field_name(name) for name in entry.changes or {}))
    raise Conflict(_CHANGED[bool(entry.username), bool(fields.items)], user=entry.username or "",
                   at=Moment(entry.at), fields=fields)


def _field_name(name: str) -> Message | str:
    """A changed field as the project's history names it (the page the message asks to reload)."""
    label = field_label(name)
    return Message(label[0], label[1]) if label else name
