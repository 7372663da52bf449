"""/api/v1/enterprises: the enterprise directory (企业名录) as JSON, the page ``/enterprises/``'s
service and filters, and its download (``/export``, the page's 导出); one enterprise by its credit code
is ``api_reference.enterprise``."""
from __future__ import annotations

import marshmallow as ma
from flask import url_for
from flask_babel import get_locale
from marshmallow import fields as f

from registry.api.v1.core import (
    Blueprint, PageOut, QuerySchema, export_responses, in_range, one_of, page_links, problems,
)
from registry.api.v1.place_schemas import EnterpriseFields
from registry.api.v1.project_schemas import DISTRICT_CODE
from registry.auth import current_actor
from registry.db import get_session
from registry.downloads import export_response
from registry.domain.industries import NOT_A_PREFIX, industry_prefix
from registry.domain.quality import ENTERPRISES, listed_checks
from registry.i18n import translate
from registry.services import enterprise_directory as svc
from registry.services import enterprise_exports

bp = Blueprint("api_enterprises", __name__, url_prefix="/api/v1/enterprises",
               description="The enterprise directory: enterprises filtered, sorted and paged, with their projects counted")

def _industry(value: str) -> None:
    if industry_prefix(value) is None:
        raise ma.ValidationError(NOT_A_PREFIX)


class EnterpriseFilterQuery(QuerySchema):
    """The directory's filters and order: the list's (paged) and its export's."""

    q = f.String(metadata={"description": "Part of the name, of a former name (曾用名) or of the credit code, "
                                          "matched as the search box matches them (GET /search)"})
    district = f.String(metadata=DISTRICT_CODE)
    industry = f.String(validate=_industry, metadata={
        "description": "GB/T 4754-2017 code prefix: a section (C), a division (C26), a group (C261)…", "example": "C26"})
    projects = f.String(validate=one_of(svc.WITH_PROJECTS), metadata={
        "description": "with: at least one project you may read; without: none"})
    check = f.String(validate=one_of(listed_checks(ENTERPRISES)), metadata={
        "description": "A data-quality check (GET /quality): the enterprises failing it"})
    sort = f.String(load_default="name", validate=one_of(svc.SORT_KEYS))
    dir = f.String(validate=one_of(("asc", "desc")), metadata={
        "description": "Default: asc for name, credit_code and district; desc for projects and latest_year"})


class EnterpriseListQuery(EnterpriseFilterQuery):
    page = f.Integer(load_default=1, validate=in_range(1, 1_000_000))
    page_size = f.Integer(load_default=25, validate=in_range(1, svc.MAX_PAGE_SIZE))


class EnterpriseExportQuery(EnterpriseFilterQuery):
    format = f.String(load_default="xlsx", validate=one_of(enterprise_exports.FORMATS),
                      metadata={"description": "xlsx (a workbook with an About sheet) or csv (UTF-8 with BOM)"})


class DirectoryRowOut(EnterpriseFields):
    is_illustrative = f.Boolean()
    projects = f.Integer(metadata={"description": "Its projects you may read"})
    latest_year = f.Integer(allow_none=True, metadata={"description": "The latest year among them"})
    former_name = f.String(allow_none=True, metadata={
        "description": "The former name (曾用名) q matched, when the current name does not hold q"})
    href = f.Function(lambda row: url_for("api_reference.enterprise", credit_code=row.credit_code, _external=True),
                      metadata={"type": "string", "description": "The enterprise in this API"})


class EnterprisePageOut(PageOut):
    items = f.List(f.Nested(DirectoryRowOut))


def _filters(args: dict, **paging: int) -> svc.EnterpriseFilter:
    """The list's (and its export's) query as the directory's service reads it."""
    sort = args["sort"]
    direction = args.get("dir") or ("desc" if sort in svc.FIRST_DESCENDING else "asc")
    return svc.EnterpriseFilter(
        text=args.get("q") or None, district_code=args.get("district") or None,
        industry=industry_prefix(args.get("industry")), with_projects=svc.WITH_PROJECTS.get(args.get("projects", "")),
        check=args.get("check"), sort=sort, descending=direction == "desc", **paging)


@bp.get("")
@bp.arguments(EnterpriseListQuery, location="query")
@bp.response(200, EnterprisePageOut)
@problems(bp, 401, 422, 429)
def index(args):
    """Enterprises (every role reads every one), filtered, sorted and paged like the directory page;
    each with the number of its projects you may read and the latest year among them.

    District staff's counts hold their district's projects and approved projects elsewhere.
    """
    filters = _filters(args, page=args["page"], page_size=args["page_size"])
    result = svc.list_enterprises(get_session(), current_actor(), filters)
    links = page_links("api_enterprises.index", result.page, result.pages, q=args.get("q"),
                       district=args.get("district"), industry=filters.industry, projects=args.get("projects"),
                       check=args.get("check"), sort=filters.sort, dir="desc" if filters.descending else "asc",
                       page_size=result.page_size)
    body = {"items": result.items, "total": result.total, "page": result.page, "page_size": result.page_size,
            "pages": result.pages, **links}
    headers = {"Link": f'<{links["next"]}>; rel="next"'} if links["next"] else {}
    return body, 200, headers


@bp.get("/export")
@bp.arguments(EnterpriseExportQuery, location="query")
@bp.doc(responses=export_responses(
    "Every enterprise the filters select (all pages, in the list's order), with its projects you may read counted, "
    "as an attachment named enterprises-YYYY-MM-DD.xlsx or .csv; X-Registry-Exported: how many",
    enterprise_exports.FORMATS.values()))
@problems(bp, 401, 422, 429)
def export(args):
    """Download the enterprises of the directory's filters as XLSX or CSV, headers in your language.

    The filters and ``sort``/``dir`` of ``GET /enterprises``, without paging (district staff are not
    narrowed to their district: name ``district``); at most 100,000 enterprises (422 beyond, saying
    how many matched: narrow the filters). The download is an audit entry under your name.
    """
    filters = _filters(args)
    return export_response(lambda out: enterprise_exports.export_enterprises(
        get_session(), current_actor(), filters, args["format"], out, translate, str(get_locale()) == "en"))
