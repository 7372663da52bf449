"""The registry's clock: its business day is the calendar day in Shanghai, whatever the server's zone.

Every Python path that needs "today" or "now" asks here, never ``date.today()`` or a naive
``datetime.now()``: at 06:10 on 1 January in Shanghai the server's UTC day is still 31 December, and
a completion stamped with it would count in the previous year. The database side is kept in step
by the sessions the registry opens (``registry.db.engine_options``: ``TimeZone = Asia/Shanghai``),
so ``CURRENT_DATE`` in defaults gives the same day. Stored timestamps stay ``timestamptz``.

Tests freeze the clock with ``frozen_at(moment)``.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Callable, Iterator

from registry.domain.rollups import SHANGHAI

ZONE = SHANGHAI  # UTC+8, no daylight saving since 1991
ZONE_NAME = "Asia/Shanghai"  # for PostgreSQL's TimeZone and Flask-Babel


def _system_now() -> datetime:
    return datetime.now(timezone.utc)


_source: Callable[[], datetime] = _system_now


def now() -> datetime:
    """The current moment, time-zone aware, in Shanghai time."""
    return _source().astimezone(ZONE)


def today() -> date:
    """The registry's business day: today's date in Shanghai."""
    return now().date()


def local(moment: datetime) -> datetime:
    """``moment`` (aware; naive is taken as UTC, as PostgreSQL stores it) in Shanghai time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(ZONE)


@contextmanager
def frozen_at(moment: datetime) -> Iterator[None]:
    """Tests: the clock reads ``moment`` (aware) until the block ends."""
    if moment.tzinfo is None:
        raise ValueError("frozen_at needs an aware datetime")
    global _source
    previous, _source = _source, (lambda: moment)
    try:
        yield
    finally:
        _source = previous
