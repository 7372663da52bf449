"""An enterprise's page: its details, its projects, its online monitoring's figures with the verdicts of
the projects compared with them, its history; the form that corrects its details
(services/enterprise_edits.py, which the API and the command line share); and the directory of them (企业名录)
with its download."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import Conflict, PermissionDenied, ValidationError
from registry.domain.industries import INDUSTRY_SECTIONS, industry_section
from registry.domain.fields import Errors
from registry.domain.numbers import optional_whole_number
from registry.domain.permissions import ADMIN, may_edit_enterprise
from registry.domain.presentation import places_of
from registry.domain.quality import ENTERPRISES, listed_checks
from registry.downloads import export_response
from registry.errors_web import status_of
from registry.user_messages import field_texts, message_text
from registry.refused_downloads import list_download
from registry.i18n import translate
from registry.services import enterprise_directory, enterprise_edits, enterprise_exports, enterprises, history
from registry.services.enterprise_filters import filter_params, parse_enterprise_filter
from registry.services.monitoring_checks import EnterpriseMonitoring
from registry.web.chart_values import page_wording
from registry.web.charts import Series, bar_chart, for_every_screen
from registry.web import enterprise_directory as directory
from registry.web.paging import beyond_last_page, page_number
from registry.web.refused_query import refused_lines
from registry.web.project_names import district_names, vocabularies

bp = Blueprint("enterprises", __name__, url_prefix="/enterprises")


@bp.get("/<int:enterprise_id>")
def detail(enterprise_id: int):
    actor, refused = current_actor(), Errors()
    found = enterprises.get_enterprise(get_session(), actor, enterprise_id, page_number(refused, request.args.get("page")))
    if (last := beyond_last_page(found.projects.page, found.projects.pages)) is not None:
        return last
    refs = history.references(get_session(), found.history)
    return render_template("enterprises/detail.html", detail=found, history_refs=refs,
                           editable=may_edit_enterprise(actor, found.enterprise.district_code),
                           consumption_chart=_consumption_chart(found.monitoring), may_load=actor.role == ADMIN,
                           industry_section=industry_section(found.enterprise.industry_code),
                           refused_values=refused_lines(refused),
                           page_href=lambda n: url_for("enterprises.detail", enterprise_id=enterprise_id, page=n,
                                                       _anchor="projects"),
                           **vocabularies())


def _consumption_chart(monitoring: EnterpriseMonitoring | None) -> str | None:
    """The monitored consumption by year as bars, the earliest year first (the table beside: the latest)."""
    if not monitoring or not monitoring.years:
        return None
    figures = [year.figure for year in reversed(monitoring.years)]
    return for_every_screen(bar_chart, gettext("Energy consumption by year"), gettext("tce"),
                            [str(f.year) for f in figures],
                            [Series(gettext("Online energy monitoring"), [f.consumption_tce for f in figures],
                                    places=places_of("tce"))], height=240, wording=page_wording())


@bp.route("/<int:enterprise_id>/edit", methods=["GET", "POST"])
def edit(enterprise_id: int):
    session, actor = get_session(), current_actor()
    enterprise = enterprise_edits.enterprise_to_edit(session, actor, enterprise_id)
    if request.method == "GET":
        return _edit_form(enterprise, {field: getattr(enterprise, field) or "" for field in enterprise_edits.EDITABLE_FIELDS}
                          | {"version": enterprise.version})
    form = request.form.to_dict()
    fields = {field: form.get(field, "") for field in enterprise_edits.EDITABLE_FIELDS}
    try:
        edited = enterprise_edits.edit_enterprise(session, actor, enterprise_id, fields,
                                                  optional_whole_number(form.get("version"), "version"))
    except ValidationError as error:
        return _edit_form(enterprise, form, field_texts(error), _not_saved(), 422)
    except Conflict as conflict:  # a stale form: keep what was typed, say who changed what
        return _edit_form(enterprise, form, {}, message_text(conflict), 409)
    except PermissionDenied as refusal:  # district staff moving it out of their district
        return _edit_form(enterprise, form, {"district_code": message_text(refusal)}, _not_saved(), status_of(refusal))
    if edited.changes:
        flash(gettext("The details of %(name)s were saved; the history below shows what changed.",
                      name=edited.enterprise.name), "success")
    else:
        flash(gettext("Nothing changed: the details are as they were, so nothing was saved."), "info")
    return redirect(url_for("enterprises.detail", enterprise_id=enterprise_id))


def _not_saved() -> str:
    return gettext("The enterprise was not saved: please correct the marked fields.")


def _edit_form(enterprise, form: dict, errors: dict | None = None, message: str | None = None, status: int = 200):
    return render_template("enterprises/edit.html", enterprise=enterprise, form=form, errors=errors or {},
                           message=message, districts=district_names(),
                           max_characters=enterprise_edits.MAX_CHARACTERS), status


@bp.get("/")
def index():
    """The enterprise directory (企业名录): every signed-in role reads it (web/enterprise_directory.py)."""
    actor = current_actor()
    args = directory.directory_args(actor, request.args)
    filters, refused = directory.directory_filter(get_session(), actor, args)
    # the district kept was checked by the page (a code no district has is said and left out)
    found = enterprise_directory.list_enterprises(get_session(), actor, filters, checked_districts=[filters.district_code])
    if (last := beyond_last_page(found.page, found.pages)) is not None:
        return last
    sorts = {key: directory.sort_link(args, filters, key) for key in enterprise_directory.SORT_KEYS}
    return render_template("enterprises/index.html", page=found, filters=filters, args=args, sorts=sorts,
                           page_sizes=directory.PAGE_SIZES, sections=INDUSTRY_SECTIONS, checks=listed_checks(ENTERPRISES),
                           export_args=filter_params(filters), export_limit=enterprise_exports.MAX_EXPORT_ENTERPRISES,
                           refused_values=refused_lines(refused), **vocabularies())


@bp.get("/export")
@list_download("enterprises.index")
def export():
    """Every enterprise the directory's filters select (all pages, its order) as XLSX or CSV, district
    staff's on their own district unless the query says otherwise, as the page; a filter value the page
    would pass over is refused here, naming it (422)."""
    actor = current_actor()
    filters = parse_enterprise_filter(directory.directory_args(actor, request.args))
    fmt = request.args.get("format", "xlsx")
    return export_response(lambda out: enterprise_exports.export_enterprises(
        get_session(), actor, filters, fmt, out, translate, str(get_locale()) == "en"))
