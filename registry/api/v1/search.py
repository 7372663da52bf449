"""/api/v1/search: the search box's answer as JSON (the same service as the page ``/search``)."""
from __future__ import annotations

import marshmallow as ma
from flask import url_for
from marshmallow import fields as f

from registry.api.v1.core import Blueprint, QuerySchema, in_range, one_of, problems
from registry.api.v1.project_out_schemas import ProjectSummaryOut
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import ValidationError
from registry.domain.search import EMPTY, FIELD, MAX_LENGTH, SUBSTRING_MIN, SearchText
from registry.services import search as service

bp = Blueprint("api_search", __name__, url_prefix="/api/v1",
               description="One search over projects, enterprises and parcels, as the search box of the pages")

def record_href(kind: str, record_id: int, credit_code: str | None = None) -> str:
    """Where this API reads a record (an enterprise by its credit code)."""
    if kind == "project":
        return url_for("api_projects.read", project_id=record_id, _external=True)
    if kind == "parcel":
        return url_for("api_places.parcel", parcel_id=record_id, _external=True)
    return url_for("api_reference.enterprise", credit_code=credit_code, _external=True)


class SearchQuery(QuerySchema):
    q = f.String(required=True, metadata={
        "description": f"A project's name or reference, an enterprise's name (or former name) or credit code, a parcel code, whole or in "
                       f"part; case, full-width characters and spaces around it aside; at most {MAX_LENGTH} characters. "
                       f"Matched anywhere in names; in references and credit codes anywhere from {SUBSTRING_MIN} "
                       f"characters, else at their start; parcel codes at their start",
        "example": "2013-310115-0001"})
    kind = f.String(validate=one_of(service.KINDS), metadata={"description": "One kind only, to page through it"})
    page = f.Integer(load_default=1, validate=in_range(1, service.MAX_PAGE))
    page_size = f.Integer(load_default=service.GROUP_SIZE, validate=in_range(1, service.MAX_PAGE_SIZE))


def _hit_schema(name: str, record: str, fields: dict[str, f.Field]) -> type[ma.Schema]:
    href = f.Function(lambda hit: record_href(record, hit.id, getattr(hit, "credit_code", None)),
                      metadata={"type": "string", "description": "The record in this API"})
    return type(name, (ma.Schema,), {"id": f.Integer(), **fields, "is_illustrative": f.Boolean(), "href": href})


class SearchProjectHit(ProjectSummaryOut):
    """A project found: as the project list gives it, and where to read it."""

    href = f.Function(lambda hit: record_href("project", hit.id),
                      metadata={"type": "string", "description": "The record in this API"})


EnterpriseHitOut = _hit_schema("SearchEnterpriseHit", "enterprise", {
    "name": f.String(), "credit_code": f.String(), "district_code": f.String(allow_none=True),
    "former_name": f.String(allow_none=True, metadata={
        "description": "The former name (曾用名) q matched, when the current name does not hold q"})})
ParcelHitOut = _hit_schema("SearchParcelHit", "parcel", {
    "code": f.String(), "district_code": f.String(allow_none=True),
    "area_m2": f.Float(metadata={"description": "geodesic, m²"}), "land_use_class": f.String(), "status": f.String(),
    "valid_to": f.Date(allow_none=True, metadata={"description": "Ended by a split or merge on this day"})})


def _group_schema(name: str, hit: type[ma.Schema]) -> type[ma.Schema]:
    return type(name, (ma.Schema,), {
        "total": f.Integer(metadata={"description": f"Matches you may read, at most {service.CAP}"}),
        "more": f.Boolean(metadata={"description": f"More than {service.CAP} match: the best of the first "
                                                   f"{service.CAP} found are listed and paged"}),
        "page": f.Integer(),
        "page_size": f.Integer(), "pages": f.Integer(), "items": f.List(f.Nested(hit)),
        "next": f.String(allow_none=True, metadata={"description": "This kind's next page"})})


class SearchExact(ma.Schema):
    kind = f.String(metadata={"enum": list(service.RECORD_KINDS)})
    id = f.Integer()
    href = f.String()


class SearchDistrict(ma.Schema):
    code = f.String(metadata={"description": "GB/T 2260"})
    name_zh = f.String()
    name_en = f.String()
    href = f.Function(lambda hit: url_for("api_places.district", code=hit.code, _external=True),
                      metadata={"type": "string", "description": "The district in this API"})


class SearchOut(ma.Schema):
    query = f.String(metadata={"description": "q as searched: normalised (NFKC, spaces folded)"})
    anywhere = f.Boolean(metadata={"description": f"false: shorter than {SUBSTRING_MIN} characters, so references "
                                                  "and credit codes were matched at their start only"})
    exact = f.Nested(SearchExact, allow_none=True, metadata={
        "description": "The one record q names whole (a credit code, reference or parcel code), if one; the page "
                       "opens it"})
    districts = f.List(f.Nested(SearchDistrict), metadata={
        "description": "The districts q names whole (闵行, 闵行区, Minhang, 310112; not a part of a name); absent when "
                       "kind is given; the project and parcel lists take their code as district="})
    projects = f.Nested(_group_schema("SearchProjects", SearchProjectHit))
    enterprises = f.Nested(_group_schema("SearchEnterprises", EnterpriseHitOut))
    parcels = f.Nested(_group_schema("SearchParcels", ParcelHitOut))


def _next(args: dict, group: service.Group) -> str | None:
    if group.page >= group.pages:
        return None
    return url_for("api_search.search", q=args["q"], kind=group.kind, page=group.page + 1,
                   page_size=group.page_size, _external=True)


@bp.get("/search")
@bp.arguments(SearchQuery, location="query")
@bp.response(200, SearchOut)
@problems(bp, 401, 422, 429)
def search(args):
    """Projects, enterprises and parcels matching q, best first (a whole identifier, then a name or
    identifier starting with q, then one holding it), at most page_size of each kind with how many
    match in all. Only what you may read is found or counted (district staff: their district's
    projects and approved ones elsewhere)."""
    result = service.search(get_session(), current_actor(), args["q"], args.get("kind"), args["page"],
                            args["page_size"])
    if result.text is None:
        raise ValidationError.single(FIELD, EMPTY)
    body: dict = {"query": result.text, "anywhere": result.anywhere, "exact": None}
    if not args.get("kind"):  # one kind paged: no districts either, as no other kind
        body["districts"] = result.districts
    if result.exact is not None:
        kind, record_id = result.exact
        body["exact"] = {"kind": kind, "id": record_id,
                         "href": record_href(kind, record_id, SearchText(result.text).credit_code)}
    for group in result.groups:
        body[group.kind] = {"total": group.total, "more": group.more, "page": group.page, "page_size": group.page_size,
                            "pages": group.pages, "items": group.items, "next": _next(args, group)}
    return body
