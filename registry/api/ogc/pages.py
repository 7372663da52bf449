"""The OGC API's HTML view (``f=html``, or a browser's ``Accept``): each page renders the very JSON
document ``core`` answers — same parameters, same reader, same scoping — in the registry's layout,
as pygeoapi renders its own. Kept apart from the JSON path (the routes call it only for HTML; the
items shortcut leaves HTML to Flask), so QGIS, GDAL and scripts get the same answers as before.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from flask import render_template, url_for

from geo.map_styles import DISTRICTS, PARCEL, PROJECT_KIND_STYLES, ZONE_STYLES
from registry.api.ogc import core
from registry.api.ogc.openapi import PROPERTY_SCHEMAS
from registry.api.ogc.params import DEFAULT_LIMIT, MAX_LIMIT
from registry.app_caches import AppCache
from registry.domain.errors import N_
from registry.services import features as service
from registry.services import geodata
from registry.services.report_cache import ReportCache

HTML_TYPE = "text/html; charset=utf-8"
# The districts' outlines the items map draws beneath its features, read again only once a district
# changed (this version and the one before)
OUTLINES = AppCache("registry.ogc_outlines", lambda _config: ReportCache(2))
# Parameters the HTML view sets itself: its format, and the map's axis order (always lon/lat)
NOT_PASSED = ("f", "crs")

# Each property's column heading (msgids); a property not named here is shown under its own name.
LABELS = {
    "code": N_("Code"), "land_use_class": N_("Land-use class"), "status": N_("Status"), "district_code": N_("District"),
    "area_m2": N_("Area (m²)"), "area_mu": N_("Area (mu)"), "valid_from": N_("Valid from"), "valid_to": N_("Valid to"),
    "freed_on": N_("Freed on"), "zone_kind": N_("Zone kind"), "is_illustrative": N_("Illustrative"),
    "project": N_("Freed by project"), "former_use": N_("Former use"), "new_use": N_("New use"), "planned_on": N_("Redevelopment planned on"),
    "redeveloped_on": N_("Redeveloped on"), "reference": N_("Reference"), "title": N_("Project title"),
    "credit_code": N_("Unified social credit code"), "enterprise_name": N_("Enterprise name"), "kind": N_("Kind"),
    "year": N_("Year"), "savings_tce": N_("Energy saved, equivalent value (tce)"),
    "savings_tce_equal_value": N_("Energy saved, equal value (tce)"), "freed_land_m2": N_("Freed land (m²)"),
    "completed_on": N_("Completed on"), "name_zh": N_("Chinese name"), "name_en": N_("English name"),
}
# A code's column shows its name (the property after it) in the reader's language, the code beside it
NAME_OF = {"land_use_class": "land_use_name", "status": "status_name", "zone_kind": "zone_kind_name",
           "kind": "kind_name", "former_use": "former_use_name", "new_use": "new_use_name",
           "district_code": "district_name"}
CODES = {"code", "reference", "credit_code", "project"}
UNITS = {"area_m2": "m²", "area_mu": "亩", "freed_land_m2": "m²", "savings_tce": "tce", "savings_tce_equal_value": "tce"}
# ISO days, shown as every page shows a day (freed land's two redevelopment days are text in the schema)
DAYS = {name for name, schema in PROPERTY_SCHEMAS.items() if schema.get("format") == "date"} | {
    "planned_on", "redeveloped_on"}
LIMITS = (10, 50, 100, 500)  # the page sizes the items page offers (any limit up to 10,000 is read)
# The codes a queryable takes, offered by name in the items page's form: (collection or None for any, name) → vocabulary
CHOICES = {(None, "land_use_class"): "land_use", (None, "zone_kind"): "zone_kind", ("parcels", "status"): "parcel_status",
           ("freed_land", "status"): "parcel_status", ("freed_land", "former_use"): "land_use", ("projects", "kind"): "project_kind",
           ("projects", "status"): "project_status", ("zones", "kind"): "zone_kind"}
# The JSON types and formats of the schema and the OpenAPI document, as a reader names them (the code beside)
TYPES = {"integer": N_("Whole number"), "string": N_("Text"), "number": N_("Number"), "boolean": N_("Yes or no"),
         "array": N_("List"), "object": N_("Object")}
FORMATS = {"date": N_("Day (YYYY-MM-DD)"), "uri": N_("Address (URI)"), "geometry-multipolygon": N_("Multipolygon")}
PLACES = {"query": N_("Query string"), "path": N_("Path")}  # where an OpenAPI parameter goes
# The conformance classes by name; a class not named here is listed by its address alone
CONFORMANCE_NAMES = dict(zip(core.CONFORMANCE, (
    N_("Part 1: Core"), N_("Part 1: OpenAPI 3.0"), N_("Part 1: HTML"), N_("Part 1: GeoJSON"), N_("Part 2: Coordinate reference systems by reference"))))
# The registry's pages that list, filter and download each collection's records
REGISTRY_PAGES = {"parcels": ("parcel_list.index", N_("Parcels")), "freed_land": ("land.freed", N_("Freed land")),
                  "projects": ("projects.index", N_("Projects"))}
# The registry page of one record, by its feature id
RECORD_PAGES = {"parcels": ("land.parcel", "parcel_id"), "freed_land": ("land.parcel", "parcel_id"),
                "projects": ("projects.detail", "project_id")}


@dataclass(frozen=True)
class Cell:
    """One property as a page shows it: ``value`` to format by ``kind`` (text, number, day, flag),
    with the code behind a name (``code``) and the unit of a number."""
    kind: str
    value: Any
    code: str | None = None
    unit: str | None = None
    whole: bool = False  # a code or reference, kept on one line (SH-310116-000003 broke at its hyphens)


def columns(collection_id: str) -> list[str]:
    """The collection's properties that get a column: each code's name is shown in its code's."""
    names = set(NAME_OF.values())
    return [name for name in service.property_names(service.collection(collection_id)) if name not in names]


def cell(properties: dict[str, Any], name: str) -> Cell:
    value = properties.get(name)
    if name in NAME_OF and properties.get(NAME_OF[name]) is not None:
        return Cell("text", properties[NAME_OF[name]], code=value)
    if value is None:
        return Cell("none", None)
    if isinstance(value, bool):
        return Cell("flag", value)
    if name in DAYS and isinstance(value, str):
        return Cell("day", date.fromisoformat(value))
    if isinstance(value, (int, float)) and name != "year":  # the shortest text of a float is the JSON's own
        return Cell("number", Decimal(repr(value)) if isinstance(value, float) else value, unit=UNITS.get(name))
    return Cell("text", value, whole=name in CODES)


def _document(answer: core.OgcResponse) -> dict[str, Any]:
    return json.loads(answer.body)


def _label(feature: dict[str, Any]) -> str:
    """What names a feature on the map: its code, reference or name, else its id."""
    p = feature["properties"]
    return str(p.get("code") or p.get("reference") or p.get("name_zh") or feature["id"])


def _on_the_map(features: list[dict[str, Any]], collection_id: str) -> list[dict[str, Any]]:
    """The features as the map draws them (static/js/ogc-map.js): shape, name, the page that shows it."""
    key = _map_style(collection_id)["key"]
    return [{"type": "Feature", "geometry": f["geometry"],
             "properties": {"label": _label(f), "style": f["properties"].get(key) if key else None,
                            "href": url_for("ogc.item", collection_id=collection_id, feature_id=f["id"], f="html")}}
            for f in features if f.get("geometry")]


def _map_style(collection_id: str) -> dict[str, Any]:
    """How the map draws the page's features (geo/map_styles.py, as the registry's other maps)."""
    by = {"projects": ("kind", {k: s.as_json() for k, s in PROJECT_KIND_STYLES.items()}),
          "zones": ("kind", {k: s.as_json() for k, s in ZONE_STYLES.items()})}
    default = DISTRICTS if collection_id == "districts" else PARCEL
    key, styles = by.get(collection_id, (None, {}))
    return {"default": default.as_json(), "key": key, "styles": styles, "outline": DISTRICTS.as_json()}


def _districts(req: core.OgcRequest) -> list:
    """Every district (code, names, outline), read again only once a district changed."""
    return OUTLINES.get().kept(geodata.districts_version(req.session), lambda: geodata.district_outlines(req.session))


def _district_outlines(req: core.OgcRequest, collection_id: str) -> list[dict[str, Any]]:
    """The districts' outlines for the items map, beneath features across the city (they were spots on
    a blank grey); none under the districts themselves."""
    return [] if collection_id == "districts" else [json.loads(d.geometry_geojson) for d in _districts(req)]


def _choices(req: core.OgcRequest, collection_id: str, name: str) -> dict[str, str] | None:
    """The codes queryable ``name`` of the collection takes, with their names (msgids), if a vocabulary's;
    a district by its name in the reader's language (a name is no msgid: translated, it stays itself)."""
    if name == "district_code":
        return {d.code: d.name_en if req.locale == "en" else d.name_zh for d in _districts(req)}
    vocabulary = CHOICES.get((collection_id, name)) or CHOICES.get((None, name))
    return service.VOCABULARIES[vocabulary] if vocabulary else None


def page(template: str, **context: Any) -> core.OgcResponse:
    return core.OgcResponse(render_template(f"ogc/{template}", **context), HTML_TYPE)


def landing(req: core.OgcRequest) -> core.OgcResponse:
    return page("landing.html", doc=_document(core.landing(req)), base_url=req.base_url)


def collections(req: core.OgcRequest) -> core.OgcResponse:
    return page("collections.html", doc=_document(core.collections(req)))


def collection(req: core.OgcRequest, collection_id: str) -> core.OgcResponse:
    doc = _document(core.collection(req, collection_id))
    c = service.collection(collection_id)
    queryables = [(name, LABELS.get(name), TYPES[kind]) for name, (_sql, kind) in c.queryables.items()]
    temporal = doc["extent"].get("temporal")
    interval = [date.fromisoformat(d) if d else None for d in temporal["interval"][0]] if temporal else None
    return page("collection.html", doc=doc, queryables=queryables, interval=interval,
                registry_page=REGISTRY_PAGES.get(c.id))


def items(req: core.OgcRequest, collection_id: str) -> core.OgcResponse:
    doc = _document(core.items(req, collection_id))
    c = service.collection(collection_id)
    shown = columns(c.id)
    rows = [(f, [cell(f["properties"], name) for name in shown]) for f in doc["features"]]
    filters = {name: ((req.args.get(name) or [""])[0], _choices(req, c.id, name)) for name in c.queryables}
    # read by core.items already: whole numbers, the limit capped as it caps it
    limit = min(int((req.args.get("limit") or [DEFAULT_LIMIT])[0]), MAX_LIMIT)
    offset = int((req.args.get("offset") or [0])[0])
    return page("items.html", doc=doc, collection=c, title=req.translate(core.TITLES[c.id][0]), rows=rows,
                headings=[LABELS.get(name, name) for name in shown], filters=filters, labels=LABELS,
                kept={k: v[0] for k, v in req.args.items() if k in ("bbox", "bbox-crs", "datetime", "lang") and v},
                map_style={**_map_style(c.id), "districts": _district_outlines(req, c.id)},
                on_the_map=_on_the_map(doc["features"], c.id), record_page=RECORD_PAGES.get(c.id), limit=limit, offset=offset,
                limits=sorted({*LIMITS, limit}))


def item(req: core.OgcRequest, collection_id: str, feature_id: str) -> core.OgcResponse:
    doc = _document(core.item(req, collection_id, feature_id))
    c = service.collection(collection_id)
    facts = [(LABELS.get(name, name), cell(doc["properties"], name)) for name in columns(c.id)]
    return page("item.html", doc=doc, collection=c, title=req.translate(core.TITLES[c.id][0]), facts=facts,
                label=_label(doc), map_style=_map_style(c.id), on_the_map=_on_the_map([doc], c.id),
                record_page=RECORD_PAGES.get(c.id))


def conformance(req: core.OgcRequest) -> core.OgcResponse:
    doc = _document(core.conformance(req))
    return page("conformance.html", doc=doc, names=CONFORMANCE_NAMES, json_href=f"{req.base_url}/conformance")


def _property_label(name: str, t: Callable[[str], str]) -> str | None:
    """What a schema's property holds, in the reader's language: its column's heading, or for a
    code's name (``status_name``) the code's heading and "name"."""
    codes = {named: code for code, named in NAME_OF.items()}
    if name in codes:
        return t(N_("%(label)s (name)")) % {"label": t(LABELS[codes[name]])}
    return t(LABELS[name]) if name in LABELS else None


def schema(req: core.OgcRequest, collection_id: str) -> core.OgcResponse:
    doc = _document(core.schema(req, collection_id))
    c = service.collection(collection_id)
    feature = doc["properties"]
    rows = [(name, s.get("type"), s.get("format"), _property_label(name, req.translate), name in c.queryables)
            for name, s in feature["properties"]["properties"].items()]
    return page("schema.html", doc=doc, collection=c, title=req.translate(core.TITLES[c.id][0]), rows=rows,
                id_type=feature["id"]["type"], geometry=feature["geometry"]["format"], types=TYPES, formats=FORMATS)


def api_definition(req: core.OgcRequest) -> core.OgcResponse:
    """The OpenAPI document as tables, readable offline without Swagger UI: every operation by tag
    (method, path, summary, answers), then the parameters of those that take more than ``f`` (which
    every one takes, said once)."""
    doc = _document(core.api_definition(req))
    t = req.translate
    groups = {tag["name"]: (t(core.TITLES[tag["name"]][0]) if tag["name"] in core.TITLES else t(N_("The service")), [])
              for tag in doc["tags"]}
    f = None
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            f = next(p for p in operation["parameters"] if p["name"] == "f")
            others = [p for p in operation["parameters"] if p["name"] != "f"]
            page_href = f"{req.base_url}{path.rstrip('/')}?f=html" if "{" not in path else None
            groups[operation["tags"][0]][1].append((path, method.upper(), operation, others, page_href))
    return page("openapi.html", doc=doc, groups=list(groups.values()), f=f, types=TYPES, formats=FORMATS,
                places=PLACES, json_href=f"{req.base_url}/openapi")
