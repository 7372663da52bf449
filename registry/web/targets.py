"""The targets page (administrators): a year's city and district targets, add/change/remove."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from registry import clock
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import N_, ValidationError
from registry.domain.permissions import ADMIN, require_role
from registry.domain.targets import METRICS, UNITS, parse_target_entry
from registry.i18n import translate
from registry.services import rollups as rollup_service
from registry.services import targets as service

bp = Blueprint("targets", __name__, url_prefix="/targets")


@bp.context_processor
def _translate_dynamic() -> dict:
    # msgids held in data (labels, units such as "%") are translated without %-formatting
    return {"tr": translate}


def _year() -> int:
    raw = request.args.get("year") or request.form.get("year") or str(clock.today().year)
    try:
        return int(raw)
    except ValueError:
        raise ValidationError.single("year", N_("must be a whole number")) from None


@bp.get("")
def index():
    require_role(current_actor(), ADMIN)
    session, year = get_session(), _year()
    return render_template("targets/index.html", year=year, targets=service.list_targets(session, year),
                           years=sorted(set(service.target_years(session)) | {year}), metrics=METRICS, units=UNITS,
                           districts=rollup_service.district_names(session))


@bp.post("")
def save():
    entry = parse_target_entry(request.form.to_dict())
    service.save_target(get_session(), current_actor(), entry)
    return redirect(url_for("targets.index", year=entry.year))


@bp.post("/<int:target_id>/delete")
def delete(target_id: int):
    service.delete_target(get_session(), current_actor(), target_id)
    return redirect(url_for("targets.index", year=_year()))
