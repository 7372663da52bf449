"""The registration wizard: kind → enterprise → parcels → inputs (live preview) → review → save.

The browser helps (drawing, previews); the server decides: every check is made again by the
services when the form is saved, and a failed save re-renders the form with what was typed.
"""
from __future__ import annotations

import json
import secrets

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask import session as signed_in
from flask_babel import get_locale, gettext
from sqlalchemy.exc import DataError

from geo.map_styles import DISTRICTS, DRAWING, WIZARD_STYLES, styles_json
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.energies import ENERGIES
from registry.domain.messages import REFERENCE_PAGE
from registry.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from registry.domain.json_text import dump_json
from registry.domain.field_names import INPUT_FIELDS
from registry.domain.fields import Errors
from registry.domain.numbers import optional_whole_number, plain
from registry.domain.permissions import ADMIN, DISTRICT_STAFF, require_role
from registry.domain.presentation import places_of
from registry.domain.vocabulary import EMC_MODELS, LAND_USE_CLASSES, PROJECT_KINDS, SAVINGS_METHODS, STRUCTURAL_MODES
from registry.domain.approved_subsidy import SUBSIDY_FIELD
from registry.domain.workflow import require_correctable, require_editable
from registry.errors_web import OUT_OF_RANGE, status_of
from registry.user_messages import field_texts, message_text
from registry.i18n import translate
from registry.repositories import parcels as parcel_repository
from registry.repositories.places import district_outlines
from registry.services import projects as svc
from registry.services.projects.parsing import MAX_PARCEL_ID, read_draft
from registry.web import registration_lookups
from registry.web import similar_projects as similar
from registry.web.assets import vendor_url
from registry.web.display import unit_label
from registry.web.project_detail import subsidy_notes, transition_message
from registry.web.project_names import district_names
from registry.web.refused_query import refused_lines
from registry.web.wizard_labels import wizard_labels
from registry.web.wizard_parcels import chosen_parcels_json

bp = Blueprint("registration", __name__, url_prefix="/projects")

UNITS_BY_DIMENSION = {
    "mass": ["t", "kg", "10^4 t", "tce", "kgce"],
    "volume": ["m3", "10^4 m3", "tce", "kgce"],
    "energy": ["kWh", "10^4 kWh", "MWh", "GJ", "MJ", "tce", "kgce"],
}


def _wizard_context(actor) -> dict:
    english = str(get_locale()) == "en"
    return {
        "labels": wizard_labels(),
        "kinds": PROJECT_KINDS, "modes": STRUCTURAL_MODES,
        "land_uses": [(code, gettext(label)) for code, label in LAND_USE_CLASSES.items()],  # in the table's order
        "emc_models": [(code, gettext(label)) for code, label in EMC_MODELS.items()],
        "savings_methods": {code: gettext(label) for code, label in SAVINGS_METHODS.items()},
        "districts": district_names(),
        "energies": {code: {"label": gettext(e.label), "units": UNITS_BY_DIMENSION[e.dimension]}
                     for code, e in ENERGIES.items()},
        "energy_order": list(ENERGIES),  # the GB/T 2589 table's; the JSON object's keys come sorted
        # the page an unknown energy's refusal names, a link where the wizard shows it (wizard-preview.js)
        "reference": {"name": gettext(REFERENCE_PAGE), "url": url_for("reference.index", _anchor="factors")},
        "district_outlines": [
            {"code": d.code, "name": d.name_en if english else d.name_zh, "geometry": json.loads(d.geometry_geojson)}
            for d in district_outlines(get_session())
        ],
        "own_district": actor.district_code,
        "map_styles": styles_json({**WIZARD_STYLES, "districts": DISTRICTS, "drawing": DRAWING}),
        # the preview names a field of the savings document as the energy step labels it (domain/field_names.py)
        "field_names": {"parts": {name: gettext(label) for name, label in INPUT_FIELDS.items()},
                        "line": gettext("Line %(number)s"), "motor_group": gettext("Motor group %(number)s"),
                        "problem": gettext("%(field)s: %(problem)s")},
        # the places the pages show each figure with (presentation.PLACES): the preview as the saved project
        "places": {unit: places_of(unit) for unit in ("tce", "kWh", "kW", "m²", "亩", "ha")},
        "unit_labels": {code: unit_label(code) for units in UNITS_BY_DIMENSION.values() for code in units},
        "assets": {"leaflet_js": vendor_url("leaflet", "leaflet.js"), "leaflet_css": vendor_url("leaflet", "leaflet.css"),
                   "geoman_js": vendor_url("leaflet-geoman", "leaflet-geoman.min.js"),
                   "geoman_css": vendor_url("leaflet-geoman", "leaflet-geoman.css")},
    }


def _form_from(project) -> dict:
    return {
        "kind": project.kind, "year": project.year, "title": project.title, "district_code": project.district_code,
        "credit_code": project.credit_code, "enterprise_name": project.enterprise_name,
        "structural_mode": project.structural_mode or "", "inputs": dump_json(project.inputs, ensure_ascii=False),
        "parcel_ids": " ".join(str(p.id) for p in project.parcels), "new_parcels": "[]",
        "investment_wan_yuan": project.investment_wan_yuan, "subsidy_requested_wan_yuan": project.subsidy_requested_wan_yuan,
        "output_value_wan_yuan": project.output_value_wan_yuan,
        # a correction's field holds the amount recorded, kept when left as it is or emptied
        SUBSIDY_FIELD: "" if project.subsidy_approved_wan_yuan is None else plain(project.subsidy_approved_wan_yuan),
        "planned_completion": project.planned_completion.isoformat() if project.planned_completion else "",
        "version": project.version,
        "existing_parcels": chosen_parcels_json(project.parcels),
    }


def _held_parcels(parcel_ids: str) -> str:
    """The chosen parcels of a posted form (ids) as the map shows them: code and outline."""
    ids = [i for i in (_int(raw) for raw in parcel_ids.replace(",", " ").split()) if i and 1 <= i <= MAX_PARCEL_ID]
    return chosen_parcels_json(parcel_repository.parcels_by_ids(get_session(), ids) if ids else [])


def _render_form(form: dict, project_id: int | None = None, errors: dict | None = None, message: str | None = None,
                 status: int = 200, correction: bool = False, started_from: dict | None = None,
                 refused: Errors | None = None):
    """The wizard on ``form``; ``started_from``: the note on the project a new one is started from
    (web/similar_projects.py), said again from the form's ``from_project`` after a refused save."""
    actor = current_actor()
    errors = dict(sorted((errors or {}).items(), key=lambda item: _step_of(item[0])))  # in the order of the steps
    if "existing_parcels" not in form:  # a posted form holds the ids of its chosen parcels only
        form = form | {"existing_parcels": _held_parcels(str(form.get("parcel_ids") or ""))}
    if started_from is None and project_id is None and (source := _int(form.get(similar.FROM_PROJECT))):
        started_from = similar.notice_after_refusal(source, svc.source_reference(get_session(), actor, source))
    return render_template("projects/form.html", form=form, project_id=project_id, errors=errors, correction=correction,
                           message=message, returned_by=_returned_by(actor, project_id) if not correction else None,
                           started_from=started_from, start_step=_first_step_with_error(errors),
                           refused_values=refused_lines(refused),
                           **_wizard_context(actor)), status


def _returned_by(actor, project_id: int | None):
    """What the reviewer asked for, on the edit of a returned project — also when a save is refused."""
    if project_id is None:
        return None
    try:
        return svc.get_project(get_session(), actor, project_id).returned_by
    except (NotFound, PermissionDenied):  # the refusal itself is the page's message
        return None


# Which wizard step shows a field, so a failed save reopens the step that needs attention.
STEP_OF_FIELD = (("kind", 1), ("year", 1), ("title", 1), ("district_code", 1), ("structural_mode", 1),
                 ("credit_code", 2), ("enterprise_name", 2), ("industry_code", 2),
                 ("new_parcels", 3), ("parcel_ids", 3), ("inputs", 4))


def _step_of(field: str) -> int:
    return next((step for prefix, step in STEP_OF_FIELD if field.startswith(prefix)), 5)


def _first_step_with_error(errors: dict) -> int:
    return min(map(_step_of, errors)) if errors else 1


def _not_saved() -> str:
    return gettext("The project was not saved: please correct the marked fields.")


def _save(project_id: int | None, correction: bool = False):
    session, actor = get_session(), current_actor()
    form = request.form.to_dict()
    submit = form.get("save") == "submit"
    try:
        draft, unreadable = read_draft(form)
        if correction:  # a correction is a city reviewer's: their rights, not the draft's editors', are checked
            view = svc.correct_project(session, actor, project_id, draft, form.get("reason", ""),
                                       optional_whole_number(form.get("version"), "version"), known=unreadable,
                                       subsidy_approved=form.get(SUBSIDY_FIELD))
        elif unreadable:  # refused, naming what the services find in the rest too
            svc.check_draft(session, actor, draft, unreadable, "submitted" if submit else "draft")
        elif project_id is None:
            view = svc.register_project(session, actor, draft, submit=submit, form_token=form.get("form_token") or None,
                                        from_project=_int(form.get(similar.FROM_PROJECT)))
            submit = view.status == "submitted"  # a repeated post says what the first one saved
        else:
            view = svc.update_project(session, actor, project_id, draft, optional_whole_number(form.get("version"), "version"),
                                      submit=submit)
    except ValidationError as error:
        return _render_form(form, project_id, field_texts(error), _not_saved(), 422, correction)
    except Conflict as conflict:
        # Keep what the user typed; say who changed what, so nothing is silently overwritten.
        return _render_form(form, project_id, {}, message_text(conflict), 409, correction)
    except (PermissionDenied, NotFound) as refusal:
        # Still the user's input (another district chosen, an unknown district): keep the form.
        text = message_text(refusal)
        if actor.district_code and form.get("district_code") != actor.district_code:
            return _render_form(form, project_id, {"district_code": text}, _not_saved(), status_of(refusal), correction)
        return _render_form(form, project_id, {}, text, status_of(refusal), correction)
    except DataError:
        # A value the database refused that no check caught: still the user's input, so keep the form.
        return _render_form(form, project_id, {"-": translate(OUT_OF_RANGE)}, _not_saved(), 422, correction)
    message = _saved_message(view.reference, project_id is None, submit, correction)
    # A repeated post may carry the first post's message, not yet shown: say it once.
    if ("success", message) not in (tuple(waiting) for waiting in signed_in.get("_flashes", ())):
        flash(message, "success")
    if correction and {SUBSIDY_FIELD, "subsidy_requested_wan_yuan"} & set(view.history[-1].changes):
        for note in subsidy_notes(view):  # an amount above the estimate or the request, said as after a step
            flash(note, "info")
    return redirect(url_for("projects.detail", project_id=view.id))


def _saved_message(reference: str, created: bool, submitted: bool, correction: bool) -> str:
    if correction:
        return gettext("Correction of project %(reference)s saved; its reason is in the history.", reference=reference)
    if created:
        return gettext("Project %(reference)s registered and submitted for review.", reference=reference) if submitted \
            else gettext("Project %(reference)s registered as a draft.", reference=reference)
    return transition_message("submit", reference) if submitted else gettext("Draft of project %(reference)s saved.", reference=reference)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@bp.route("/new", methods=["GET", "POST"])
def new():
    actor = current_actor()
    require_role(actor, DISTRICT_STAFF, ADMIN)
    district = actor.district_code or request.args.get("district", "")
    if request.method == "POST":
        return _save(None)
    # One token per opening of the wizard: posted twice, the form registers one project (_save).
    token, refused = secrets.token_urlsafe(16), Errors()
    # 以此为模板登记: filled in from that project; ``from=abc``, which names none, said above an empty wizard
    if (source := refused.capture(similar.source_id, request.args.get(similar.FROM, ""))) is not None:
        found = svc.similar_project(get_session(), actor, source)
        return _render_form(similar.form_of(found, token), started_from=similar.notice_of(found))
    return _render_form({"district_code": district, "year": request.args.get("year", ""), "inputs": "", "new_parcels": "[]",
                         "parcel_ids": "", "existing_parcels": "[]", "form_token": token}, refused=refused)


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
def edit(project_id: int):
    if request.method == "POST":
        return _save(project_id)
    actor = current_actor()
    project = svc.get_project(get_session(), actor, project_id)
    require_editable(actor, project.status, project.district_code)
    return _render_form(_form_from(project), project_id)


@bp.route("/<int:project_id>/correct", methods=["GET", "POST"])
def correct(project_id: int):
    """A city reviewer corrects a verified project; the reason is recorded with the change."""
    if request.method == "POST":
        return _save(project_id, correction=True)
    actor = current_actor()
    project = svc.get_project(get_session(), actor, project_id)
    require_correctable(actor, project.status)
    return _render_form(_form_from(project), project_id, correction=True)


registration_lookups.add_routes(bp)
