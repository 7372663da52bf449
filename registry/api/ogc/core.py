"""The OGC API – Features endpoints, free of any web framework (pygeoapi's shape).

Each handler takes an ``OgcRequest`` (base URL, query arguments, the reader, a session and a
translate function) and returns an ``OgcResponse``. Errors are registry errors, mapped to HTTP
once in ``registry.errors_web``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Mapping, Sequence
from urllib.parse import quote, urlencode

from registry.api.ogc import openapi
from registry.api.ogc.params import CRS84, SUPPORTED_CRS, ItemsParams, check_format, item_crs, items_params
from registry.domain.errors import N_
from registry.domain.permissions import Actor
from registry.services import features as service

GEOJSON = "application/geo+json"
JSON = "application/json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
SCHEMA = "application/schema+json"
HTML = "text/html"
MAPBOX_STYLE = "application/vnd.mapbox.style+json"  # OGC API – Styles' media type of a Mapbox GL style
EMPTY_BBOX = (120.85, 30.68, 122.0, 31.87)  # Shanghai: what a collection with nothing in it reports
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",  # every document also a page (pages.py)
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
]
TITLES = {
    "parcels": (N_("Land parcels"), N_("Live land parcels with land-use class, status and the date freed.")),
    "freed_land": (N_("Freed land"), N_("Land freed by completed structural-adjustment projects (freed, redevelopment "
                                        "planned or redeveloped), with its area in mu; its time is the day it was freed.")),
    "projects": (N_("Projects"), N_("Registered projects; their geometry is the union of their parcels.")),
    "zones": (N_("Zones"), N_("104 industrial blocks, 195/198 regions and development zones.")),
    "districts": (N_("Districts"), N_("The 16 districts of Shanghai.")),
}

# The vector-tile layer (``/tiles/<layer>``) that draws each collection.
TILE_LAYERS = {"parcels": "parcels", "freed_land": "freed", "projects": "projects", "zones": "zones",
               "districts": "districts"}


@dataclass(frozen=True)
class OgcRequest:
    base_url: str  # e.g. http://127.0.0.1:5000/ogc (no trailing slash)
    args: Mapping[str, Sequence[str]]
    actor: Actor
    session: Any
    translate: Callable[[str], str] = lambda s: s
    locale: str = "zh_Hans_CN"  # the language of the codes' names (kind_name, status_name, district_name…)
    # The absolute URL of a tile layer's document: (layer, "tilejson.json" | "style.json") → URL; None: no links
    tile_document: Callable[[str, str], str] | None = None
    # the collections' extents the app keeps (``routes.EXTENTS``); by default this request's own
    extents: service.KeptExtents = field(default_factory=dict)

    def names(self) -> service.Names:
        return service.names(self.locale, self.translate)


@dataclass(frozen=True)
class OgcResponse:
    body: str
    content_type: str = JSON
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


# The answer depends on who asks and, since the HTML view, on whether a browser's Accept asks for it
VARY = "Accept, Cookie, Authorization"


def http_headers(result: OgcResponse) -> list[tuple[str, str]]:
    """Every header of an OGC answer (the Flask routes and the items shortcut send the same)."""
    return [("Content-Type", result.content_type), *result.headers.items(),
            ("Cache-Control", "private, no-cache"), ("Vary", VARY)]


def _json(document: Any, content_type: str = JSON, **headers: str) -> OgcResponse:
    return OgcResponse(json.dumps(document, ensure_ascii=False), content_type, 200, dict(headers))


def _link(href: str, rel: str, type_: str, title: str = "") -> dict[str, str]:
    link = {"href": href, "rel": rel, "type": type_}
    if title:
        link["title"] = title
    return link


def _as_html(href: str, t: Callable[[str], str]) -> dict[str, str]:
    """The document's HTML view (``f=html``, api/ogc/pages.py), listed as OGC API – Features asks
    (/rec/core/html): ``alternate``, typed text/html."""
    return _link(f"{href}{'&' if '?' in href else '?'}f=html", "alternate", HTML, t(N_("This document as HTML")))


def landing(req: OgcRequest) -> OgcResponse:
    check_format(req.args)
    t = req.translate
    return _json({
        "title": t(N_("Shanghai energy-saving and structural-adjustment registry")),
        "description": t(N_("Parcels, freed land, projects, zones and districts as OGC API – Features.")),
        "links": [
            _link(f"{req.base_url}/", "self", JSON, t(N_("This document"))),
            _as_html(f"{req.base_url}/", t),
            _link(f"{req.base_url}/openapi", "service-desc", OPENAPI, t(N_("The API definition"))),
            # its page for people (OGC API – Common's service-doc); after the JSON, which QGIS and GDAL read
            _link(f"{req.base_url}/openapi?f=html", "service-doc", HTML, t(N_("The API definition as HTML"))),
            _link(f"{req.base_url}/conformance", "conformance", JSON, t(N_("Conformance classes"))),
            _link(f"{req.base_url}/conformance?f=html", "conformance", HTML, t(N_("Conformance classes as HTML"))),
            _link(f"{req.base_url}/collections", "data", JSON, t(N_("Collections"))),
        ],
    })


def _page_header(href: str) -> dict[str, str]:
    """The HTML view of a document that has no links of its own (conformance, OpenAPI, a schema), named
    as the others name theirs (``alternate``, text/html) but in a ``Link`` header: the body stays as
    QGIS, GDAL and scripts have always read it."""
    return {"Link": f'<{href}?f=html>; rel="alternate"; type="{HTML}"'}


def conformance(req: OgcRequest) -> OgcResponse:
    check_format(req.args)
    return _json({"conformsTo": CONFORMANCE}, JSON, **_page_header(f"{req.base_url}/conformance"))


def _collection_doc(req: OgcRequest, c: service.Collection, found: service.Extent) -> dict[str, Any]:
    title, description = TITLES[c.id]
    url = f"{req.base_url}/collections/{c.id}"
    extent: dict[str, Any] = {"spatial": {"bbox": [list(found.bbox or EMPTY_BBOX)], "crs": CRS84}}
    if c.temporal:
        interval = [d.isoformat() if d else None for d in (found.start, found.end)]
        extent["temporal"] = {"interval": [interval], "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}
    return {
        "id": c.id, "title": req.translate(title), "description": req.translate(description), "itemType": "feature",
        "crs": list(SUPPORTED_CRS), "storageCrs": CRS84, "extent": extent,
        "links": [
            _link(url, "self", JSON, req.translate(title)),
            _as_html(url, req.translate),
            _link(f"{url}/items", "items", GEOJSON, req.translate(N_("Features"))),
            # RFC 8288 compares relation types case-insensitively; GDAL (3.6) looks for this spelling only
            _link(f"{url}/schema", "describedBy", SCHEMA, req.translate(N_("Schema of the features"))),
            *_tile_links(req, c.id),
        ],
    }


def _tile_links(req: OgcRequest, collection_id: str) -> list[dict[str, str]]:
    """The collection's vector tiles for a GIS client: their TileJSON (``describedby``, as OGC API –
    Tiles links a tile set's TileJSON; typed JSON, apart from the schema GDAL looks for) and their
    Mapbox GL style (``stylesheet``, in OGC API – Styles' media type)."""
    if req.tile_document is None:
        return []
    layer, t = TILE_LAYERS[collection_id], req.translate
    return [_link(req.tile_document(layer, "tilejson.json"), "describedby", JSON, t(N_("TileJSON of the vector tiles"))),
            _link(req.tile_document(layer, "style.json"), "stylesheet", MAPBOX_STYLE,
                  t(N_("Map style of the vector tiles (Mapbox GL)")))]


def collections(req: OgcRequest) -> OgcResponse:
    check_format(req.args)
    extents = service.extents(req.session, list(service.COLLECTIONS), req.extents)
    return _json({
        "links": [_link(f"{req.base_url}/collections", "self", JSON), _as_html(f"{req.base_url}/collections", req.translate)],
        "collections": [_collection_doc(req, c, extents[c.id]) for c in service.COLLECTIONS.values()],
        "crs": list(SUPPORTED_CRS),
    })


def collection(req: OgcRequest, collection_id: str) -> OgcResponse:
    check_format(req.args)
    c = service.collection(collection_id)
    return _json(_collection_doc(req, c, service.extents(req.session, [c.id], req.extents)[c.id]))


def schema(req: OgcRequest, collection_id: str) -> OgcResponse:
    """The JSON Schema of the collection's features: GDAL and QGIS type their fields by it (a date
    is a Date even when the first page holds only nulls)."""
    check_format(req.args)
    c = service.collection(collection_id)
    url = f"{req.base_url}/collections/{c.id}/schema"
    return _json(openapi.feature_schema(url, req.translate(TITLES[c.id][0]), c), SCHEMA, **_page_header(url))


def _crs_header(crs: str) -> dict[str, str]:
    return {"Content-Crs": f"<{crs}>"}


def items(req: OgcRequest, collection_id: str) -> OgcResponse:
    """A page of features: ``numberMatched``, ``numberReturned`` and ``next``/``prev`` links."""
    c = service.collection(collection_id)
    p = items_params(req.args, c.queryables)
    f = service.FeatureFilter(bbox=p.bbox, interval=p.interval, equals=p.equals)
    page = service.features(req.session, req.actor, c.id, f, p.limit, p.offset, p.flip_axes, req.names())
    url = f"{req.base_url}/collections/{c.id}/items"
    kept = urlencode({k: v[0] for k, v in req.args.items() if k not in ("offset", "limit") and v})
    kept = f"{kept}&" if kept else ""  # encoded once for all the links (it showed in the profile)

    def href(offset: int) -> str:
        return f"{url}?{kept}offset={offset}&limit={p.limit}"

    links = [_link(href(p.offset), "self", GEOJSON), _items_as_html(req, url, kept, p),
             _link(f"{req.base_url}/collections/{c.id}", "collection", JSON)]
    if p.offset + page.number_returned < page.number_matched:
        links.append(_link(href(p.offset + p.limit), "next", GEOJSON))
    if p.offset > 0:
        links.append(_link(href(max(0, p.offset - p.limit)), "prev", GEOJSON))
    head = json.dumps({
        "type": "FeatureCollection", "numberMatched": page.number_matched,
        "numberReturned": page.number_returned,
        "timeStamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "links": links,
    }, ensure_ascii=False)
    # The features arrive as GeoJSON text from PostGIS: splice them in without parsing.
    body = head[:-1] + ',"features":[' + page.features_json + "]}"
    return OgcResponse(body, GEOJSON, 200, _crs_header(p.crs))


def _items_as_html(req: OgcRequest, url: str, kept: str, p: ItemsParams) -> dict[str, str]:
    """This page's HTML view: the same filters and page, without ``f`` (which would name JSON) and
    ``crs`` (the HTML map is in lon/lat)."""
    if "f" in req.args or "crs" in req.args:
        kept = urlencode({k: v[0] for k, v in req.args.items() if k not in ("offset", "limit", "f", "crs") and v})
        kept = f"{kept}&" if kept else ""
    return _as_html(f"{url}?{kept}offset={p.offset}&limit={p.limit}", req.translate)


def item(req: OgcRequest, collection_id: str, feature_id: str) -> OgcResponse:
    crs = item_crs(req.args)
    found = service.feature(req.session, req.actor, collection_id, feature_id, SUPPORTED_CRS[crs], req.names())
    url = f"{req.base_url}/collections/{collection_id}"
    links = json.dumps([_link(f"{url}/items/{feature_id}", "self", GEOJSON),
                        _as_html(f"{url}/items/{quote(feature_id, safe='')}", req.translate), _link(url, "collection", JSON)],
                       ensure_ascii=False)
    return OgcResponse(found[:-1] + ',"links":' + links + "}", GEOJSON, 200, _crs_header(crs))


def api_definition(req: OgcRequest) -> OgcResponse:
    check_format(req.args)
    document = openapi.document(req.base_url, {c.id: c for c in service.COLLECTIONS.values()}, req.translate, TITLES)
    return _json(document, OPENAPI, **_page_header(f"{req.base_url}/openapi"))
