"""The append-only audit trail: who changed what, field by field, when and why."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Mapping

from sqlalchemy.orm import Session

from registry.domain.permissions import Actor
from registry.models import AuditEntry


def jsonable(value: Any) -> Any:
    """``value`` as the log's JSON keeps it: a Decimal as its digits, a day or moment in ISO 8601,
    a tuple as a list (each item so too)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [jsonable(item) for item in value]
    return value


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs (JSON-safe)."""
    fields = sorted(set(before) | set(after))
    return {
        f: [jsonable(before.get(f)), jsonable(after.get(f))]
        for f in fields if jsonable(before.get(f)) != jsonable(after.get(f))
    }


def record(session: Session, actor: Actor, action: str, entity: str, entity_id: Any,
           before: Mapping[str, Any] | None = None, after: Mapping[str, Any] | None = None,
           note: str | None = None, at: datetime | None = None) -> AuditEntry:
    """Add an audit entry to the session's transaction (the calling service commits); dated ``at``
    when given (the demo's history in its own years), else by the database's ``now()``."""
    entry = record_summary(session, actor, action, entity, entity_id, field_changes(before or {}, after or {}), note)
    if at is not None:
        entry.at = at
    return entry


def record_summary(session: Session, actor: Actor, action: str, entity: str, entity_id: Any,
                   summary: Mapping[str, Any], note: str | None = None) -> AuditEntry:
    """Add an entry whose ``changes`` hold what a bulk action did as it is (an import's, a load's, an
    export's summary: ``{"file": …, "inserted": 12}``), not [before, after] pairs; uncommitted."""
    entry = AuditEntry(user_id=actor.user_id, channel=actor.channel, api_token_id=actor.api_token_id, action=action,
                       entity=entity, entity_id=str(entity_id), changes={k: jsonable(v) for k, v in summary.items()},
                       note=note)
    session.add(entry)
    return entry
