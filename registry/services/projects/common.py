"""Helpers shared by the project use cases: optimistic locking and the commit that reports it."""
from __future__ import annotations

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from registry.domain.errors import N_, Conflict
from registry.models import Project
from registry.repositories import projects as repo


def commit_or_conflict(session: Session) -> None:
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        raise Conflict(N_("Someone else saved this project at the same moment: reload it and apply your change again."))


def require_version(session: Session, project: Project, expected_version: int | None) -> None:
    if expected_version is not None and project.version != expected_version:
        last = repo.history(session, "project", project.id)[-1:]
        who = last[0].username if last else "?"
        changed = ", ".join(sorted(last[0].changes)) if last else ""
        raise Conflict(N_("This project was changed by %(user)s since you opened it (fields: %(fields)s). "
                          "Your changes were not saved: reload to see theirs, then apply yours again."),
                       user=who or "?", fields=changed or "-")
