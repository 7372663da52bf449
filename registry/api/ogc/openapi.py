"""The OpenAPI 3.0 definition of the OGC API, generated from the collections in code."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from registry.api.ogc.params import CRS84, DEFAULT_LIMIT, MAX_LIMIT, SUPPORTED_CRS
from registry.domain.errors import N_
from registry.services.features import property_names

_GEOJSON = "application/geo+json"
_JSON = "application/json"


def _param(name: str, schema: dict, description: str, where: str = "query", required: bool = False,
           explode: bool | None = None) -> dict[str, Any]:
    parameter = {"name": name, "in": where, "required": required, "schema": schema, "description": description}
    if explode is not None:
        parameter |= {"style": "form", "explode": explode}
    return parameter


# The texts are msgids, translated per request as the collections' titles are (the document is
# built for each reader, in the language of the pages); codes stay codes in every language.
# every address also answers a page for people (registry/ogc_negotiation.py, api/ogc/pages.py)
_F = ("f", {"type": "string", "enum": ["json", "html"]},
           N_("Response format: json (the default for programs), or html, a page to read in a browser."))
_ITEMS = [
    ("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
     N_("Features per page (larger values are capped).")),
    ("offset", {"type": "integer", "minimum": 0, "default": 0}, N_("Features to skip (used by `next` links).")),
    ("bbox", {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
     N_("Features that intersect the box: minx,miny,maxx,maxy in bbox-crs (default CRS84 lon/lat)."), False),
    ("bbox-crs", {"type": "string", "format": "uri", "enum": list(SUPPORTED_CRS), "default": CRS84},
     N_("CRS of bbox (EPSG codes in their lat/lon axis order).")),
    ("datetime", {"type": "string"}, N_("An RFC 3339 instant or interval (`a/b`, `../b`, `a/..`).")),
]
_CRS = ("crs", {"type": "string", "format": "uri", "enum": list(SUPPORTED_CRS), "default": CRS84},
        N_("CRS of the returned geometries."))


# The JSON type of each feature property (any other is a string); dates are ISO 8601 days, null
# where there is none (a live parcel's valid_to, a parcel never freed). Freed land's planned_on and
# redeveloped_on stay strings (ISO days, which compare as dates): QGIS and GDAL send a filter on a
# Date field as ``datetime``, which the server applies to the collection's own time (freed_on) — a
# filter on a string field is applied by the client, on the field named.
_DATE = {"type": "string", "format": "date"}
PROPERTY_SCHEMAS: dict[str, dict[str, str]] = {
    "area_m2": {"type": "number"}, "area_mu": {"type": "number"}, "freed_land_m2": {"type": "number"}, "savings_tce": {"type": "number"},
    "savings_tce_equal_value": {"type": "number"},
    "year": {"type": "integer"}, "is_illustrative": {"type": "boolean"},
    "valid_from": _DATE, "valid_to": _DATE, "freed_on": _DATE, "completed_on": _DATE,
}


def feature_schema(url: str, title: str, collection: Any) -> dict[str, Any]:
    """The JSON Schema of a GeoJSON feature of ``collection`` (OGC API – Features Part 5's shape)."""
    properties = {name: PROPERTY_SCHEMAS.get(name, {"type": "string"}) for name in property_names(collection)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": url, "title": title, "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string" if collection.id_is_text else "integer"},
            "geometry": {"type": "object", "format": "geometry-multipolygon"},
            "properties": {"type": "object", "properties": properties},
        },
    }


def document(base_url: str, collections: Mapping[str, Any], translate: Callable[[str], str],
             titles: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    t = translate
    error = {"description": t(N_("Problem (application/problem+json)")),
             "content": {"application/problem+json": {"schema": {"type": "object"}}}}

    def query(name: str, schema: dict, description: str, explode: bool | None = None) -> dict[str, Any]:
        return _param(name, schema, t(description), explode=explode)

    def get(summary: str, operation_id: str, params: list, description: str, media: str = _JSON,
            tag: str = "Capabilities") -> dict[str, Any]:
        content = {media: {"schema": {"type": "object"}}, "text/html": {"schema": {"type": "string"}}}
        return {"get": {"summary": summary, "operationId": operation_id, "tags": [tag],
                        "parameters": [query(*_F), *params],
                        "responses": {"200": {"description": description, "content": content},
                                      "400": error, "401": error, "404": error}}}

    paths: dict[str, Any] = {
        "/": get(t(N_("Landing page")), "getLandingPage", [], t(N_("Links to the API's resources"))),
        "/openapi": get(t(N_("This document")), "getOpenAPI", [], t(N_("The OpenAPI 3.0 definition")),
                        "application/vnd.oai.openapi+json;version=3.0"),
        "/conformance": get(t(N_("Conformance classes")), "getConformance", [], t(N_("Conformance declaration"))),
        "/collections": get(t(N_("Collections")), "getCollections", [], t(N_("The feature collections"))),
    }
    items = [query(*p) for p in _ITEMS]
    fid = _param("featureId", {"type": "string"}, t(N_("Feature id.")), "path", True)
    crs = query(*_CRS)
    for cid, c in collections.items():
        title = t(titles[cid][0])
        queryables = [query(name, {"type": kind}, t(N_("Features whose %(name)s equals this value.")) % {"name": name})
                      for name, (_sql, kind) in c.queryables.items()]
        named = {"title": title}
        paths[f"/collections/{cid}"] = get(title, f"describe_{cid}", [], t(N_("Metadata of %(title)s")) % named, tag=cid)
        paths[f"/collections/{cid}/schema"] = get(t(N_("%(title)s: schema")) % named, f"get_{cid}_schema", [],
                                                  t(N_("JSON Schema of the features")), "application/schema+json", cid)
        paths[f"/collections/{cid}/items"] = get(t(N_("%(title)s: features")) % named, f"get_{cid}_features",
                                                 [*items, crs, *queryables], t(N_("A page of features (GeoJSON)")),
                                                 _GEOJSON, cid)
        paths[f"/collections/{cid}/items/{{featureId}}"] = get(t(N_("%(title)s: one feature")) % named,
                                                               f"get_{cid}_feature", [fid, crs],
                                                               t(N_("One feature (GeoJSON)")), _GEOJSON, cid)
    return {
        "openapi": "3.0.3",
        "info": {"title": t(N_("Shanghai energy-saving and structural-adjustment registry")) + " — OGC API",
                 "version": "1.0.0",
                 "description": t(N_("OGC API – Features Part 1 (Core, GeoJSON, OAS 3.0), Part 2 (CRS)."))},
        "servers": [{"url": base_url}],
        # An API token (what QGIS and GDAL send: docs/freed-land.md) or a signed-in browser's cookie
        "components": {"securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "description": t(N_("An API token (the API tokens page)."))},
            "session": {"type": "apiKey", "in": "cookie", "name": "session",
                        "description": t(N_("The session of a signed-in browser."))}}},
        "security": [{"bearerAuth": []}, {"session": []}],
        "tags": [{"name": "Capabilities", "description": t(N_("The service: its landing page, definition, "
                                                                  "conformance and collections"))},
                 *({"name": cid, "description": t(titles[cid][1])} for cid in collections)],
        "paths": paths,
    }
