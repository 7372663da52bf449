"""/api/v1/enterprises (read and corrected), /factors and /targets."""
from __future__ import annotations

from flask import url_for

from registry.api.v1 import place_schemas as s
from registry.api.v1.core import Blueprint, problems
from registry.api.v1.etags import etag, expected_version, precondition
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.credit_code import normalize_credit_code
from registry.services import enterprise_edits, enterprises, monitoring, targets
from registry.services import savings as savings_service

bp = Blueprint("api_reference", __name__, url_prefix="/api/v1",
               description="Enterprises by credit code (corrected with ETag/If-Match), GB/T 2589 factors, targets")

IF_MATCH = {"in": "header", "name": "If-Match", "schema": {"type": "string"},
            "description": 'The ETag you read, e.g. "91310115MA1K000021-3"'}
ETAG_HEADER = {"ETag": {"description": "The enterprise's version; send it back in If-Match", "schema": {"type": "string"}}}


def _with_etag(view: enterprises.EnterpriseView):
    """The enterprise as the API answers it: its details, its former names, its monitored consumption
    (``null``: the reader reads none) and its projects' list, with its version as ETag."""
    session = get_session()
    figures = monitoring.enterprise_figures(session, current_actor(), view.credit_code, view.district_code)
    body = vars(view) | {"former_names": enterprises.enterprise_former_names(session, view.id), "monitoring": figures,
                         "projects_href": url_for("api_projects.index", enterprise=view.credit_code, _external=True)}
    return body, 200, {"ETag": etag(view.credit_code, view.version)}


@bp.get("/enterprises/<credit_code>")
@bp.response(200, s.EnterpriseOut, headers=ETAG_HEADER)
@problems(bp, 401, 404, 422, 429)
def enterprise(credit_code: str):
    """The enterprise with this unified social credit code (422 naming the fault if it is malformed)."""
    return _with_etag(enterprises.find_by_credit_code(get_session(), credit_code))


@bp.patch("/enterprises/<credit_code>")
@bp.arguments(s.EnterprisePatchBody, example={"name": "上海新名电机股份有限公司", "address": "浦东新区科苑路 2 号"})
@bp.response(200, s.EnterpriseOut, headers=ETAG_HEADER)
@bp.doc(parameters=[IF_MATCH | {"required": True}])
@problems(bp, 401, 403, 404, 409, 412, 422, 428, 429)
def edit_enterprise(args, credit_code: str):
    """Correct an enterprise's name, industry code, district or address, as its page does:
    administrators any, district staff their district's. ``If-Match`` is required: 412 if it is
    stale. An unchanged body answers the same version and adds nothing to the history."""
    code = normalize_credit_code(credit_code)
    expected = expected_version(code, required=True, entity="enterprise")
    edited = precondition(lambda: enterprises.find_by_credit_code(get_session(), code).version, expected,
                          lambda: enterprise_edits.edit_enterprise(get_session(), current_actor(), code, args, expected))
    return _with_etag(edited.enterprise)


@bp.get("/factors")
@bp.arguments(s.YearQuery, location="query")
@bp.response(200, s.FactorTableOut)
@problems(bp, 401, 422, 429)
def factors(args):
    """The standard-coal factors in force in a year and that year's electricity 等价值."""
    return savings_service.factor_table_for_year(get_session(), args["year"])


@bp.get("/targets")
@bp.arguments(s.YearQuery, location="query")
@bp.response(200, s.TargetOut(many=True))
@problems(bp, 401, 422, 429)
def target_list(args):
    """The year's targets (plans and published actuals), city-wide and per district."""
    return targets.list_targets(get_session(), args["year"])
