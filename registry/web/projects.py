"""Project pages: the searchable list with its map and batch of workflow steps, the detail page
(rendered by web/project_detail.py; its supporting documents' upload, download and removal are
web/documents.py's), workflow actions, deleting a draft."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext
from werkzeug.datastructures import MultiDict

from geo.map_styles import DISTRICTS, PROJECT_KIND_STYLES
from geo.maps import AreaFeature, Layer, MapAssets, layered_map, outline_bounds
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import BatchRefused, Conflict, ValidationError
from registry.domain.fields import Errors
from registry.domain.numbers import optional_whole_number
from registry.domain.permissions import DISTRICT_STAFF
from registry.domain.quality import PROJECTS, listed_checks
from registry.domain.approved_subsidy import SUBSIDY_FIELD, SUBSIDY_STEPS
from registry.domain.vocabulary import PROJECT_KINDS
from registry.domain.workflow import review_queues
from registry.downloads import export_response
from registry.i18n import translate
from registry.services import monitoring_checks, project_exports
from registry.services import projects as svc
from registry.services.projects.filters import (
    ENTERPRISE, choice_param, filter_params, parse_project_filter, read_project_filter,
)
from registry.errors_web import status_of
from registry.refused_downloads import list_download
from registry.report_caches import PROJECT_COUNT_CACHE
from registry.user_messages import field_texts, message_text
from registry.web.display import named_problems
from registry.web.enterprise_filter import enterprise_filter
from registry.web.project_batches import BatchForm, done_message, picked_ids, refused_rows, selection
from registry.web.project_batches import texts as batch_texts
from registry.web.project_detail import render_detail, subsidy_notes, transition_message
from registry.web.project_names import named_outlines, vocabularies
from registry.web.pages import basemap, map_assets
from registry.services.district_filter import known_districts
from registry.web.paging import beyond_last_page, page_number
from registry.web.refused_query import refused_lines

bp = Blueprint("projects", __name__, url_prefix="/projects")


# Rows a list page may show; a batch takes at most a page of the largest (MAX_BATCH_SIZE).
PAGE_SIZES = (25, 50, 100, 200)


def _page_size(refused: Errors, args: MultiDict) -> int:
    """``page_size``, one of ``PAGE_SIZES`` (the first when absent or refused, said)."""
    size = choice_param(refused, args, "page_size", [str(n) for n in PAGE_SIZES])
    return int(size) if size else PAGE_SIZES[0]


@bp.get("")
def index():
    return _list_page(current_actor())


def _list_args(actor) -> MultiDict:
    # District staff open on their own district: the filter is set in the form and "All" removes it
    # (district= empty then stays in the links). docs/registration.md, "The project list".
    args = request.args.copy()
    if "district" not in args and actor.role == DISTRICT_STAFF and actor.district_code:
        args["district"] = actor.district_code
    return args


def _list_page(actor, status: int = 200, **batch):
    """The list with the filters of the request's query; ``batch``: its batch form's state after a
    refused batch (``BatchForm``'s fields). A value of the query the list cannot use is left out and
    said: a year beside its field, a malformed enterprise code on its line, the others above the list
    (web/refused_query.py) — the shared reading of the download and the API, which refuse them."""
    args = _list_args(actor)
    read, refused = read_project_filter(args)
    enterprise_code, enterprise_line = enterprise_filter(args)
    checked = known_districts(get_session(), refused, [read.district_code], held=[actor.district_code])
    district = next(iter(checked), None)
    filters = replace(
        read, district_code=district, enterprise_code=enterprise_code, page=page_number(refused, args.get("page")),
        page_size=_page_size(refused, args),
        # a filter the reader is not offered (a planner's typed URL) is passed over, as the list has no control for it
        monitoring=read.monitoring if read.monitoring in monitoring_filters(actor) else None)
    result = svc.list_projects(get_session(), actor, filters, with_parcels=True, checked_districts=checked,
                              counts=PROJECT_COUNT_CACHE.get())
    # a refused batch is answered where it was posted: a redirect would lose what it says
    if request.method == "GET" and (last := beyond_last_page(result.page, result.pages)) is not None:
        return last
    kinds = {item.id: item.kind for item in result.items}
    layers = [
        Layer.styled(gettext(label), PROJECT_KIND_STYLES[kind], [
            AreaFeature(f"{pid}-{code}", code, geojson) for pid, code, geojson in result.parcels if kinds[pid] == kind
        ], weight=1.5, fill_opacity=0.5, spots=True)
        for kind, label in PROJECT_KINDS.items()
    ]
    districts = named_outlines()  # their names as the filter and the table say them, too: not read again
    outlines = Layer.styled(gettext("Districts"), DISTRICTS, [
        AreaFeature(d.code, name, d.geometry_geojson) for d, name in districts], weight=1, fill_opacity=0.04)
    shown = [layer for layer in layers if layer.features]
    # in view: the district filtered to, whole (from the outlines drawn: no statement); else every listed
    # project's parcels (the first kind's only had been fitted); else, nothing listed, the city
    fmap = layered_map([outlines, *shown], list_map_assets(), basemap(), fit=range(1, len(shown) + 1),
                       view=next((outline_bounds(d.geometry_geojson) for d, _ in districts
                                  if d.code == filters.district_code), None))
    linked = Counter(project_id for project_id, _code, _geojson in result.parcels)  # read for the map: not counted again
    form = BatchForm(svc.batch_steps_of(get_session(), actor, result.items, linked), texts=batch_texts(), **batch)
    filter_errors = field_texts(ValidationError(refused.field_errors)) if refused else {}  # the year's, beside it
    lookalikes = svc.marked_as_lookalikes(get_session(), actor, [item.id for item in result.items], filters.check)
    flagged = monitoring_checks.marked_as_flagged(get_session(), actor, [item.id for item in result.items])
    return render_template("projects/list.html", page=result, filters=filters, args=args, fmap=fmap,
                           batch=form, page_sizes=PAGE_SIZES, lookalikes=lookalikes, flagged=flagged,
                           monitoring_filters=monitoring_filters(actor), export_args=filter_params(filters),
                           export_limit=project_exports.MAX_EXPORT_PROJECTS,
                           checks=listed_checks(PROJECTS), secondary_in_use=secondary_filters_in_use(filters),
                           enterprise=enterprise_line, filter_errors=filter_errors,
                           refused_values=refused_lines(refused, beside=("year", ENTERPRISE)),
                           **vocabularies({d.code: name for d, name in districts})), status


def list_map_assets() -> MapAssets:
    """The maps' assets and the spots that mark a parcel too small to see (across the city, a parcel
    is a speck of a pixel: registry/static/js/map-spots.js)."""
    assets = map_assets()
    return replace(assets, after_leaflet_js=(*assets.after_leaflet_js, url_for("static", filename="js/map-spots.js")))


def secondary_filters_in_use(filters: svc.ProjectFilter) -> int:
    """How many of the filters behind the list's 更多筛选 select its projects (as read: a value the
    list passed over selects nothing): overdue, a data-quality check, the online monitoring's. Not the
    enterprise's: it is not behind 更多筛选 but on its own line above the list (web/enterprise_filter.py)."""
    return sum(1 for value in (filters.overdue, filters.check, filters.monitoring) if value)


def monitoring_filters(actor) -> dict[str, str]:
    """The online monitoring filter's choices the list offers ``actor`` (none to planners)."""
    return monitoring_checks.FILTERS if actor.role in monitoring_checks.READERS else {}


@bp.get("/export")
@list_download("projects.index")
def export():
    """Every project the list's filters select (all pages, the list's order) as XLSX or CSV; a
    filter value the list would pass over or says is wrong is refused here, naming it (422, a page
    leading back to the list: refused_downloads.refused_download)."""
    actor = current_actor()
    filters = parse_project_filter(_list_args(actor))
    fmt = request.args.get("format", "xlsx")
    return export_response(lambda out: project_exports.export_projects(
        get_session(), actor, filters, fmt, out, translate, str(get_locale()) == "en"))


@bp.post("/transitions")
def transition_many():
    """One workflow step on the ticked projects, all or nothing; then the list with the same filters.
    A refused batch is the list again, saying why, with what was ticked and typed."""
    session, actor = get_session(), current_actor()
    action, comment, ticked = request.form.get("action", ""), request.form.get("comment") or "", request.form.getlist("selected")
    try:
        taken = svc.transition_many(session, actor, action, selection(ticked), comment)
    except BatchRefused as refused:
        return _list_page(actor, status_of(refused), picked=picked_ids(ticked), comment=comment,
                          summary=message_text(refused), refused=refused_rows(refused))
    except ValidationError as error:
        return _list_page(actor, 422, picked=picked_ids(ticked), comment=comment, problem=named_problems(error),
                          comment_problem=any(e.field == "comment" for e in error.field_errors))
    flash(done_message(action, len(taken)), "success")
    return redirect(url_for("projects.index", **request.args.to_dict(flat=False)))


@bp.get("/<int:project_id>")
def detail(project_id: int):
    project = svc.get_project(get_session(), current_actor(), project_id)
    return render_detail(project, queue=request.args.get("queue"))


@bp.post("/<int:project_id>/transition")
def transition(project_id: int):
    session, actor = get_session(), current_actor()
    try:
        # A version that is not a number is refused, not ignored: ignoring it would skip the locking.
        action = request.form.get("action", "")
        # one form serves every step: its completion date belongs to "complete" only, the approved
        # subsidy (shown filled in) to approving and verifying: returning leaves it as it is
        subsidy = request.form.get(SUBSIDY_FIELD) if action in SUBSIDY_STEPS else None
        view = svc.transition(session, actor, project_id, action, request.form.get("comment"),
                              expected_version=optional_whole_number(request.form.get("version"), "version"),
                              completed_on=request.form.get("completed_on") if action == "complete" else None,
                              subsidy_approved=subsidy)
    except ValidationError as error:
        # Keep the user on the page with the reason next to the action (e.g. a missing comment), and what they typed.
        return render_detail(svc.get_project(session, actor, project_id), named_problems(error), 422,
                             comment=request.form.get("comment"), subsidy_approved=request.form.get(SUBSIDY_FIELD),
                             error_fields=frozenset(e.field for e in error.field_errors))
    except Conflict as conflict:
        # Changed since it was opened (a second tab, a colleague's step): the page as it is now, its new
        # state and the steps it takes now, the reason in the card and what was typed kept. An error page
        # had said "reload" and offered only the overview, and the comment typed was lost; a stale
        # version's reason then still said "reload to see theirs" above them (svc.shown_now).
        shown = svc.shown_now(conflict)
        reason = message_text(shown) if shown else gettext("%(reason)s The page below shows the project as it is now.",
                                                           reason=message_text(conflict))
        return render_detail(svc.get_project(session, actor, project_id), reason, status_of(conflict),
                             comment=request.form.get("comment"), subsidy_approved=request.form.get(SUBSIDY_FIELD))
    flash(transition_message(request.form["action"], view.reference), "success")
    if subsidy and subsidy.strip():
        for note in subsidy_notes(view):
            flash(note, "info")
    # the review queue the project was in (the form's), for the page's way on to the next of it
    queue = request.form.get("queue")
    return redirect(url_for("projects.detail", project_id=project_id,
                            queue=queue if queue in review_queues(actor.role) else None))


@bp.post("/<int:project_id>/delete")
def delete(project_id: int):
    """Delete a draft never submitted (the button asks first); refusals are errors_web's pages."""
    reference = svc.delete_draft(get_session(), current_actor(), project_id,
                                 expected_version=optional_whole_number(request.form.get("version"), "version"))
    flash(gettext("Draft %(reference)s deleted.", reference=reference), "success")
    return redirect(url_for("projects.index"))
