"""The API's ``monitoring`` object of a project (在线监测对照): its claimed consumption beside the key
energy-user online monitoring's figure (registry/domain/monitoring.py, docs/accounting.md); and the
figures themselves as ``/api/v1/monitoring`` lists and loads them (registry/api/v1/monitoring.py)."""
from __future__ import annotations

import marshmallow as ma
from flask import url_for
from flask_babel import gettext
from marshmallow import fields as f

from registry.api.v1.core import PageOut, QuerySchema, Schema, bounds, in_range, length
from registry.domain.factors import MIN_YEAR
from registry.domain.monitoring import MAX_SOURCE_CHARS, PART, VERDICTS, WHOLE
from registry.services.monitoring import PAGE_SIZE

MAX_PAGE_SIZE = 500
MAX_ROWS = 20_000  # some 100 bytes a row in JSON: within the 8 MB a JSON body may hold


def _figure(description: str) -> f.Float:
    return f.Float(allow_none=True, metadata={"description": description})


class MonitoringCheckOut(ma.Schema):
    verdict = f.String(metadata={"enum": list(VERDICTS), "description": (
        "consistent; flagged (a whole enterprise's claim beyond the tolerance either way, or a part larger than "
        "the whole); no_data (nothing monitored for the code and year); not_compared (the project claims no "
        "consumption: intensity method, an audit without ledgers)")})
    verdict_text = f.Function(lambda check: gettext(VERDICTS[check.verdict]),
                              metadata={"type": "string", "description": "The verdict in the client's language"})
    flagged = f.Boolean()
    year = f.Integer(allow_none=True, metadata={"description": "The year compared: an exit's baseline year, "
                                                               "else the year before the project's"})
    scope = f.Function(lambda check: check.claim.scope if check.claim else None, allow_none=True, metadata={
        "type": "string", "enum": [WHOLE, PART, None],
        "description": "whole: the enterprise's whole consumption (an exit); part: the consumption before the project "
                       "of a part of it"})
    claimed_tce = f.Function(lambda check: check.claim.consumption_tce if check.claim else None, allow_none=True,
                             metadata={"type": "number", "description": "tce, electricity at 当量值"})
    monitored_tce = _figure("The monitored 综合能源消费量 of the code and year, tce at 当量值; null: no data")
    deviation_percent = _figure("(claimed − monitored) / monitored × 100, a whole claim only; null when the "
                                "monitored figure is 0")
    share_percent = _figure("claimed / monitored × 100, a part only")
    tolerance_percent = _figure("The operator's tolerance for a whole claim (REGISTRY_MONITORING_TOLERANCE_PERCENT)")


# ---- /api/v1/monitoring: the figures themselves ----

class MonitoringListQuery(QuerySchema):
    code = f.String(metadata={"description": "A credit code or its start (full-width and lower case read as typed "
                                             "on the page)", "example": "91310115"})
    year = f.String(metadata={"description": f"One year, {MIN_YEAR} or later", "example": "2016"})
    page = f.Integer(load_default=1, validate=in_range(1, 1_000_000))
    page_size = f.Integer(load_default=PAGE_SIZE, validate=in_range(1, MAX_PAGE_SIZE))


class MonitoredOut(ma.Schema):
    credit_code = f.String()
    year = f.Integer()
    consumption_tce = f.Float(metadata={"description": "综合能源消费量, tce at 当量值"})
    source = f.String(allow_none=True)
    loaded_at = f.DateTime()
    loaded_by = f.String(allow_none=True, metadata={"description": "Who loaded it; null: the system"})
    enterprise_name = f.String(allow_none=True, metadata={"description": "The registry's enterprise of the code; "
                                                                          "null: the registry holds none"})
    enterprise = f.Function(lambda row: url_for("api_reference.enterprise", credit_code=row.credit_code,
                                                _external=True) if row.enterprise_id else None,
                            allow_none=True, metadata={"type": "string", "description": "The enterprise in this API"})


class MonitoringPageOut(PageOut):
    items = f.List(f.Nested(MonitoredOut))


class MonitoredRowIn(Schema):
    """A row as a file holds it; the cells are checked by the file's rules (docs/accounting.md §14)."""

    credit_code = f.Raw(required=True, metadata={"type": "string", "description": "统一社会信用代码 (GB 32100)",
                                                 "example": "91310115MA1M000015"})
    year = f.Raw(required=True, metadata={"type": "integer", **bounds(MIN_YEAR), "description": "Up to this year"})
    consumption_tce = f.Raw(required=True, metadata={"type": "number", **bounds(0),
                                                     "description": "综合能源消费量, tce at 当量值"})
    source = f.Raw(allow_none=True, metadata={"type": "string", "maxLength": MAX_SOURCE_CHARS, "nullable": True})


class MonitoringLoadBody(Schema):
    rows = f.List(f.Nested(MonitoredRowIn), required=True, validate=length(1, MAX_ROWS),
                  metadata={"description": f"1 to {MAX_ROWS:,} rows; a code and year at most once"})
    dry_run = f.Boolean(load_default=False, metadata={"description": "Check and count; write nothing"})


class MonitoringLoadOut(ma.Schema):
    rows = f.Integer(attribute="rows_read", metadata={"description": "Rows read"})
    inserted = f.Integer(metadata={"description": "Figures of a code and year not held before"})
    replaced = f.Integer(metadata={"description": "Held figures whose consumption or source the load replaced"})
    unchanged = f.Integer(metadata={"description": "Held figures the rows repeat as they are"})
    dry_run = f.Boolean(metadata={"description": "true: nothing was written, the counts say what a load would do"})
