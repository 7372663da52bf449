"""Reading the audit trail across the registry: who may read which part, what a reader may ask of it
(filters, as a page, the export and the CLI give them), and the moments a range of Shanghai days covers.

Who reads it (README, "Who reads the audit trail"): administrators read all of it; city reviewers
read the trail of the records whose history they already read on those records' pages — projects,
parcels and enterprises — and not that of accounts, API tokens, targets or imports, which they cannot
see elsewhere either. District staff and planners do not read the trail.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Mapping

from registry.domain.channels import CHANNELS
from registry.domain.days import day_refusal
from registry.domain.errors import N_, NOT_A_WHOLE_NUMBER, Day, Listed, PermissionDenied, UNKNOWN_VALUE
from registry.domain.fields import Errors
from registry.domain.permissions import ADMIN, CITY_REVIEWER, Actor
from registry.domain.rollups import SHANGHAI
from registry.domain.audit_vocabulary import AUDIT_ACTIONS, AUDIT_ENTITIES

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# An export holds at most this many entries, the newest that match (docs/operations.md, "The audit
# trail"): about 10 MB of CSV, an XLSX a worker builds in seconds. Narrower filters reach older ones.
EXPORT_CAP = 50_000
# What a city reviewer reads: the records whose history their pages show them.
REVIEWER_ENTITIES = ("project", "parcel", "enterprise")


@dataclass(frozen=True)
class TrailFilter:
    """What a reader asks of the trail; ``None`` is "any". Days are Shanghai calendar days, both
    included."""

    username: str | None = None
    entity: str | None = None
    entity_id: str | None = None
    action: str | None = None
    channel: str | None = None  # registry.domain.channels
    since: date | None = None
    until: date | None = None
    page: int = 1
    page_size: int = PAGE_SIZE

    def moments(self) -> tuple[datetime | None, datetime | None]:
        """The half-open range [start, end) of moments the days cover: ``since`` from 00:00 Shanghai
        time, ``until`` to the next day's 00:00."""
        start = datetime.combine(self.since, time(0), SHANGHAI) if self.since else None
        end = datetime.combine(self.until + timedelta(days=1), time(0), SHANGHAI) if self.until else None
        return start, end


def readable_entities(actor: Actor) -> tuple[str, ...] | None:
    """The kinds of record ``actor`` may read the trail of (``None``: every kind); others are refused."""
    if actor.role == ADMIN:
        return None
    if actor.role == CITY_REVIEWER:
        return REVIEWER_ENTITIES
    raise PermissionDenied(N_("Your role may not do this."))


def require_readable(actor: Actor, filters: TrailFilter) -> tuple[str, ...] | None:
    """``readable_entities``, and a refusal when the filter asks for a kind the actor may not read."""
    kinds = readable_entities(actor)
    if kinds is not None and filters.entity is not None and filters.entity not in kinds:
        raise PermissionDenied(N_("Your role may not do this."))
    return kinds


def _day(errors: Errors, name: str, raw: Any) -> date | None:
    if raw is None or not str(raw).strip():
        return None
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError:
        refusal = day_refusal(raw, N_("must be a date such as 2017-06-30"))
        errors.add(name, refusal.msgid, **refusal.params)
        return None


def _code(errors: Errors, name: str, raw: Any, allowed: Mapping[str, str]) -> str | None:
    text = str(raw).strip() if raw is not None else ""
    if not text:
        return None
    if text not in allowed:
        errors.add(name, UNKNOWN_VALUE, value=text[:40],
                   allowed=Listed(tuple(allowed)))
        return None
    return text


def parse_trail_filter(params: Mapping[str, Any], page_size: int = PAGE_SIZE) -> TrailFilter:
    """Read ``user``, ``entity``, ``entity_id``, ``action``, ``channel``, ``since``, ``until`` and
    ``page`` from request parameters or CLI options; ``ValidationError`` names each bad one."""
    errors = Errors()
    entity = _code(errors, "entity", params.get("entity"), AUDIT_ENTITIES)
    action = _code(errors, "action", params.get("action"), AUDIT_ACTIONS)
    channel = _code(errors, "channel", params.get("channel"), CHANNELS)
    since, until = _day(errors, "since", params.get("since")), _day(errors, "until", params.get("until"))
    if since and until and since > until:
        errors.add("until", N_("must not be before the first day (%(day)s)"), day=Day(since))
    entity_id = str(params.get("entity_id") or "").strip() or None
    if entity_id and not entity and not errors:
        # an id names a record only within its kind (project 7, parcel 7); the index is by kind, then id
        errors.add("entity_id", N_("needs the kind of record too"))
    page = 1
    raw_page = str(params.get("page") or "").strip()
    if raw_page:
        try:
            page = int(raw_page)
            if page < 1:
                raise ValueError
        except ValueError:
            errors.add("page", NOT_A_WHOLE_NUMBER, value=raw_page[:40])
    errors.raise_if_any()
    username = str(params.get("user") or "").strip() or None
    return TrailFilter(username=username, entity=entity, entity_id=entity_id, action=action, channel=channel, since=since,
                       until=until, page=page, page_size=max(1, min(page_size, MAX_PAGE_SIZE)))
