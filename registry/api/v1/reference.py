"""/api/v1/enterprises, /factors and /targets."""
from __future__ import annotations


from registry.api.v1 import place_schemas as s
from registry.api.v1.core import Blueprint, problems
from registry.db import get_session
from registry.services import enterprises, targets
from registry.services import savings as savings_service

bp = Blueprint("api_reference", __name__, url_prefix="/api/v1",
               description="Enterprises by credit code, GB/T 2589 factors, targets")


@bp.get("/enterprises/<credit_code>")
@bp.response(200, s.EnterpriseOut)
@problems(bp, 401, 404, 422, 429)
def enterprise(credit_code: str):
    """The enterprise with this unified social credit code (422 naming the fault if it is malformed)."""
    return enterprises.find_by_credit_code(get_session(), credit_code)


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
