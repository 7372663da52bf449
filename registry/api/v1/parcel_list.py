"""/api/v1/parcels (the list) and /api/v1/parcels/export: the parcel list (地块清单, ``/land/parcels``)
as JSON and as its download, through the page's service (``services.parcel_list``).

The schema states the parameters and their types; their rules are the page's own
(``domain.parcel_list.parse_parcel_query``), so a value the page refuses is refused here with the
same message, naming the parameter (422). One parcel is ``api_places.parcel``.
"""
from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import Response
from marshmallow import fields as f

from registry.api.v1.core import Blueprint, PageOut, QuerySchema, one_of, page_links, problems
from registry.api.v1.search import record_href
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.freed_land import AREA_UNITS
from registry.domain.parcel_list import DEFAULT_PAGE_SIZE, MAX_PAGE, PAGE_SIZES, PARCELS, PROJECT_TIES, parse_parcel_query
from registry.domain.vocabulary import LAND_USE_CLASSES, ZONE_KINDS
from registry.downloads import content_disposition
from registry.i18n import translate
from registry.services import parcel_list as svc

bp = Blueprint("api_parcels", __name__, url_prefix="/api/v1/parcels",
               description="The parcel list: every live parcel, filtered, sorted and paged, with its projects")


def _codes(vocabulary, description: str) -> f.List:
    """A repeatable code parameter (``status=freed&status=in_use``; commas also separate), its codes
    stated; the page's parser checks them, with its message."""
    return f.List(f.String(metadata={"enum": list(vocabulary)}), metadata={"description": description})


class ParcelFilterQuery(QuerySchema):
    district = f.List(f.String(), metadata={"description": "6-digit GB/T 2260 district codes; any when omitted"})
    zone_kind = _codes(ZONE_KINDS, "Parcels in a zone of these kinds")
    land_use = _codes(LAND_USE_CLASSES, "GB 50137 land-use classes")
    status = _codes(PARCELS.statuses, "Parcel statuses; every live parcel when omitted")
    area_min = f.String(metadata={"description": "Smallest area, in area_unit", "example": "1.5"})
    area_max = f.String(metadata={"description": "Largest area, in area_unit"})
    area_unit = f.String(metadata={"enum": list(AREA_UNITS), "description": "Unit of area_min and area_max (default m2)"})
    code = f.String(metadata={"description": "The start of the parcel code, as the search box reads it "
                                             "(case and full-width characters aside)"})
    project = f.String(metadata={"enum": list(PROJECT_TIES), "description": "with: held by a project you may "
                                                                            "read; without: by none you may read"})
    sort = f.String(metadata={"enum": list(PARCELS.sortable), "description": f"Default {PARCELS.sort}"})
    dir = f.String(validate=one_of(("asc", "desc")), metadata={"description": "Default asc"})


class ParcelListQuery(ParcelFilterQuery):
    page = f.Integer(load_default=1, metadata={"minimum": 1, "maximum": MAX_PAGE})
    page_size = f.Integer(load_default=DEFAULT_PAGE_SIZE, metadata={"enum": list(PAGE_SIZES)})


class ParcelExportQuery(ParcelFilterQuery):
    format = f.String(load_default="xlsx", metadata={"enum": list(svc.FORMATS)})


class ProjectRefOut(ma.Schema):
    id = f.Integer()
    reference = f.String()
    href = f.Function(lambda ref: record_href("project", ref["id"]), metadata={"type": "string"})


class ParcelRowOut(ma.Schema):
    id = f.Integer()
    code = f.String()
    district_code = f.String(allow_none=True)
    zone_kind = f.String(metadata={"description": "The kind of zone it lies in (other: in none)"})
    land_use_class = f.String()
    area_m2 = f.Float(metadata={"description": "geodesic, m²"})
    status = f.String()
    is_illustrative = f.Boolean()
    projects = f.List(f.Nested(ProjectRefOut), metadata={"description": "The projects you may read that hold it, "
                                                                        "the oldest year first"})
    href = f.Function(lambda row: record_href("parcel", row["id"]), metadata={
        "type": "string", "description": "The parcel in this API (GeoJSON)"})


class ParcelPageOut(PageOut):
    area_m2 = f.Float(metadata={"description": "The area of every parcel the filters select (all pages), m²"})
    items = f.List(f.Nested(ParcelRowOut))


def _domain_args(args: dict[str, Any]) -> dict[str, list[str]]:
    """The schema's values as the page's query string reads them (``dir`` is the page's ``order``)."""
    named = {"order" if key == "dir" else key: value for key, value in args.items() if key != "format"}
    return {key: [str(v) for v in value] if isinstance(value, list) else [str(value)] for key, value in named.items()}


@bp.get("")
@bp.arguments(ParcelListQuery, location="query")
@bp.response(200, ParcelPageOut)
@problems(bp, 401, 422, 429)
def index(args):
    """Every live parcel the filters select (every role reads every parcel), sorted and paged like the
    parcel list page, each with the projects you may read that hold it.

    District staff read their district's projects and approved projects elsewhere; they are not
    narrowed to their district's parcels (name ``district``). A page beyond the last has no items.
    """
    result = svc.list_parcels(get_session(), current_actor(), parse_parcel_query(_domain_args(args)))
    query = result.query
    filters = {key: value for key, value in args.items() if key not in ("page", "page_size", "sort", "dir")}
    links = page_links("api_parcels.index", result.page, result.pages, **filters, sort=query.sort,
                       dir="desc" if query.descending else "asc", page_size=query.limit)
    body = {"items": [listed.to_dict() for listed in result.rows], "total": result.totals.count,
            "area_m2": result.totals.area_m2, "page": result.page, "page_size": query.limit, "pages": result.pages,
            **links}
    headers = {"Link": f'<{links["next"]}>; rel="next"'} if links["next"] else {}
    return body, 200, headers


EXPORT_RESPONSES = {200: {
    "description": "Every parcel the filters select (all pages, in the list's order), as the page's download: "
                   "an attachment named parcels[-<district codes>][-filtered]-YYYY-MM-DD.xlsx or .csv, "
                   "headers in your language",
    "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}},
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "format": "binary"}}},
    "headers": {"Content-Disposition": {"schema": {"type": "string"}}}}}


@bp.get("/export")
@bp.arguments(ParcelExportQuery, location="query")
@bp.doc(responses=EXPORT_RESPONSES)
@problems(bp, 401, 422, 429)
def export(args):
    """Download the parcels of the list's filters as XLSX or CSV, as the page's 导出 does.

    The filters and ``sort``/``dir`` of ``GET /parcels``, without paging; at most 200,000 parcels
    (422 beyond: narrow the filters). The download is an audit entry under your name.
    """
    exported = svc.export_parcel_list(get_session(), current_actor(), parse_parcel_query(_domain_args(args)),
                                      args["format"], translate)
    response = Response(exported.content, content_type=exported.mimetype)
    response.headers["Content-Disposition"] = content_disposition(exported.filename, exported.filename)
    response.headers["Cache-Control"] = "private, no-store"
    return response
