"""``/tiles/<layer>/<z>/<x>/<y>.mvt``: Mapbox vector tiles with ETag revalidation."""
from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, request

from registry.auth import current_actor
from registry.db import get_session
from registry.services import tiles as service

bp = Blueprint("tiles", __name__, url_prefix="/tiles")
MVT = "application/vnd.mapbox-vector-tile"
CACHE_KEY = "registry.tile_cache"
# Private (login required); short-lived, then revalidated with If-None-Match (a 304 costs one
# primary-key lookup).
CACHE_CONTROL = "private, max-age=30, must-revalidate"


@bp.record_once
def _make_cache(state) -> None:
    app: Flask = state.app
    app.extensions[CACHE_KEY] = service.TileCache(app.config.get("TILE_CACHE_SIZE", 2048))


@bp.get("/<layer>/<int:z>/<int:x>/<int:y>.mvt")
def tile(layer: str, z: int, x: int, y: int):
    session, actor = get_session(), current_actor()
    key = service.tile_key(session, actor, layer, z, x, y)
    headers = {"ETag": key.etag, "Cache-Control": CACHE_CONTROL, "Vary": "Cookie, Authorization"}
    if request.if_none_match.contains(key.etag.strip('"')):
        return Response(status=304, headers=headers)
    content = service.render_tile(session, actor, key, z, x, y, current_app.extensions[CACHE_KEY])
    return Response(content, mimetype=MVT, headers=headers)
