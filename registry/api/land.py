"""``/api/v1/land``: freed land, its lifecycle, matching and land output as JSON (and exports).

Thin: parse, call the same services as the pages, render. Writes are for planners (checked in
the services); errors become problem+json in ``registry.errors_web``.
"""
from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask_babel import get_locale

from registry.auth import current_actor
from registry.db import get_session
from registry.downloads import export_response, parcels_response
from registry.domain.errors import N_, ValidationError
from registry.domain.freed_land import parse_land_query
from registry.domain.numbers import optional_whole_number
from registry.user_messages import message_text
from registry.i18n import translate
from registry.report_caches import LAND_OUTPUT_CACHE
from registry.request_bodies import json_body
from registry.services import freed_land, land_exports, land_output, land_output_exports, lineage, matching, redevelopment

bp = Blueprint("api_land", __name__, url_prefix="/api/v1/land")


def query_args() -> dict[str, list[str]]:
    return {k: request.args.getlist(k) for k in request.args}


def body() -> dict:
    data = json_body()  # checked in registry.request_bodies; money keeps every digit
    if not isinstance(data, dict):
        raise ValidationError.single("body", N_("must be a JSON object (Content-Type: application/json)"))
    return data


@bp.get("/freed")
def freed():
    query = parse_land_query(query_args())
    return jsonify(freed_land.find_freed_land(get_session(), current_actor(), query).to_dict())


@bp.get("/freed/export.<fmt>")
def export(fmt: str):
    query = parse_land_query(query_args())
    return parcels_response(land_exports.export_freed_land(get_session(), current_actor(), query, fmt, translate))


@bp.get("/parcels/<int:parcel_id>")
def parcel(parcel_id: int):
    return jsonify(redevelopment.parcel_detail(get_session(), current_actor(), parcel_id).to_dict())


@bp.post("/parcels/<int:parcel_id>/plan")
def plan(parcel_id: int):
    return jsonify(redevelopment.plan_redevelopment(get_session(), current_actor(), parcel_id, body()).to_dict())


@bp.post("/parcels/<int:parcel_id>/withdraw")
def withdraw(parcel_id: int):
    return jsonify(redevelopment.withdraw_plan(get_session(), current_actor(), parcel_id).to_dict())


@bp.post("/parcels/<int:parcel_id>/complete")
def complete(parcel_id: int):
    return jsonify(redevelopment.complete_redevelopment(get_session(), current_actor(), parcel_id, body()).to_dict())


@bp.post("/parcels/<int:parcel_id>/outputs")
def outputs(parcel_id: int):
    return jsonify(redevelopment.record_output(get_session(), current_actor(), parcel_id, body()).to_dict())


@bp.post("/parcels/<int:parcel_id>/split")
def split(parcel_id: int):
    data = body()
    if "line" in data:  # a line across the parcel: its pieces are the parts
        ids = lineage.split_parcel_along(get_session(), current_actor(), parcel_id, data["line"])
    else:
        ids = lineage.split_parcel(get_session(), current_actor(), parcel_id, data.get("parts"))
    return jsonify({"children": ids}), 201


@bp.post("/merge")
def merge():
    data = body()
    ids = data.get("parcel_ids")
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise ValidationError.single("parcel_ids", N_("must be a list of parcel ids"))
    code = data.get("code") if isinstance(data.get("code"), str) else None
    return jsonify({"parcel": lineage.merge_parcels(get_session(), current_actor(), ids, code)}), 201


@bp.route("/matching", methods=["GET", "POST"])
def match():
    data = body() if request.method == "POST" else request.args.to_dict()
    result = matching.match_demand(get_session(), current_actor(), data)
    return jsonify(result.to_dict(message_text))


def _output_args() -> tuple[str, int | None, str | None]:
    return (request.args.get("level") or "district", optional_whole_number(request.args.get("year"), "year"),
            request.args.get("sort") or None)


@bp.get("/output")
def output():
    """The land-output report (at the parcel level its first 500 lines, ``total_lines`` says how many)."""
    level, year, sort = _output_args()
    report = land_output.land_output(get_session(), current_actor(), level, year, sort, cache=LAND_OUTPUT_CACHE.get())
    return jsonify(report.to_dict())


@bp.get("/output/export.<fmt>")
def output_export(fmt: str):
    """The report with every line as a download (xlsx, csv, json), as the page's; an audit entry."""
    level, year, sort = _output_args()
    land_output_exports.check_format(fmt)
    return export_response(lambda out: land_output_exports.export_land_output(
        get_session(), current_actor(), level, year, sort, fmt, out, translate, str(get_locale()) == "en",
        cache=LAND_OUTPUT_CACHE.get()))
