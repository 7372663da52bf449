"""The targets page (administrators): a year's city and district targets, add/change/remove."""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from registry import clock
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import ValidationError
from registry.domain.fields import Errors
from registry.domain.numbers import is_ascii_digits, optional_whole_number, optional_year_number
from registry.domain.permissions import ADMIN, require_role
from registry.domain.presentation import entered_places
from registry.domain.targets import METRICS, UNITS, parse_target_entry
from registry.domain.years import YEARS
from registry.user_messages import field_texts
from registry.i18n import translate
from registry.services import audit_trail
from registry.services import rollups as rollup_service
from registry.services import targets as service
from registry.web.refused_query import refused_lines

bp = Blueprint("targets", __name__, url_prefix="/targets")


@bp.context_processor
def _translate_dynamic() -> dict:
    # msgids held in data (labels, units such as "%") are translated without %-formatting
    return {"tr": translate}


def _year() -> int:
    year = optional_whole_number(request.args.get("year") or request.form.get("year"), "year")
    return clock.today().year if year is None else year


@bp.get("")
def index():
    require_role(current_actor(), ADMIN)
    # Without a year asked for, the year the annual rollup opens on (docs/rollups.md), not an
    # empty current year; this year stays one click away to enter its targets. A year or a target
    # to change the page cannot use (a link typed: ?year=abc) is said above it, that year's page shown.
    refused = Errors()
    year = refused.capture(optional_year_number, request.args.get("year"), "year", *YEARS)
    year = rollup_service.default_year(get_session(), clock.today()) if year is None else year
    changing = refused.capture(optional_whole_number, request.args.get("change"), "change")
    return _render(year, changing=changing, refused=refused_lines(refused))


def _as_typed(value: Decimal | None) -> str:
    """A stored figure as one types it in the form: 1200, 1.5 (not 1.2E+3, not 1,200.00)."""
    return "" if value is None else format(value.normalize(), "f")


def _filled_with(target) -> dict[str, str]:
    """The form filled with a target, to change its value: the five fields that name it as they are."""
    return {"year": str(target.year), "scope": target.scope, "district_code": target.district_code or "",
            "metric": target.metric, "kind": target.kind, "value": _as_typed(target.value),
            "value_max": _as_typed(target.value_max), "source": target.source or ""}


def _render(year: int, errors: dict[str, str] | None = None, form: Mapping[str, str] | None = None,
            status: int = 200, changing: int | None = None, refused: list[str] | None = None,
            held: int | None = None):
    """The year's targets and the form, refilled with ``form`` and its ``errors`` when a save was refused,
    or filled with the target ``changing`` (its row's 修改; an id not of this year fills nothing)."""
    session = get_session()
    targets = service.list_targets(session, year)
    changed = next((t for t in targets if t.id == changing), None)
    held_target = next((t for t in targets if t.id == held), None)
    form = _filled_with(changed) if changed is not None and form is None else form
    # who recorded each target as it stands, and when: its newest entry in the trail, one statement
    recorded = audit_trail.last_recorded(session, current_actor(), "target", [t.id for t in targets])
    return render_template("targets/index.html", year=year, targets=targets, recorded=recorded,
                           unrecorded=any(str(t.id) not in recorded for t in targets),
                           value_places=entered_places(v for t in targets for v in (t.value, t.value_max)),
                           years=sorted(set(service.target_years(session)) | {year, clock.today().year}),
                           metrics=METRICS, units=UNITS, errors=errors or {}, form=form or {},
                           districts=rollup_service.district_names(session), changed=changed, held=held_target,
                           refused_values=refused or []), status


@bp.post("")
def save():
    require_role(current_actor(), ADMIN)  # before reading the form: other roles learn nothing of it
    try:
        entry = parse_target_entry(request.form.to_dict())
        # the target the form changes (its row's 修改, or the question below), else a new one
        replaces = optional_whole_number(request.form.get("replaces"), "replaces")
        service.save_target(get_session(), current_actor(), entry, replaces)
    except ValidationError as error:
        # the page again with what was typed and why beside it: the bare error page lost the entry
        return _render(_typed_year(request.form.get("year", "")), field_texts(error), request.form, 422)
    except service.TargetHeld as held:
        # the target exists: shown beside the form as typed, which replaces it from there
        return _render(entry.year, form=request.form, status=409, held=held.target_id)
    flash(gettext("Target saved for %(year)s.", year=entry.year), "success")
    return redirect(url_for("targets.index", year=entry.year))


def _typed_year(text: str) -> int:
    """The year typed in the refused form when it is one a target may have, else this year."""
    text = text.strip()
    first, last = YEARS
    return int(text) if is_ascii_digits(text) and first <= int(text) <= last else clock.today().year


@bp.post("/<int:target_id>/delete")
def delete(target_id: int):
    require_role(current_actor(), ADMIN)
    year = _year()  # all input is read before the service commits: a bad one must not follow a deletion
    service.delete_target(get_session(), current_actor(), target_id)
    flash(gettext("Target removed."), "success")
    return redirect(url_for("targets.index", year=year))
