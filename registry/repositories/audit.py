"""SQL for the append-only audit log: one entry per record of a bulk load, and reading — the history
of any record, and the trail across the registry (filtered, newest first; migration 0022 gives each
filter an index ordered by moment)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Sequence

from sqlalchemy import ARRAY, BigInteger, ColumnElement, Integer, Select, false, func, literal, select, type_coerce
from sqlalchemy.dialects.postgresql import JSONB, distinct_on
from sqlalchemy.orm import Session

from registry.domain.channels import UNKNOWN
from registry.domain.permissions import Actor
from registry.models import ApiToken, AuditEntry, Enterprise, Parcel, Project, User


def add_entries(session: Session, actor: Actor, action: str, entity: str, entity_ids: Sequence[int],
                changes: dict) -> None:
    """The same entry by ``actor`` (user and channel) for each of ``entity_ids``, in one statement (a
    workbook of 100,000 projects)."""
    if not entity_ids:
        return
    each = func.unnest(type_coerce(list(entity_ids), ARRAY(BigInteger))).column_valued("entity_id")
    session.execute(AuditEntry.__table__.insert().from_select(
        ["user_id", "channel", "api_token_id", "action", "entity", "entity_id", "changes"],
        select(literal(actor.user_id, BigInteger), literal(actor.channel), literal(actor.api_token_id, Integer),
               literal(action), literal(entity), func.cast(each, AuditEntry.entity_id.type), literal(changes, JSONB))))


@dataclass(frozen=True)
class HistoryRow:
    at: Any
    username: str | None
    action: str
    changes: dict
    note: str | None
    display_name: str | None = None  # the name pages give the person (the top bar's), beside the user name
    channel: str = UNKNOWN  # registry.domain.channels: as the trail's entries, a badge beside the person
    api_token_id: int | None = None
    api_token_name: str | None = None


def history(session: Session, entity: str, entity_id: Any) -> list[HistoryRow]:
    rows = session.execute(
        select(AuditEntry.at, User.username, AuditEntry.action, AuditEntry.changes, AuditEntry.note, User.display_name,
               AuditEntry.channel, AuditEntry.api_token_id, ApiToken.name)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .outerjoin(ApiToken, ApiToken.id == AuditEntry.api_token_id)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [HistoryRow(*r) for r in rows]


def latest_entries(session: Session, entity: str, entity_ids: Iterable[Any]) -> dict[str, HistoryRow]:
    """The newest entry of each of the records ``entity_ids`` that has one, by id as logged (text): one
    statement for a whole table of records, read by ``ix_audit_log_entity`` (entity, entity_id, at, id)."""
    wanted = sorted({str(i) for i in entity_ids})
    if not wanted:
        return {}
    rows = session.execute(
        select(AuditEntry.entity_id, AuditEntry.at, User.username, AuditEntry.action, AuditEntry.changes,
               AuditEntry.note, User.display_name, AuditEntry.channel, AuditEntry.api_token_id, ApiToken.name)
        .ext(distinct_on(AuditEntry.entity_id))
        .outerjoin(User, User.id == AuditEntry.user_id)
        .outerjoin(ApiToken, ApiToken.id == AuditEntry.api_token_id)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id.in_(wanted))
        .order_by(AuditEntry.entity_id, AuditEntry.at.desc(), AuditEntry.id.desc()))
    return {row[0]: HistoryRow(*row[1:]) for row in rows}


def _names(session: Session, key, name, ids: Iterable[int]) -> dict[int, str]:
    """``{id: name}`` of the rows among ``ids`` that exist (one query; none for no ids)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return dict(session.execute(select(key, name).where(key.in_(wanted))).all())


def enterprise_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    return _names(session, Enterprise.id, Enterprise.name, ids)


def parcel_codes(session: Session, ids: Iterable[int]) -> dict[int, str]:
    return _names(session, Parcel.id, Parcel.code, ids)


def project_references(session: Session, ids: Iterable[int]) -> dict[int, str]:
    return _names(session, Project.id, Project.reference, ids)


def usernames(session: Session, ids: Iterable[int]) -> dict[int, str]:
    return _names(session, User.id, User.username, ids)


def token_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """The names API tokens were given (never a secret: only its digest is kept)."""
    return _names(session, ApiToken.id, ApiToken.name, ids)


@dataclass(frozen=True)
class TrailRow:
    id: int
    at: datetime
    username: str | None  # None: the system (a migration, a demo load)
    display_name: str | None
    action: str
    entity: str
    entity_id: str
    changes: dict
    note: str | None
    channel: str  # registry.domain.channels
    api_token_id: int | None  # with the API channel: which token (named by ``token_names``)


def user_ids_named(session: Session, name: str) -> list[int]:
    """The account whose user name is ``name``, else every account whose full name it is."""
    ids = session.scalars(select(User.id).where(User.username == name)).all()
    return list(ids or session.scalars(select(User.id).where(User.display_name == name).order_by(User.id)))


def account_names(session: Session) -> list[tuple[str, str]]:
    return [tuple(row) for row in session.execute(select(User.username, User.display_name).order_by(User.username))]


def trail_conditions(user_ids: Sequence[int] | None, entities: Sequence[str] | None, entity: str | None,
                     entity_id: str | None, action: str | None, start: datetime | None,
                     end: datetime | None, channel: str | None = None) -> list[ColumnElement[bool]]:
    """The WHERE of a trail query: ``user_ids`` the accounts of the user filter (``None``: anyone),
    ``entities`` the kinds the reader may read (``None``: all); moments in [start, end)."""
    conditions: list[ColumnElement[bool]] = []
    if user_ids is not None:
        # one account, the usual case, is one value: the log is read by ix_audit_log_user in its order
        conditions.append(false() if not user_ids else AuditEntry.user_id == user_ids[0] if len(user_ids) == 1
                          else AuditEntry.user_id.in_(user_ids))
    if entities is not None:
        conditions.append(AuditEntry.entity.in_(entities))
    if entity is not None:
        conditions.append(AuditEntry.entity == entity)
    if entity_id is not None:
        conditions.append(AuditEntry.entity_id == entity_id)
    if action is not None:
        conditions.append(AuditEntry.action == action)
    if channel is not None:
        conditions.append(AuditEntry.channel == channel)
    if start is not None:
        conditions.append(AuditEntry.at >= start)
    if end is not None:
        conditions.append(AuditEntry.at < end)
    return conditions


def trail_count(session: Session, conditions: list[ColumnElement[bool]]) -> int:
    return session.execute(select(func.count()).select_from(AuditEntry).where(*conditions)).scalar_one()


def trail_select(conditions: list[ColumnElement[bool]], limit: int, offset: int = 0) -> Select:
    """Entries newest first (by moment, then by id: one transaction's entries share its moment)."""
    return (
        select(AuditEntry.id, AuditEntry.at, User.username, User.display_name, AuditEntry.action,
               AuditEntry.entity, AuditEntry.entity_id, AuditEntry.changes, AuditEntry.note, AuditEntry.channel,
               AuditEntry.api_token_id)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(*conditions)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit).offset(offset)
    )


def trail_page(session: Session, conditions: list[ColumnElement[bool]], limit: int, offset: int = 0) -> list[TrailRow]:
    return [TrailRow(*r) for r in session.execute(trail_select(conditions, limit, offset))]

