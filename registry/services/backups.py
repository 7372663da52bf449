"""Use case: the audit trail's entry for a copy of the whole database written to a file (``registry db
backup``). A backup holds every record, the password hashes and the sign-ins' and tokens' digests: the
trail shows that one was taken — to which file, how large, when (the entry's moment), and who (the
administrator named, else the command line, with the operating-system account that ran it). The
entry is written once ``pg_dump`` has succeeded and the file is in place, so it never claims a backup
that failed; the backup itself therefore holds the trail up to just before it (the restore's own
entry, services/restores.py, follows it in the restored trail)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from registry.domain.channels import CLI
from registry.domain.permissions import ADMIN, Actor, require_role
from registry.services import accounts, audit

BACKUP = "backup"  # the entry's action (audit_vocabulary.AUDIT_ACTIONS); its record is the restore's, "database"
DATABASE = "database"


def backup_actor(session: Session, as_user: str | None) -> Actor:
    """Who takes the backup: the active administrator ``as_user`` (NotFound for no such active user,
    PermissionDenied for another role: a copy of every account is an administrator's to take), else
    the command line. Asked before the dump, so a name refused leaves no file behind."""
    if as_user is None:
        return Actor.system(CLI)
    actor = accounts.actor_named(session, as_user)
    require_role(actor, ADMIN)
    return actor


def record_backup(session: Session, actor: Actor, file: str, size_bytes: int, os_user: str | None) -> None:
    """Record the backup written to ``file`` (``size_bytes`` long) as ``actor``'s and commit it."""
    summary = {"file": file, "size_bytes": size_bytes, "os_user": os_user}
    audit.record_summary(session, actor, BACKUP, DATABASE, "-", {k: v for k, v in summary.items() if v is not None})
    session.commit()
