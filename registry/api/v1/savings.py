"""``POST /api/v1/savings/preview``: the savings of an input document, as the CLI prints them."""
from __future__ import annotations

from registry.api.v1 import place_schemas as s
from registry.api.v1.core import Blueprint, problems
from registry.db import get_session
from registry.domain.errors import N_, ValidationError
from registry.user_messages import show_values
from registry.i18n import translate
from registry.request_bodies import json_body
from registry.services import savings as savings_service

bp = Blueprint("api_savings", __name__, url_prefix="/api/v1/savings",
               description="Savings of an input document (GB/T 2589, both electricity bases), nothing stored")

MOTOR_EXAMPLE = {"kind": "motor_upgrade", "year": 2013, "motors": [
    {"count": 1, "rated_kw": 55, "load_factor": 0.75, "hours_per_year": 6000,
     "efficiency_before": 0.921, "efficiency_after": 0.946}]}


@bp.post("/preview")
@bp.arguments(s.SavingsDocument, example=MOTOR_EXAMPLE)
@bp.response(200, s.SavingsOut)
@problems(bp, 401, 422, 429)
def preview(_document):
    """The savings of an input document (docs/accounting.md) with its trace; nothing is stored."""
    document = json_body()  # as sent, numbers exact: the engine reads them as written
    if not isinstance(document, dict):
        raise ValidationError.single("document", N_("must be a JSON object (Content-Type: application/json)"))
    return savings_service.compute(get_session(), document).to_dict(translate, show_values())
