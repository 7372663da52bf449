"""The API's ``monitoring`` object of a project (在线监测对照): its claimed consumption beside the key
energy-user online monitoring's figure (registry/domain/monitoring.py, docs/accounting.md)."""
from __future__ import annotations

import marshmallow as ma
from flask_babel import gettext
from marshmallow import fields as f

from registry.domain.monitoring import PART, VERDICTS, WHOLE


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
