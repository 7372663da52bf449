"""/api/v1/quality: the data-quality checks (数据质量检查) as JSON, the page ``/quality/``'s service:
each check with why it matters, how many records fail it that you may read, and the list (page and
API) that shows exactly those records."""
from __future__ import annotations

from flask import url_for
from marshmallow import Schema
from marshmallow import fields as f

from registry.api.v1.core import Blueprint, QuerySchema, problems
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.quality import CHECKS, ENTERPRISES, PARCELS, PROJECTS, RECORDS
from registry.i18n import translate
from registry.services import quality as svc

bp = Blueprint("api_quality", __name__, url_prefix="/api/v1/quality",
               description="Data-quality checks: the records that need attention, counted, with the lists that show them")

# The list of each kind of record: the page (web/quality.py's) and this API's
PAGES = {PROJECTS: "projects.index", ENTERPRISES: "enterprises.index", PARCELS: "parcel_list.index"}
LISTS = {PROJECTS: "api_projects.index", ENTERPRISES: "api_enterprises.index", PARCELS: "api_parcels.index"}


def _href(endpoints: dict[str, str], result: svc.CheckResult) -> str:
    return url_for(endpoints[result.check.records], **dict(result.link), _external=True)


class QualityQuery(QuerySchema):
    district = f.String(metadata={"description": "City roles: the records of this GB/T 2260 district only (default: "
                                                 "the city's); district staff always check their own district's",
                                  "example": "310115"})


class CheckOut(Schema):
    id = f.Function(lambda r: r.check.id, metadata={"type": "string", "enum": [c.id for c in CHECKS]})
    records = f.Function(lambda r: r.check.records, metadata={
        "type": "string", "enum": list(RECORDS), "description": "Which records: the list that shows them"})
    label = f.Function(lambda r: translate(r.check.label), metadata={"type": "string", "description": "In your language"})
    why = f.Function(lambda r: translate(r.check.why), metadata={"type": "string", "description": "Why it matters"})
    failing = f.Integer(metadata={"description": "Records failing it that you may read: the linked list's total"})
    parameters = f.Function(lambda r: dict(r.link), metadata={
        "type": "object", "additionalProperties": {"type": "string"},
        "description": "The list's query parameters that select exactly those records"})
    href = f.Function(lambda r: _href(PAGES, r), metadata={"type": "string", "description": "The list page"})
    list = f.Function(lambda r: _href(LISTS, r), metadata={"type": "string", "description": "The list in this API"})


class QualityOut(Schema):
    district_code = f.String(allow_none=True, metadata={"description": "Whose records were checked; null: the city's"})
    checks = f.List(f.Nested(CheckOut), attribute="results")


@bp.get("")
@bp.arguments(QualityQuery, location="query")
@bp.response(200, QualityOut)
@problems(bp, 401, 422, 429)
def index(args):
    """The data-quality checks and how many records you may read fail each.

    City roles check the city (or ``district``); district staff their own district. Each check's
    ``list`` is this API's list of those records, whose ``total`` is ``failing``.
    """
    return svc.quality_report(get_session(), current_actor(), args.get("district"))
