"""Flask routes of the OGC API: one line each, the work is in ``core`` (JSON) and, for a browser
asking for HTML (``registry.ogc_negotiation``), in ``pages``."""
from __future__ import annotations

from typing import Callable

from flask import Blueprint, Response, request, url_for

from registry.api.ogc import core, pages
from registry.app_caches import AppCache
from registry.auth import current_actor
from registry.db import get_session, reads_only
from registry.i18n import current_locale, translate
from registry.ogc_negotiation import asks_for_html

bp = Blueprint("ogc", __name__, url_prefix="/ogc")
# Each collection's extent at its layer's version, kept by each app (one per worker process).
EXTENTS = AppCache("registry.ogc_extents", lambda _config: {})


def _tile_document(layer: str, name: str) -> str:
    endpoint = "tiles.tilejson" if name == "tilejson.json" else "tiles.style"
    return url_for(endpoint, layer=layer, _external=True)


def _request(html: bool = False) -> core.OgcRequest:
    base = url_for("ogc.landing", _external=True).rstrip("/")
    args = request.args.to_dict(flat=False)
    if html:  # the page sets the format and the map's CRS itself; an empty field of its form filters nothing
        args = {k: v for k, v in args.items() if k not in pages.NOT_PASSED and any(value.strip() for value in v)}
    return core.OgcRequest(base, args, current_actor(), get_session(), translate,
                           current_locale(), _tile_document, EXTENTS.get())


def _respond(result: core.OgcResponse) -> Response:
    return Response(result.body, status=result.status, headers=core.http_headers(result))


def _answer(json_view: Callable[..., core.OgcResponse], page: str, *args: str) -> Response:
    """The JSON document, or for a browser asking for HTML its page (``pages.<page>``)."""
    if asks_for_html(request):
        return _respond(getattr(pages, page)(_request(html=True), *args))
    return _respond(json_view(_request(), *args))


@bp.get("")
@bp.get("/")
@reads_only
def landing():
    return _answer(core.landing, "landing")


@bp.get("/openapi")
@reads_only
def openapi():
    return _answer(core.api_definition, "api_definition")


@bp.get("/conformance")
@reads_only
def conformance():
    return _answer(core.conformance, "conformance")


@bp.get("/collections")
@reads_only
def collections():
    return _answer(core.collections, "collections")


@bp.get("/collections/<collection_id>")
@reads_only
def collection(collection_id: str):
    return _answer(core.collection, "collection", collection_id)


@bp.get("/collections/<collection_id>/schema")
@reads_only
def schema(collection_id: str):
    return _answer(core.schema, "schema", collection_id)


@bp.get("/collections/<collection_id>/items")
@reads_only
def items(collection_id: str):
    return _answer(core.items, "items", collection_id)


@bp.get("/collections/<collection_id>/items/<feature_id>")
@reads_only
def item(collection_id: str, feature_id: str):
    return _answer(core.item, "item", collection_id, feature_id)
