"""Flask routes of the OGC API: one line each, the work is in ``core``."""
from __future__ import annotations

from flask import Blueprint, Response, request, url_for

from registry.api.ogc import core
from registry.app_caches import AppCache
from registry.auth import current_actor
from registry.db import get_session, reads_only
from registry.i18n import current_locale, translate

bp = Blueprint("ogc", __name__, url_prefix="/ogc")
# Each collection's extent at its layer's version, kept by each app (one per worker process).
EXTENTS = AppCache("registry.ogc_extents", lambda _config: {})


def _tile_document(layer: str, name: str) -> str:
    endpoint = "tiles.tilejson" if name == "tilejson.json" else "tiles.style"
    return url_for(endpoint, layer=layer, _external=True)


def _request() -> core.OgcRequest:
    base = url_for("ogc.landing", _external=True).rstrip("/")
    return core.OgcRequest(base, request.args.to_dict(flat=False), current_actor(), get_session(), translate,
                           current_locale(), _tile_document, EXTENTS.get())


def _respond(result: core.OgcResponse) -> Response:
    return Response(result.body, status=result.status, headers=core.http_headers(result))


@bp.get("")
@bp.get("/")
@reads_only
def landing():
    return _respond(core.landing(_request()))


@bp.get("/openapi")
@reads_only
def openapi():
    return _respond(core.api_definition(_request()))


@bp.get("/conformance")
@reads_only
def conformance():
    return _respond(core.conformance(_request()))


@bp.get("/collections")
@reads_only
def collections():
    return _respond(core.collections(_request()))


@bp.get("/collections/<collection_id>")
@reads_only
def collection(collection_id: str):
    return _respond(core.collection(_request(), collection_id))


@bp.get("/collections/<collection_id>/schema")
@reads_only
def schema(collection_id: str):
    return _respond(core.schema(_request(), collection_id))


@bp.get("/collections/<collection_id>/items")
@reads_only
def items(collection_id: str):
    return _respond(core.items(_request(), collection_id))


@bp.get("/collections/<collection_id>/items/<feature_id>")
@reads_only
def item(collection_id: str, feature_id: str):
    return _respond(core.item(_request(), collection_id, feature_id))
