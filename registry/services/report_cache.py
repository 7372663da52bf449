"""Reports kept until their data changes: the parts of a computed report (its lines, its totals)
in an in-process LRU, keyed by what was asked and by the versions of the tables they were read
from (their table versions, ``repositories.versions``, kept by database triggers, migration 0040).

A reading takes the versions once, before anything else, and gives each part from the cache or
computes it. What it computed is kept only if the versions read again afterwards are the same:
then no change committed while the parts were read (each statement of a READ COMMITTED
transaction sees what committed before it), so they are the data of those versions. A transaction
that writes draws versions of its own, which no other reader sees until they commit with that
data, so what it computes and keeps is right for them too; one whose writes outran its versions
(``versions`` None) reads past the cache.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from registry.repositories import versions

DEFAULT_ENTRIES = 256
T = TypeVar("T")


class ReportCache:
    """A thread-safe LRU bounded by its number of entries, one per use in each app (worker): report
    parts (``Reading``) and drawn maps (``web.drawn_once``)."""

    def __init__(self, capacity: int = DEFAULT_ENTRIES) -> None:
        self.capacity = capacity
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> tuple[bool, object]:
        """(whether ``key`` is kept, its value)."""
        with self._lock:
            if key not in self._items:
                return False, None
            self._items.move_to_end(key)
            return True, self._items[key]

    def put(self, key: Hashable, value: object) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def kept(self, key: Hashable, make: Callable[[], T]) -> T:
        """``key``'s value, ``make()``'s the first time (made outside the lock: another key's reader
        need not wait for it)."""
        found, value = self.get(key)
        if not found:
            value = make()
            self.put(key, value)
        return value  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self._items)


class Reading:
    """One report's parts read through ``cache`` at the versions of ``subjects``."""

    def __init__(self, session: Session, cache: ReportCache | None, subjects: Sequence[str]) -> None:
        self._session, self._cache, self._subjects = session, cache, tuple(subjects)
        usable = cache is not None and cache.capacity > 0
        self._versions = versions.of_tables(session, self._subjects) if usable else None
        self._computed: dict[Hashable, object] = {}

    def part(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The part ``key`` names: kept at these versions, else ``compute()``."""
        if self._versions is None:
            return compute()
        full_key = (self._subjects, self._versions, key)
        found, value = self._cache.get(full_key)
        if not found:
            value = self._computed[full_key] = compute()
        return value  # type: ignore[return-value]

    def keep(self) -> tuple | None:
        """Keep what was computed, if no change to the data committed meanwhile; the versions every
        part is the data of (a key for what is made of them), None when they may not all be."""
        computed, self._computed = self._computed, {}
        if self._versions is None or (computed and versions.of_tables(self._session, self._subjects) != self._versions):
            return None
        for key, value in computed.items():
            self._cache.put(key, value)
        return (self._subjects, self._versions)
