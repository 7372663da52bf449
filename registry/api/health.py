"""``/healthz``: is the database reachable, which PostGIS, which migration revision."""
from __future__ import annotations

from flask import Blueprint, jsonify

from registry.db import get_session
from registry.services import health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    report = health.check(get_session())
    return jsonify(report.as_dict()), 200 if report.ok else 503
