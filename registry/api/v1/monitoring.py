"""/api/v1/monitoring: the key energy users' monitored consumption (能耗在线监测) as JSON — listed as
the monitoring page lists it (reviewers and administrators every figure, district staff their
district's enterprises', planners none), and loaded by administrators as a file is loaded: every row
checked, all or nothing, one audit entry (services/monitoring.py, docs/api.md)."""
from __future__ import annotations

from flask import Response

from registry.api.v1 import monitoring_schemas as s
from registry.api.v1.core import Blueprint, page_links, problems
from registry.api.v1.idempotency_keys import IDEMPOTENCY_KEY, idempotency_claim, settle_claim
from registry.auth import current_actor
from registry.db import get_session
from registry.request_bodies import json_body
from registry.services import monitoring as svc

bp = Blueprint("api_monitoring", __name__, url_prefix="/api/v1/monitoring",
               description="Key energy users' monitored consumption a year (重点用能单位能耗在线监测)")

EXAMPLE = {"rows": [{"credit_code": "91310115MA1M000015", "year": 2016, "consumption_tce": 1234.5,
                     "source": "市在线监测平台"}], "dry_run": False}


@bp.get("")
@bp.arguments(s.MonitoringListQuery, location="query")
@bp.response(200, s.MonitoringPageOut)
@problems(bp, 401, 403, 422, 429)
def index(args):
    """The monitored figures you may read, by credit code and the latest year first, filtered and
    paged like the monitoring page.

    City reviewers and administrators read every figure, district staff those of enterprises the
    registry places in their district; planners are refused (403). A ``code`` or ``year`` that
    cannot match is 422 naming it.
    """
    page = svc.list_monitoring(get_session(), current_actor(), args.get("code"), args.get("year"), args["page"],
                               args["page_size"])
    links = page_links("api_monitoring.index", page.page, page.pages, code=page.code, year=page.year,
                       page_size=page.page_size)
    body = {"items": page.items, "total": page.total, "page": page.page, "page_size": page.page_size,
            "pages": page.pages, **links}
    return body, 200, ({"Link": f'<{links["next"]}>; rel="next"'} if links["next"] else {})


@bp.post("")
@bp.arguments(s.MonitoringLoadBody, example=EXAMPLE)
@bp.response(200, s.MonitoringLoadOut)
@bp.doc(parameters=[IDEMPOTENCY_KEY])
@problems(bp, 401, 403, 409, 413, 422, 429)
def load(args):
    """Load monitored figures (administrators): the rows of a monitoring file as JSON, all or nothing.

    Every row is checked as a file's row is; one refused row loads nothing and the answer is 422 with
    ``errors`` naming each ``rows[i].<field>`` (``i`` from 0) and why, in your language. A row of a
    code and year already held replaces its figure. The answer counts the rows new, replaced and
    unchanged; ``dry_run`` counts them and writes nothing. A load is one audit entry (channel
    ``api``). ``Idempotency-Key`` (not with ``dry_run``) makes a retry answer the first response.
    """
    claim = None if args["dry_run"] else idempotency_claim(json_body())
    if isinstance(claim, Response):
        return claim
    load = svc.load_monitoring_rows(get_session(), current_actor(), args["rows"], dry_run=args["dry_run"])
    settle_claim(claim, 200, s.MonitoringLoadOut().dump(load), {})
    return load
