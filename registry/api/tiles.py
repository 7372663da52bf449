"""``/tiles/<layer>/<z>/<x>/<y>.mvt``: Mapbox vector tiles with ETag revalidation."""
from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, request

from registry.auth import current_actor
from registry.db import get_session, reads_only
from registry.services import tiles as service

bp = Blueprint("tiles", __name__, url_prefix="/tiles")
MVT = "application/vnd.mapbox-vector-tile"
CACHE_KEY = "registry.tile_cache"
# Private (login required); short-lived, then revalidated with If-None-Match (a 304 costs one or
# two indexed lookups).
CACHE_CONTROL = "private, max-age=30, must-revalidate"


@bp.record_once
def _make_cache(state) -> None:
    app: Flask = state.app
    megabytes = app.config.get("TILE_CACHE_MB", service.DEFAULT_CACHE_BYTES // 2 ** 20)
    app.extensions[CACHE_KEY] = service.TileCache(int(megabytes) * 2 ** 20)


@bp.get("/<layer>/<int:z>/<int:x>/<int:y>.mvt")
@reads_only
def tile(layer: str, z: int, x: int, y: int):
    found = service.get_tile(get_session(), current_actor(), layer, z, x, y,
                             current_app.extensions[CACHE_KEY], request.if_none_match.as_set())
    headers = {"ETag": found.etag, "Cache-Control": CACHE_CONTROL, "Vary": "Cookie, Authorization"}
    if found.content is None:
        return Response(status=304, headers=headers)
    return Response(found.content, mimetype=MVT, headers=headers)
