"""Use case: a vector tile of a map layer, with a cache key that changes when the data does.

The key is the layer's version (bumped by database triggers on every write to its tables) plus
the reader's scope: district staff see other districts' projects only once approved, so their
project tiles differ. Aggregated tiles (low zoom, many parcels each) are kept in a small
in-process cache under that key; detailed tiles are cheap enough to render each time.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from registry.domain.errors import N_, NotFound
from registry.domain.permissions import DISTRICT_STAFF, Actor
from registry.repositories import tiles as repo

LAYERS = ("parcels", "freed", "projects", "zones", "districts")
MAX_ZOOM = 22


@dataclass(frozen=True)
class TileKey:
    layer: str
    version: int
    scope: str | None

    @property
    def etag(self) -> str:
        return f'"{self.layer}.v{self.version}.{self.scope or "all"}"'


class TileCache:
    """A bounded, thread-safe LRU of rendered tiles; one per app."""

    def __init__(self, capacity: int = 2048) -> None:
        self.capacity = capacity
        self._items: OrderedDict[tuple, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple, value: bytes) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)


def _scope(actor: Actor, layer: str) -> str | None:
    return actor.district_code if layer == "projects" and actor.role == DISTRICT_STAFF else None


def _check(layer: str, z: int, x: int, y: int) -> None:
    if layer not in LAYERS:
        raise NotFound(N_("No map layer named %(layer)s."), layer=layer[:40])
    if not 0 <= z <= MAX_ZOOM or not 0 <= x < 2 ** z or not 0 <= y < 2 ** z:
        raise NotFound(N_("No tile %(z)s/%(x)s/%(y)s."), z=z, x=x, y=y)


def tile_key(session: Session, actor: Actor, layer: str, z: int, x: int, y: int) -> TileKey:
    """What identifies the tile's content now (cheap: one primary-key lookup)."""
    _check(layer, z, x, y)
    return TileKey(layer, repo.layer_version(session, layer), _scope(actor, layer))


def render_tile(session: Session, actor: Actor, key: TileKey, z: int, x: int, y: int,
                cache: TileCache | None = None) -> bytes:
    """The Mapbox Vector Tile (protobuf bytes; empty when nothing is there)."""
    _check(key.layer, z, x, y)
    aggregated = repo.aggregation(key.layer, z) is not None
    cache_key = (key.layer, key.version, key.scope, z, x, y)
    if aggregated and cache is not None:
        hit = cache.get(cache_key)
        if hit is not None:
            return hit
    content = repo.render(session, key.layer, z, x, y, key.scope)
    if aggregated and cache is not None:
        cache.put(cache_key, content)
    return content


def layer_names(layer: str, z: int) -> str:
    return repo.layer_name(layer, z)
