"""``GET /api/v1/rollups?year=&as_of=&district=&rule=[&frozen=1]``: the rollup as JSON."""
from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask_babel import get_locale

from registry import clock
from registry.db import get_session
from registry.domain.rollups import parse_rollup_query
from registry.i18n import translate
from registry.services import rollups as service
from registry.services.district_filter import require_known_districts
from registry.services.rollup_reports import rollup_json

bp = Blueprint("api_rollups", __name__, url_prefix="/api/v1/rollups")


@bp.get("")
def rollup():
    today = clock.today()
    query = parse_rollup_query(request.args, today.year - 1)
    session = get_session()
    require_known_districts(session, [query.district_code])  # a code no district has: 422, not a report of zeros
    if request.args.get("frozen"):
        report = service.frozen_rollup(session, query.year, query.rule, query.district_code)
    else:
        report = service.rollup(session, query)
    return jsonify(rollup_json(report, translate, today, str(get_locale()) == "en", service.report_notes(session, report)))
