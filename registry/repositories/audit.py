"""SQL for reading the append-only audit log: the history of any record."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from registry.models import AuditEntry, Enterprise, Parcel, User


@dataclass(frozen=True)
class HistoryRow:
    at: Any
    username: str | None
    action: str
    changes: dict
    note: str | None


def history(session: Session, entity: str, entity_id: Any) -> list[HistoryRow]:
    rows = session.execute(
        select(AuditEntry.at, User.username, AuditEntry.action, AuditEntry.changes, AuditEntry.note)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [HistoryRow(*r) for r in rows]


def enterprise_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return dict(session.execute(select(Enterprise.id, Enterprise.name).where(Enterprise.id.in_(wanted))).all())


def parcel_codes(session: Session, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return dict(session.execute(select(Parcel.id, Parcel.code).where(Parcel.id.in_(wanted))).all())


