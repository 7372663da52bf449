"""``/tiles/<layer>/<z>/<x>/<y>.mvt``: Mapbox vector tiles with ETag revalidation."""
from __future__ import annotations

from flask import Blueprint, Response, request

from registry.app_caches import AppCache
from registry.auth import current_actor
from registry.db import get_session, reads_only
from registry.services import tiles as service

bp = Blueprint("tiles", __name__, url_prefix="/tiles")
MVT = "application/vnd.mapbox-vector-tile"
# Private (login required); short-lived, then revalidated with If-None-Match (a 304 costs one or
# two indexed lookups).
CACHE_CONTROL = "private, max-age=30, must-revalidate"
# Rendered tiles kept per worker, ``TILE_CACHE_MB`` at most.
TILE_CACHE = AppCache("registry.tile_cache", lambda config: service.TileCache(
    int(config.get("TILE_CACHE_MB", service.DEFAULT_CACHE_BYTES // 2 ** 20)) * 2 ** 20))


@bp.get("/<layer>/<int:z>/<int:x>/<int:y>.mvt")
@reads_only
def tile(layer: str, z: int, x: int, y: int):
    found = service.get_tile(get_session(), current_actor(), layer, z, x, y,
                             TILE_CACHE.get(), request.if_none_match.as_set())
    headers = {"ETag": found.etag, "Cache-Control": CACHE_CONTROL, "Vary": "Cookie, Authorization"}
    if found.content is None:
        return Response(status=304, headers=headers)
    return Response(found.content, mimetype=MVT, headers=headers)
