"""The OpenAPI 3.0 definition of the OGC API, generated from the collections in code."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from registry.api.ogc.params import CRS84, DEFAULT_LIMIT, MAX_LIMIT, SUPPORTED_CRS
from registry.services.features import property_names

_GEOJSON = "application/geo+json"
_JSON = "application/json"


def _param(name: str, schema: dict, description: str, where: str = "query", required: bool = False,
           explode: bool | None = None) -> dict[str, Any]:
    parameter = {"name": name, "in": where, "required": required, "schema": schema, "description": description}
    if explode is not None:
        parameter |= {"style": "form", "explode": explode}
    return parameter


_COMMON = {
    "f": _param("f", {"type": "string", "enum": ["json"]}, "Response format (JSON only)."),
}
_ITEMS = [
    _param("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
           "Features per page (larger values are capped)."),
    _param("offset", {"type": "integer", "minimum": 0, "default": 0}, "Features to skip (used by `next` links)."),
    _param("bbox", {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
           "Features that intersect the box: minx,miny,maxx,maxy in bbox-crs (default CRS84 lon/lat).",
           explode=False),
    _param("bbox-crs", {"type": "string", "format": "uri", "enum": list(SUPPORTED_CRS), "default": CRS84},
           "CRS of bbox (EPSG codes in their lat/lon axis order)."),
    _param("datetime", {"type": "string"}, "An RFC 3339 instant or interval (`a/b`, `../b`, `a/..`)."),
    _param("crs", {"type": "string", "format": "uri", "enum": list(SUPPORTED_CRS), "default": CRS84},
           "CRS of the returned geometries."),
]
_ERROR = {"description": "Problem (application/problem+json)",
          "content": {"application/problem+json": {"schema": {"type": "object"}}}}


# The JSON type of each feature property (any other is a string); dates are ISO 8601 days, null
# where there is none (a live parcel's valid_to, a parcel never freed).
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


def _ok(description: str, media: str) -> dict[str, Any]:
    return {"description": description, "content": {media: {"schema": {"type": "object"}}}}


def _get(summary: str, operation_id: str, params: list, description: str, media: str = _JSON,
         tag: str = "Capabilities") -> dict[str, Any]:
    return {"get": {"summary": summary, "operationId": operation_id, "tags": [tag],
                    "parameters": [_COMMON["f"], *params],
                    "responses": {"200": _ok(description, media), "400": _ERROR, "401": _ERROR, "404": _ERROR}}}


def document(base_url: str, collections: Mapping[str, Any], translate: Callable[[str], str],
             titles: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/": _get("Landing page", "getLandingPage", [], "Links to the API's resources"),
        "/openapi": _get("This document", "getOpenAPI", [], "OpenAPI 3.0", "application/vnd.oai.openapi+json;version=3.0"),
        "/conformance": _get("Conformance classes", "getConformance", [], "Conformance declaration"),
        "/collections": _get("Collections", "getCollections", [], "The feature collections"),
    }
    fid = _param("featureId", {"type": "string"}, "Feature id.", "path", True)
    crs = _ITEMS[-1]
    for cid, c in collections.items():
        title = translate(titles[cid][0])
        queryables = [_param(name, {"type": kind}, f"Features whose {name} equals this value.")
                      for name, (_sql, kind) in c.queryables.items()]
        paths[f"/collections/{cid}"] = _get(title, f"describe_{cid}", [], f"Metadata of {cid}", tag=cid)
        paths[f"/collections/{cid}/schema"] = _get(f"{title}: schema", f"get_{cid}_schema", [],
                                                   "JSON Schema of the features", "application/schema+json", cid)
        paths[f"/collections/{cid}/items"] = _get(f"{title}: features", f"get_{cid}_features",
                                                  [*_ITEMS, *queryables], "GeoJSON FeatureCollection", _GEOJSON, cid)
        paths[f"/collections/{cid}/items/{{featureId}}"] = _get(f"{title}: one feature", f"get_{cid}_feature",
                                                                [fid, crs], "GeoJSON Feature", _GEOJSON, cid)
    return {
        "openapi": "3.0.3",
        "info": {"title": translate("Shanghai energy-saving and structural-adjustment registry") + " — OGC API",
                 "version": "1.0.0", "description": "OGC API – Features Part 1 (Core, GeoJSON, OAS 3.0), Part 2 (CRS)."},
        "servers": [{"url": base_url}],
        # An API token (what QGIS and GDAL send: docs/freed-land.md) or a signed-in browser's cookie
        "components": {"securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "description": "An API token (the API tokens page)."},
            "session": {"type": "apiKey", "in": "cookie", "name": "session"}}},
        "security": [{"bearerAuth": []}, {"session": []}],
        "tags": [{"name": "Capabilities"}, *({"name": cid} for cid in collections)],
        "paths": paths,
    }
