"""Previews of the parcel page's split and merge forms (static/js/parcel-previews.js): what saving
the form as filled in would make, before it is saved.

The script posts the form itself (its CSRF token included) and asks for JSON; the answer is a GeoJSON
FeatureCollection of the planned parcels, each with its code and geodesic area, or the refusal the
save would give, as problem+json (mapped in ``registry.errors_web``). The services check by the
save's own rule and write nothing (docs/freed-land.md, "Previews").
"""
from __future__ import annotations

from flask import Blueprint, jsonify
from flask_babel import gettext

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.land import area_mu
from registry.i18n import format_figure, noted
from registry.services import lineage
from registry.web.land import form_fields, parcels_to_merge, split_input

bp = Blueprint("land_previews", __name__, url_prefix="/land/parcels/<int:parcel_id>")


def area_text(area_m2: float) -> str:
    """An area as the parcel page gives it (whole m², 亩 to 0.01), with its unit: 12,345 m²（18.52 亩）."""
    return noted(f"{format_figure(area_m2, 'm²')} m²", f"{format_figure(area_mu(area_m2), '亩')} {gettext('mu')}")


def _collection(planned: list[lineage.PlannedParcel]):
    features = [{"type": "Feature", "geometry": p.geometry,
                 "properties": {"code": p.code, "area_m2": p.area_m2, "area_mu": float(area_mu(p.area_m2)),
                                "area_text": area_text(p.area_m2)}} for p in planned]
    response = jsonify({"type": "FeatureCollection", "features": features})
    response.mimetype = "application/geo+json"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/split/preview")
def split(parcel_id: int):
    """The pieces the split form would cut the parcel into (the drawn line, else the typed parts)."""
    return _collection(lineage.preview_split(get_session(), current_actor(), parcel_id, **split_input(form_fields())))


@bp.post("/merge/preview")
def merge(parcel_id: int):
    """The parcel the merge form would make of this one and the parcels ticked or typed."""
    session, form = get_session(), form_fields()
    return _collection([lineage.preview_merge(session, current_actor(), parcels_to_merge(session, parcel_id, form),
                                              form.get("code"))])
