"""The reference data page: the standard-coal factors and the electricity equal values (等价值) the
registry computes with — readable by every signed-in user (a reviewer checks a trace against them) —
and, for administrators, recording a year's equal value (services/reference_data.py)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.display import ENERGY_LABELS
from registry.domain.vocabulary import EMC_MODELS, PROJECT_KINDS
from registry.domain.errors import ValidationError
from registry.domain.factors import EQUAL_VALUE_MAX, EQUAL_VALUE_MIN
from registry.domain.messages import REFERENCE_PAGE
from registry.user_messages import field_texts, message_text
from registry.services import audit_trail
from registry.services import reference_data as service
from registry.services.subsidies import subsidy_rules

bp = Blueprint("reference", __name__, url_prefix="/reference")


def _render(errors: dict[str, str] | None = None, form=None, status: int = 200,
            held: service.EqualValueHeld | None = None):
    session, actor = get_session(), current_actor()
    equal_values = service.equal_values(session)
    # who recorded each year's value and when (administrators, who read the trail): one statement
    recorded = audit_trail.last_recorded(session, actor, "equal_value", [e.year for e in equal_values]) \
        if actor.is_admin else {}
    return render_template("reference/index.html", equal_values=equal_values, recorded=recorded,
                           recorded_years=[int(year) for year in recorded],
                           factors=service.factor_rows(session), energy_labels=ENERGY_LABELS,
                           subsidy_rules=subsidy_rules(session), kinds=PROJECT_KINDS, emc_models=EMC_MODELS,
                           errors=errors or {}, form=form or {}, value_min=EQUAL_VALUE_MIN, value_max=EQUAL_VALUE_MAX,
                           is_admin=actor.is_admin, title=gettext(REFERENCE_PAGE),
                           held=held, held_text=message_text(held) if held else None), status


def _replaced(text: str | None) -> Decimal | None:
    """The value the form was shown as the year's (its question after a first try), None for none."""
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:  # a crafted value: asked again, with the value the year holds
        return None
    # a NaN or an infinity is no value the page showed (a signalling NaN raised in the comparison)
    return value if value is not None and value.is_finite() else None


@bp.get("")
def index():
    return _render()


@bp.post("/equal-values")
def record_equal_value():
    form = request.form
    try:
        recorded = service.record_equal_value(get_session(), current_actor(), form.get("year", ""),
                                              form.get("value_kgce_per_kwh", ""), form.get("source", ""),
                                              form.get("source_en", ""), form.get("reason", "").strip() or None,
                                              replaces=_replaced(form.get("replaces")))
    except ValidationError as error:
        return _render(field_texts(error), form, 422)
    except service.EqualValueHeld as held:
        # the year has a value: what it is, and the form as typed to record this one over it (asked once more)
        return _render(form=form, status=409, held=held)
    flash(gettext("Equal value of %(year)s recorded: %(projects)s projects of that year recomputed, "
                  "%(changed)s of them changed.", year=recorded.year, projects=recorded.projects,
                  changed=recorded.changed), "success")
    return redirect(url_for("reference.index") + "#equal-values", 303)
