"""Use case: a vector tile of a map layer, cached until a change touches it.

Every write to a layer's tables bumps the layer's version and logs the box of what changed
(database triggers, migrations 0005 and 0010). A rendered tile is kept in a byte-bounded
in-process cache with the version it was rendered at; at a later version it is served again if
no logged change touches its envelope (one indexed lookup), else rendered anew. The ETag names
the version the content was rendered at, so a reader's copy is revalidated the same way (304)
even by a worker that never rendered the tile, and the tiles' layout (``LAYOUTS``), so a copy from
before a release that changed what tiles carry is not. District staff see other districts' projects only
once approved, so their project tiles are cached apart (the scope). City-wide aggregates (per
district) change with any write in the district, so they are re-rendered at every version.
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy.orm import Session

from registry.domain.errors import N_, NotFound
from registry.domain.permissions import DISTRICT_STAFF, Actor
from registry.repositories import tiles as repo, versions

LAYERS = ("parcels", "freed", "projects", "zones", "districts")
MAX_ZOOM = 22
DEFAULT_CACHE_BYTES = 256 * 2 ** 20


@dataclass(frozen=True)
class Tile:
    """``content`` is None when the reader's copy (``etag``) is still current (HTTP 304)."""

    content: bytes | None
    etag: str


@dataclass(frozen=True)
class _Cached:
    content: bytes
    rendered: int  # the layer version the content was rendered at
    checked: int  # the latest version it is known to be right for


class TileCache:
    """A thread-safe LRU of rendered tiles bounded by their total size in bytes; one per app."""

    def __init__(self, capacity_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.capacity_bytes = capacity_bytes
        self.size_bytes = 0
        self._items: OrderedDict[tuple, _Cached] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple) -> _Cached | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple, value: _Cached) -> None:
        if len(value.content) > self.capacity_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self.size_bytes += len(value.content) - (len(old.content) if old else 0)
            self._items[key] = value
            while self.size_bytes > self.capacity_bytes:
                _key, evicted = self._items.popitem(last=False)
                self.size_bytes -= len(evicted.content)

    def __len__(self) -> int:
        return len(self._items)


def _scope(actor: Actor, layer: str) -> str | None:
    return actor.district_code if layer == "projects" and actor.role == DISTRICT_STAFF else None


def _check(layer: str, z: int, x: int, y: int) -> None:
    if layer not in LAYERS:
        raise NotFound(N_("No map layer named %(layer)s."), layer=layer[:40])
    if not 0 <= z <= MAX_ZOOM or not 0 <= x < 2 ** z or not 0 <= y < 2 ** z:
        raise NotFound(N_("No tile %(z)s/%(x)s/%(y)s."), z=z, x=x, y=y)


def layout_of(carried: Iterable[repo.SourceLayer]) -> str:
    """A short digest of what tiles carry — the layers inside them, their zooms and attributes, the
    extent, buffer and grid."""
    described = [(s.id, s.minzoom, s.maxzoom, sorted(s.fields.items())) for s in carried]
    return hashlib.sha256(repr((described, repo.EXTENT, repo.BUFFER, repo.GRID_CELLS)).encode()).hexdigest()[:8]


# Each layer's, named in its ETags: a release that changes what its tiles carry (a new attribute) makes
# readers' copies stale, which no write to the data does. Fixed for a release, so worked out once.
LAYOUTS = {layer: layout_of(repo.source_layers(layer, MAX_ZOOM)) for layer in LAYERS}


def _etag_prefix(layer: str, scope: str | None, epoch: int) -> str:
    """What an ETag names besides the version: the layer, scope, versions' table and layout."""
    return f"{layer}.{scope or 'all'}.{epoch}.{LAYOUTS[layer]}"


def _etag(layer: str, scope: str | None, epoch: int, version: int) -> str:
    return f'"{_etag_prefix(layer, scope, epoch)}.v{version}"'


def _etag_version(etag: str, layer: str, scope: str | None, epoch: int) -> int | None:
    """The version a reader's ETag names, if it names one of this layer, scope, versions' table and layout."""
    found = re.fullmatch(rf'"?{re.escape(_etag_prefix(layer, scope, epoch))}\.v([0-9]{{1,18}})"?', etag)
    return int(found.group(1)) if found else None


def _still_right(session: Session, layer: str, since: int, version: int, z: int, x: int, y: int) -> bool:
    """Whether a tile rendered (or last checked) at ``since`` is right at ``version``."""
    if since == version:
        return True
    if since > version or repo.aggregation(layer, z) == "district":
        return False
    return not repo.changed_since(session, layer, since, z, x, y)


def get_tile(session: Session, actor: Actor, layer: str, z: int, x: int, y: int,
             cache: TileCache | None = None, reader_has: Iterable[str] = ()) -> Tile:
    """The Mapbox Vector Tile of ``layer`` at z/x/y (protobuf bytes; empty when nothing is there),
    or no content when one of the reader's ETags (``reader_has``) is still current."""
    _check(layer, z, x, y)
    scope = _scope(actor, layer)
    epoch, version = versions.of_layer(session, repo.source(layer))
    key = (epoch, layer, scope, z, x, y)
    cached = cache.get(key) if cache is not None else None
    if cached is not None and _still_right(session, layer, cached.checked, version, z, x, y):
        if cached.checked != version:
            cached = _Cached(cached.content, cached.rendered, version)
            cache.put(key, cached)
        etag = _etag(layer, scope, epoch, cached.rendered)
        return Tile(None if etag.strip('"') in reader_has else cached.content, etag)
    # A copy another worker (or an evicted entry) gave the reader; one no newer than a stale cached
    # entry is stale too (the change that touched the entry came after it).
    stale_up_to = cached.checked if cached is not None else -1
    for theirs in reader_has:
        since = _etag_version(theirs, layer, scope, epoch)
        if since is not None and since > stale_up_to and _still_right(session, layer, since, version, z, x, y):
            return Tile(None, _etag(layer, scope, epoch, since))
    content = repo.render(session, layer, z, x, y, scope)
    if cache is not None:
        cache.put(key, _Cached(content, version, version))
    return Tile(content, _etag(layer, scope, epoch, version))
