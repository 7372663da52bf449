"""What the ids in a record's history refer to: enterprises by name, parcels by code, districts by name."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy.orm import Session

from registry.repositories import audit as repo
from registry.repositories.places import district_names
from registry.repositories.audit import HistoryRow


@dataclass(frozen=True)
class References:
    """Names of the records a history mentions by id or code (ids unknown here are left out)."""

    enterprises: dict[int, str] = field(default_factory=dict)
    parcels: dict[int, str] = field(default_factory=dict)
    districts: dict[str, tuple[str, str]] = field(default_factory=dict)  # code → (name_zh, name_en)


def _values(entries: Iterable[HistoryRow], name: str) -> list[Any]:
    found = []
    for entry in entries:
        logged = (entry.changes or {}).get(name, ())
        # a change is a [before, after] pair; a summary's (an export's filters) a value or a list
        for value in logged if isinstance(logged, list) else [logged]:
            found.extend(value if isinstance(value, list) else [value])
    return [v for v in found if v is not None]


def references(session: Session, entries: list[HistoryRow], district_codes: Iterable[str | None] = ()) -> References:
    """The names behind ``enterprise_id``, ``parcel_ids`` and ``district_code`` in ``entries`` (and of
    ``district_codes``, the record's own)."""
    ints = (lambda values: [v for v in values if isinstance(v, int) and not isinstance(v, bool)])
    return References(
        enterprises=repo.enterprise_names(session, ints(_values(entries, "enterprise_id"))),
        parcels=repo.parcel_codes(session, ints(_values(entries, "parcel_ids"))),
        districts=district_names(session, [str(v) for v in _values(entries, "district_code")]
                                      + [c for c in district_codes if c]),
    )
