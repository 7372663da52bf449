"""The parcel list (地块清单, ``/land/parcels``): every parcel the filters select, sortable and paged,
with its download (CSV, Excel). Thin: parse, call ``services.parcel_list``, render.

District staff open it on their own district, as the project list (docs/freed-land.md, "The parcel
list"): the form always sends ``district`` (empty: every district), so unticking all keeps all.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, render_template, request
from flask_babel import get_locale

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import ValidationError
from registry.domain.freed_land import AREA_UNITS
from registry.domain.parcel_list import PAGE_SIZES, PARAMETERS, PROJECT_TIES, parse_parcel_query
from registry.domain.permissions import DISTRICT_STAFF
from registry.domain.vocabulary import LAND_USE_CLASSES, PARCEL_STATUSES, ZONE_KINDS
from registry.downloads import parcels_response
from registry.user_messages import field_texts
from registry.refused_downloads import list_download
from registry.i18n import translate
from registry.services import freed_land, land_exports, parcel_list
from registry.web.land_filters import relaxations
from registry.web.land_lists import remember
from registry.web.paging import beyond_last_page

bp = Blueprint("parcel_list", __name__, url_prefix="/land/parcels")


def _args(actor) -> dict[str, list[str]]:
    args = {name: request.args.getlist(name) for name in request.args if name in PARAMETERS}
    if "district" not in args and actor.role == DISTRICT_STAFF and actor.district_code:
        args["district"] = [actor.district_code]
    return args


def _link(args: dict[str, list[str]], **changes) -> str:
    """The list's query string with ``changes``; an empty ``district`` kept (every district, for staff)."""
    pairs = [(k, v) for k, values in args.items() if k not in changes for v in values if v or k == "district"]
    pairs += [(k, v) for k, v in changes.items() if v not in (None, "")]
    return urlencode(pairs)


@bp.get("")
def index():
    """The filters, the count and area of what they select, a page of it, the downloads."""
    session, actor = get_session(), current_actor()
    args = _args(actor)
    errors, result = {}, None
    try:
        result = parcel_list.list_parcels(session, actor, parse_parcel_query(args))
    except ValidationError as error:
        errors = field_texts(error)
    if result and (last := beyond_last_page(result.page, result.pages)) is not None:
        return last
    english = str(get_locale()) == "en"
    remember()  # a parcel's page leads back here, as filtered and sorted
    district_labels = {code: en if english else zh for code, zh, en in freed_land.district_choices(session)}
    relax = _relaxed(session, actor, args, district_labels) if result and not result.totals.count else []
    return render_template(
        "land/parcels.html", result=result, relax=relax, errors=errors, args=args, district_labels=district_labels,
        zone_kinds=ZONE_KINDS, land_uses=LAND_USE_CLASSES, statuses=PARCEL_STATUSES, area_units=AREA_UNITS,
        project_ties=PROJECT_TIES, page_sizes=PAGE_SIZES, formats=parcel_list.FORMATS,
        export_limit=land_exports.MAX_EXPORT_PARCELS,
        # 200 with the refusal said: docs/development.md, "A page's refused address answers 200"
        link=lambda **changes: _link(args, **changes))


def _relaxed(session, actor, args: dict[str, list[str]], district_labels) -> list[tuple[str, str, int]]:
    """A list that found nothing: (a filter in words, the list's query string without it, how many
    parcels that finds) for each filter set, as the freed land's (web/land.py). Without its district
    the list reads every district (``district=`` kept empty: district staff would open on theirs)."""
    given = {k: [v for v in values if v] for k, values in args.items() if k != "page"}
    relaxed = []
    for said, kept in relaxations(args, district_labels, phrased={k: v for k, v in given.items() if v}):
        kept = {k: v for k, v in kept.items() if k != "page"}
        if "district" not in kept:
            kept = {"district": [""], **kept}
        relaxed.append((said, _link(kept), parcel_list.parcel_count(session, actor, parse_parcel_query(kept))))
    return relaxed


@bp.get("/export")
@list_download("parcel_list.index")
def export():
    """Every parcel the list's filters select (all pages, the list's order) as CSV or Excel; a bad
    filter is refused naming it (422)."""
    actor = current_actor()
    query = parse_parcel_query(_args(actor))
    return parcels_response(parcel_list.export_parcel_list(get_session(), actor, query,
                                                           request.args.get("format", "xlsx"), translate))
