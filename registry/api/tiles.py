"""``/tiles/<layer>/<z>/<x>/<y>.mvt``: Mapbox vector tiles with ETag revalidation; per layer its
TileJSON (``tilejson.json``) and Mapbox GL style (``style.json``) for GIS clients."""
from __future__ import annotations

import json

from flask import Blueprint, Response, request, url_for

from registry.app_caches import AppCache
from registry.auth import current_actor
from registry.db import get_session, reads_only
from registry.i18n import current_locale, translate
from registry.services import tile_documents, tiles as service

bp = Blueprint("tiles", __name__, url_prefix="/tiles")
MVT = "application/vnd.mapbox-vector-tile"
# Private (login required); short-lived, then revalidated with If-None-Match (a 304 costs one or
# two indexed lookups).
CACHE_CONTROL = "private, max-age=30, must-revalidate"
# The documents name the request's host and speak the reader's language: asked again each time.
DOCUMENT_HEADERS = {"Cache-Control": "no-cache", "Vary": "Cookie, Authorization, Accept-Language"}

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


def _tiles_url(layer: str) -> str:
    """The layer's absolute tile URL template, on the host the client asked."""
    return url_for("tiles.tile", layer=layer, z=0, x=0, y=0, _external=True).replace("/0/0/0.mvt", "/{z}/{x}/{y}.mvt")


def _json(document: dict) -> Response:
    return Response(json.dumps(document, ensure_ascii=False), mimetype="application/json", headers=DOCUMENT_HEADERS)


@bp.get("/<layer>/tilejson.json")
def tilejson(layer: str):
    return _json(tile_documents.tilejson(layer, _tiles_url(layer), translate))


@bp.get("/<layer>/style.json")
def style(layer: str):
    """Public (auth.PUBLIC_ENDPOINTS): QGIS fetches a connection's style URL without its
    authentication; the style holds colours, names of codes and the tiles' URL, no record."""
    return _json(tile_documents.style(layer, _tiles_url(layer), translate, current_locale() == "en"))
