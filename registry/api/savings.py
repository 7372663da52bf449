"""``POST /api/v1/savings/preview``: the savings of an input document, as the CLI prints them."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from registry.db import get_session
from registry.domain.errors import N_, ValidationError
from registry.i18n import translate
from registry.services import savings as savings_service

bp = Blueprint("api_savings", __name__, url_prefix="/api/v1/savings")


@bp.post("/preview")
def preview():
    document = request.get_json(silent=True)
    if not isinstance(document, dict):
        raise ValidationError.single("document", N_("must be a JSON object (Content-Type: application/json)"))
    result = savings_service.compute(get_session(), document)
    return jsonify(result.to_dict(translate))
