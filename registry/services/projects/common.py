"""Helpers shared by the project use cases: the transaction of a use case, optimistic locking
(``services.versions``, worded for a project)."""
from __future__ import annotations

from typing import ContextManager

from sqlalchemy.orm import Session

from registry.domain.errors import N_, Conflict
from registry.models import Project
from registry.services import versions

SAVED_AT_THE_SAME_MOMENT = N_("Someone else saved this project at the same moment: reload it and apply your change again.")

PROJECT = versions.Wording(
    entity="project",
    saved_at_the_same_moment=SAVED_AT_THE_SAME_MOMENT,
    changed={
        (True, True): N_("This project was changed by %(user)s at %(at)s since you opened it (fields: %(fields)s). "
                         "Your changes were not saved: reload to see theirs, then apply yours again."),
        (True, False): N_("This project was changed by %(user)s at %(at)s since you opened it. "
                          "Your changes were not saved: reload to see theirs, then apply yours again."),
        (False, True): N_("This project was changed at %(at)s since you opened it (fields: %(fields)s). "
                          "Your changes were not saved: reload to see theirs, then apply yours again."),
        (False, False): N_("This project was changed at %(at)s since you opened it. "
                           "Your changes were not saved: reload to see theirs, then apply yours again."),
    },
    changed_unknown=N_("This project was changed since you opened it. "
                       "Your changes were not saved: reload to see theirs, then apply yours again."),
)

# The same refusals of a step, answered by the project's page as it is now (a refused step,
# web/projects.py): "reload to see theirs" had stood above the very version it asked for.
SHOWN_NOW = {
    SAVED_AT_THE_SAME_MOMENT: N_("Someone else saved this project at the same moment. Your step was not taken: "
                                "the page below shows the project as it is now."),
    PROJECT.changed[True, True]: N_("This project was changed by %(user)s at %(at)s since you opened it (fields: "
                                    "%(fields)s). Your step was not taken: the page below shows the project as it is now."),
    PROJECT.changed[True, False]: N_("This project was changed by %(user)s at %(at)s since you opened it. Your step "
                                     "was not taken: the page below shows the project as it is now."),
    PROJECT.changed[False, True]: N_("This project was changed at %(at)s since you opened it (fields: %(fields)s). "
                                     "Your step was not taken: the page below shows the project as it is now."),
    PROJECT.changed[False, False]: N_("This project was changed at %(at)s since you opened it. Your step was not "
                                      "taken: the page below shows the project as it is now."),
    PROJECT.changed_unknown: N_("This project was changed since you opened it. Your step was not taken: the page "
                                "below shows the project as it is now."),
}


def shown_now(conflict: Conflict) -> Conflict | None:
    """``conflict``, a stale version's, worded for the page that shows the project as it is now;
    ``None`` for another conflict."""
    msgid = SHOWN_NOW.get(conflict.message.msgid)
    return None if msgid is None else Conflict(msgid, **conflict.message.params)


def project_transaction(session: Session, keep: bool = True) -> ContextManager[None]:
    """``versions.versioned_transaction`` of a project use case (``keep=False``: a dry run)."""
    return versions.versioned_transaction(session, PROJECT, keep)


def require_version(session: Session, project: Project, expected_version: int | None) -> None:
    """Conflict, saying who changed what and when, if ``project`` is no longer at ``expected_version``."""
    versions.require_version(session, PROJECT, project, expected_version)
