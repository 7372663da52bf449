"""Maps drawn once per state of what they show, not on every view.

A page's folium map takes ~0.1 s to draw and its outlines 20–30 ms to read (docs/performance.md),
although districts and zones change a few times a year. A page keeps what it drew under a key that
holds everything the drawing depends on — the layers' versions (migration 0010: every write bumps
them, from a sequence, so a version is never reused), the language, the basemap and assets, the
figures shown — so a changed boundary or figure makes a new key and is drawn at once, never
invalidated by hand. Keys of old versions are simply never asked for again and fall out of the
least-recently-used end (``services.report_cache.ReportCache``, the LRU the reports' parts are kept
in too); each cache is bounded because some keys (the rollup's figures, by year and filter) vary, and
each app makes its own (``app_caches.AppCache``, as the tiles' and the reports').
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from registry.app_caches import AppCache
from registry.services.report_cache import ReportCache

T = TypeVar("T")


def drawings(key: str, capacity: int) -> AppCache[ReportCache]:
    """A cache of ``capacity`` drawings in each app (each has its own database), at ``key``."""
    return AppCache(key, lambda _config: ReportCache(capacity))


def drawn_once(drawn: AppCache[ReportCache], key: Hashable, make: Callable[[], T]) -> T:
    """``make()``'s value for ``key``, made only the first time."""
    return drawn.get().kept(key, make)
