"""Use case: the audit trail's entry for a database whose contents a backup replaced (``registry db
restore``). The restore replaces the trail too, with the backup's: the entry, written into the restored
database once ``pg_restore`` is done, is what shows there that everything after it was read back from a
file — which file, when (the entry's moment), and who (the registry user named, else the command line,
with the operating-system account that ran it)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from registry.domain.errors import NotFound
from registry.domain.permissions import Actor
from registry.services import accounts, audit

RESTORE = "restore"  # the entry's action and record (audit_vocabulary.AUDIT_ACTIONS, AUDIT_ENTITIES)
DATABASE = "database"


def record_restore(session: Session, actor: Actor, file: str, size_bytes: int, os_user: str | None,
                   as_user: str | None = None) -> Actor:
    """Record the restore from ``file`` (``size_bytes`` long) as ``actor``'s, or as the restored
    database's active user ``as_user`` when it holds one, and commit it; the actor recorded. The name
    asked for is kept in the entry either way: the accounts are the backup's now, and a name of the
    database replaced may be none of them."""
    summary = {"file": file, "size_bytes": size_bytes, "os_user": os_user, "as_user": as_user}
    if as_user is not None:
        try:
            actor = accounts.actor_named(session, as_user)
        except NotFound:
            pass
    audit.record_summary(session, actor, RESTORE, DATABASE, "-", {k: v for k, v in summary.items() if v is not None})
    session.commit()
    return actor
