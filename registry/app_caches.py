"""What each app (one per worker process) keeps in memory between requests — rendered tiles, the
land-output report's parts, the maps drawn once, the OGC collections' extents — made one way: an
``AppCache`` declares its place in ``app.extensions`` and how it is made from the app's settings;
``get()`` gives the current app's, made at its first use.

Per app, not per module: each app has its own database and settings (the tests make several). What a
cache holds is keyed by what it was made from — the versions of its data (``repositories.versions``)
— so nothing is invalidated by hand; ``forget`` only empties a cache (a benchmark's first view, the
tests between tests).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from flask import Flask, current_app

C = TypeVar("C")
_MADE = "registry.app_caches"  # in app.extensions: the keys of the caches made there


class AppCache(Generic[C]):
    """One cache of each app, at ``app.extensions[key]``, made by ``make(app.config)``."""

    def __init__(self, key: str, make: Callable[[Mapping[str, Any]], C]) -> None:
        self.key, self._make = key, make

    def get(self) -> C:
        """The current app's cache."""
        return self.of(current_app)

    def of(self, app: Flask) -> C:
        """``app``'s cache, made the first time it is asked for (two requests racing to make it end up
        with one: the first kept by ``setdefault``)."""
        cache = app.extensions.get(self.key)
        if cache is None:
            app.extensions.setdefault(_MADE, set()).add(self.key)
            cache = app.extensions.setdefault(self.key, self._make(app.config))
        return cache

    def forget(self, app: Flask) -> None:
        """Drop ``app``'s cache: the next use makes it anew, empty."""
        app.extensions.pop(self.key, None)


def forget_all(app: Flask) -> None:
    """Drop every cache ``app`` made: each is made anew, empty, at its next use."""
    for key in app.extensions.pop(_MADE, set()):
        app.extensions.pop(key, None)
