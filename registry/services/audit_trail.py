"""Reading the audit trail across the registry: a page of it, an export, a user's recent actions —
one service for the page, the user page, the export and ``registry audit list``. Who may read which
part is the domain's rule (``registry.domain.audit_trail``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy.orm import Session

from registry.domain.audit_trail import EXPORT_CAP, TrailFilter, readable_entities, require_readable
from registry.domain.errors import N_, PermissionDenied
from registry.domain.paging import Paged
from registry.domain.permissions import ADMIN, Actor, require_role
from registry.repositories import audit as repo
from registry.services import export_log
from registry.services.history import References, references

# The kinds of record whose pages are found by their numeric id, and what names them in the trail.
_NAMED_BY = {"project": repo.project_references, "parcel": repo.parcel_codes,
             "enterprise": repo.enterprise_names, "user": repo.usernames}


@dataclass(frozen=True)
class TrailEntry(repo.TrailRow):
    """One entry as the trail shows it; ``record_name`` names the record while it exists (a project's
    reference, a parcel's code, an enterprise's name, a user name), else ``None`` (a deleted draft);
    ``api_token_name`` the API token an entry came with."""

    record_name: str | None = None
    api_token_name: str | None = None


@dataclass(frozen=True)
class TrailPage(Paged):
    entries: list[TrailEntry]
    total: int
    page: int
    page_size: int
    refs: References = field(default_factory=References)  # the names behind ids in the changes
    no_such_user: bool = False  # the user filter names no account, by user name or full name



def _numeric_ids(rows: list[repo.TrailRow], entity: str) -> list[int]:
    return [int(r.entity_id) for r in rows if r.entity == entity and r.entity_id.isdigit()]


def _entries(session: Session, rows: list[repo.TrailRow]) -> list[TrailEntry]:
    names = {entity: lookup(session, _numeric_ids(rows, entity)) for entity, lookup in _NAMED_BY.items()}
    # looked up apart, as the records' names: the trail's statement and its plans stay as they were
    tokens = repo.token_names(session, [r.api_token_id for r in rows if r.api_token_id is not None])
    return [TrailEntry(**(vars(r) | {"changes": r.changes or {}}),
                       record_name=names.get(r.entity, {}).get(int(r.entity_id)) if r.entity_id.isdigit() else None,
                       api_token_name=tokens.get(r.api_token_id) if r.api_token_id is not None else None)
            for r in rows]


def _conditions(actor: Actor, filters: TrailFilter, user_ids: list[int] | None) -> list:
    """The WHERE of ``filters`` for ``actor``; ``user_ids``: the accounts its user filter names."""
    kinds = require_readable(actor, filters)
    start, end = filters.moments()
    return repo.trail_conditions(user_ids, kinds, filters.entity, filters.entity_id, filters.action, start, end,
                                 filters.channel)


def _user_ids(session: Session, filters: TrailFilter) -> list[int] | None:
    """The accounts the user filter names: its user name, else the full name the trail's 用户 column
    shows (what a reader types off the page; two people may share one). ``None``: no user filter."""
    return None if filters.username is None else repo.user_ids_named(session, filters.username)


def read_trail(session: Session, actor: Actor, filters: TrailFilter) -> TrailPage:
    """One page of the entries ``actor`` may read that match ``filters``, newest first."""
    return _read(session, actor, filters, _user_ids(session, filters))


def _read(session: Session, actor: Actor, filters: TrailFilter, user_ids: list[int] | None) -> TrailPage:
    conditions = _conditions(actor, filters, user_ids)
    total = repo.trail_count(session, conditions)
    offset = (filters.page - 1) * filters.page_size
    # a page beyond the last is not read: the web page redirects to the last one (web/paging.py)
    rows = [] if offset >= total else repo.trail_page(session, conditions, filters.page_size, offset)
    return TrailPage(_entries(session, rows), total, filters.page, filters.page_size, references(session, rows),
                     no_such_user=user_ids == [])


def trail_users(session: Session, actor: Actor) -> list[tuple[str, str]]:
    """(user name, full name) of every account, for the user filter's suggestions (administrators,
    who manage the accounts; a reviewer's trail names only those who touched projects and land)."""
    require_role(actor, ADMIN)
    return repo.account_names(session)


@dataclass(frozen=True)
class TrailExport:
    entries: list[TrailEntry]
    total: int  # how many matched; more than ``len(entries)`` when the cap cut the export
    refs: References
    no_such_user: bool = False  # the user filter names no account, by user name or full name

    @property
    def capped(self) -> bool:
        return self.total > len(self.entries)


def export_trail(session: Session, actor: Actor, filters: TrailFilter, cap: int = EXPORT_CAP) -> TrailExport:
    """Every entry matching ``filters`` that ``actor`` may read, newest first, at most ``cap`` of them
    (the filter's page is ignored)."""
    user_ids = _user_ids(session, filters)
    conditions = _conditions(actor, filters, user_ids)
    total = repo.trail_count(session, conditions)
    rows = repo.trail_page(session, conditions, cap)
    return TrailExport(_entries(session, rows), total, references(session, rows), no_such_user=user_ids == [])


def download_trail(session: Session, actor: Actor, filters: TrailFilter, fmt: str,
                   cap: int = EXPORT_CAP) -> TrailExport:
    """``export_trail`` for a file in ``fmt``, the download itself recorded in the trail (committed
    before the file is written; ``services.export_log``): an auditor's export is an export too."""
    trail = export_trail(session, actor, filters, cap)
    export_log.record_export(session, actor, export_log.Export(export_log.AUDIT_TRAIL, fmt, export_log.trail_filters(filters),
                                                               rows=len(trail.entries)))
    return trail


def recent_actions(session: Session, actor: Actor, user_id: int, limit: int = 20) -> TrailPage:
    """The last ``limit`` entries made by the account ``user_id`` (the administrators' user page, which
    has read the account already)."""
    require_role(actor, ADMIN)
    return _read(session, actor, TrailFilter(page_size=limit), [user_id])


def last_recorded(session: Session, actor: Actor, entity: str, entity_ids: Iterable[Any]) -> dict[str, repo.HistoryRow]:
    """Who recorded each of the records ``entity_ids`` as it stands and when: its newest entry in the
    trail, by id as logged (one statement for the whole table; the targets' and the 等价值's pages). A
    record without one was written without an entry (a migration's seed, ``registry load``'s file,
    which logs one entry for the file). Read by whoever may read that kind's trail."""
    kinds = readable_entities(actor)
    if kinds is not None and entity not in kinds:
        raise PermissionDenied(N_("Your role may not do this."))
    return repo.latest_entries(session, entity, entity_ids)
