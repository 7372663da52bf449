"""Pages for planners: freed land, a parcel's redevelopment, matching (land output: web/land_output.py).

Thin: parse the query string or form, call the same services as ``/api/v1/land``, render.
"""
from __future__ import annotations

import json
from dataclasses import replace
from urllib.parse import urlencode

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from geo.maps import outline_bounds
from geo.map_styles import DISTRICTS, DRAWING, PARCEL, PARCEL_STATUS_STYLES, SPLIT_PIECES, WIZARD_STYLES, styles_json
from registry.auth import current_actor
from registry.db import get_session
from registry.downloads import parcels_response
from registry.domain.errors import N_, Conflict, Listed, NotFound, UNKNOWN_VALUE, ValidationError
from registry.domain.freed_land import AREA_UNITS, DISTRICT_CODE, FREED, FREED_STATUSES, parse_land_query, read_land_query
from registry.domain.fields import Errors
from registry.domain.parcel_list import DEFAULT_PAGE_SIZE
from registry.domain.permissions import PLANNER
from registry.domain.audit_vocabulary import AUDIT_ACTIONS
from registry.domain.vocabulary import LAND_USE_CLASSES, OUTPUT_SOURCES, PARCEL_STATUSES, ZONE_KINDS
from registry.i18n import reads_english, translate
from registry.services import (
    freed_land, geodata, history, land_exports, lineage, matching, redevelopment, surroundings,
)
from registry.errors_web import status_of
from registry.user_messages import field_texts, message_text
from registry.refused_downloads import list_download
from registry.web.assets import vendor_url
from registry.web.land_filters import filters_in_words, relaxations
from registry.web.land_lists import back_to, remember
from registry.web.paging import beyond_last_row
from registry.web.refused_query import refused_lines
from registry.web.surroundings_map import nearby_heading, nearby_links, parcel_map_context, zone_label
from registry.services.district_filter import known_districts

bp = Blueprint("land", __name__, url_prefix="/land")
FILTER_NAMES = ("district", "zone_kind", "year_from", "year_to", "area_min", "area_max", "area_unit", "land_use",
                "status", "polygon", "lon", "lat", "radius_km", "bbox", "sort", "order", "limit", "offset")
WITHOUT_FIELD = ("sort", "order", "limit", "offset")  # the freed land's form has none: said above the page


def _args() -> dict[str, list[str]]:
    return {k: request.args.getlist(k) for k in request.args if k in FILTER_NAMES}


def _link_args(args: dict[str, list[str]], **changes) -> str:
    pairs = [(k, v) for k, values in args.items() if k not in changes for v in values if v]
    pairs += [(k, v) for k, v in changes.items() if v not in (None, "")]
    return urlencode(pairs)


def _assets() -> dict[str, str]:
    return {"leaflet_js": vendor_url("leaflet", "leaflet.js"), "leaflet_css": vendor_url("leaflet", "leaflet.css"),
            "geoman_js": vendor_url("leaflet-geoman", "leaflet-geoman.min.js"),
            "geoman_css": vendor_url("leaflet-geoman", "leaflet-geoman.css"),
            "vectorgrid_js": vendor_url("leaflet.vectorgrid", "Leaflet.VectorGrid.bundled.min.js")}


@bp.get("/freed")
def freed():
    """The freed-land query: filters, map, totals, breakdowns, a sortable table, exports."""
    args = _args()
    session, actor = get_session(), current_actor()
    result, features, refused = None, [], Errors()
    # a value it cannot use is left at its default and said — beside its field, or above the page for
    # those the form has none for (an order, a page size, an offset kept from a link) — and the page
    # shows what the rest of the address selects, as the project list does
    # a page of the parcel list's size (a page of 200 rows was ≈ 30,000 px on a phone); downloads are whole
    query = read_land_query(refused, args, FREED, page_size=DEFAULT_PAGE_SIZE)
    query = replace(query, district_codes=known_districts(
        session, refused, [code for code in query.district_codes if DISTRICT_CODE.match(code)]))
    try:
        # the codes kept were checked above (one no district has is said and left out)
        result = freed_land.find_freed_land(session, actor, query, with_geometry=False,
                                            checked_districts=query.district_codes)
        if (last := beyond_last_row(query.offset, query.limit, result.totals.count)) is not None:
            return last
        features, truncated = freed_land.map_features(session, actor, query)
    except ValidationError as error:  # a drawn polygon GEOS cannot use: beside its field, nothing listed
        refused.field_errors.extend(error.field_errors)
        result, truncated = None, False
    errors = field_texts(ValidationError(refused.field_errors)) if refused else {}
    # its links (downloads, orders, pages) carry what it used: a download would refuse the rest
    linked = {name: values for name, values in args.items() if name not in errors}
    label = (lambda zh, en: en if reads_english() else zh)
    config = {
        "features": features, "use_tiles": truncated, "tiles": url_for("tiles.tile", layer="freed", z=0, x=0, y=0)
        .replace("/0/0/0.mvt", "/{z}/{x}/{y}.mvt"), "detail": url_for("land.parcel", parcel_id=0).rstrip("0"),
        "polygon": (args.get("polygon") or [None])[0], "bbox": (args.get("bbox") or [None])[0],
        # the districts ticked, outlined; the map frames them when it draws no parcel
        "chosen_districts": [json.loads(o.geometry_geojson) for o in
                             (geodata.district_outline(session, code) for code in query.district_codes) if o],
        "styles": styles_json({**PARCEL_STATUS_STYLES, "districts": DISTRICTS, "drawing": DRAWING}),
        "labels": {"draw": gettext("Draw a polygon"), "pick": gettext("Pick a point on the map"),
                   "many": gettext("Too many parcels to draw one by one: the map shows all freed land as tiles.")},
    }
    districts = freed_land.district_choices(session)
    district_labels = {code: label(zh, en) for code, zh, en in districts}
    remember()  # a parcel's page leads back here, as filtered and sorted
    relax = _relaxed(session, actor, linked, district_labels) if result and not result.totals.count and not errors \
        else []
    return render_template(
        "land/freed.html", relax=relax, result=result, errors=errors, args=args, config=config, assets=_assets(),
        districts=districts, district_labels=district_labels, filters_said=filters_in_words(args, district_labels),
        zone_kinds=ZONE_KINDS, land_uses=LAND_USE_CLASSES,
        statuses={s: PARCEL_STATUSES[s] for s in FREED_STATUSES}, area_units=AREA_UNITS, label=label,
        formats=land_exports.FORMATS, link_args=lambda **c: _link_args(linked, **c),
        refused_values=refused_lines(refused, beside=tuple(name for name in FILTER_NAMES if name not in WITHOUT_FIELD)),
        can_plan=actor.role == PLANNER)


def _relaxed(session, actor, args: dict[str, list[str]], district_labels) -> list[tuple[str, str, int]]:
    """A query that found nothing: (its filter in words, the query string without it, how many parcels
    that finds) for each filter it set, so the page says which to drop (one count each, only then)."""
    return [(said, _link_args(kept), freed_land.freed_totals(session, actor, parse_land_query(kept)).count)
            for said, kept in relaxations(args, district_labels, land_use_as_freed=True)]


@bp.get("/freed/export.<fmt>")
@list_download("land.freed")
def freed_export(fmt: str):
    """The page's downloads of the freed land its filters select (the API's ``/api/v1/land/freed/export``
    for scripts): a bad filter in the link is answered as a page, leading back to the list."""
    query = parse_land_query(_args())
    return parcels_response(land_exports.export_freed_land(get_session(), current_actor(), query, fmt, translate))


@bp.get("/parcels/<int:parcel_id>")
def parcel(parcel_id: int):
    return _render_parcel(parcel_id)


def _render_parcel(parcel_id: int, failed: str | None = None, values: dict | None = None,
                   errors: dict | None = None):
    """The parcel page; after a refused planner form, that form again with what was typed and why."""
    actor = current_actor()
    detail = redevelopment.parcel_detail(get_session(), actor, parcel_id)
    can_plan = actor.role == PLANNER
    neighbours = lineage.merge_candidates(get_session(), parcel_id) \
        if can_plan and detail.status == "freed" and not detail.valid_to else []
    around = surroundings.surroundings(get_session(), [parcel_id])
    return render_template("land/parcel.html", parcel=detail, land_uses=LAND_USE_CLASSES, statuses=PARCEL_STATUSES,
                           audit_actions=AUDIT_ACTIONS, output_sources=OUTPUT_SOURCES, zone_kinds=ZONE_KINDS, history_refs=history.references(get_session(), detail.history, [detail.district_code]),
                           can_plan=can_plan, assets=_assets(), neighbours=neighbours,
                           geometry=json.loads(detail.geometry_geojson),
                           map_config={**_parcel_map_config(parcel_id, neighbours, geodata.district_outline(get_session(), detail.district_code), detail.status),
                                       **parcel_map_context(around)},
                           zones=[zone_label(z) for z in around.zones],
                           nearby=nearby_links(around), nearby_heading=nearby_heading(around),
                           failed=failed, values=values or {}, errors=errors or {}, back=back_to(detail.status),
                           matching=_matching_href(detail))


def _matching_href(detail: redevelopment.ParcelDetail) -> str | None:
    """对接 from a live freed parcel: the freed land near it (its outline's centre) that would take a
    demand of its size (whole m², rounded down: it meets its own), as the matching ranks it."""
    if detail.status != "freed" or detail.valid_to:
        return None
    (south, west), (north, east) = outline_bounds(detail.geometry_geojson)
    return url_for("land.match", min_area=int(detail.area_m2), area_unit="m2",
                   lon=f"{(west + east) / 2:.6f}", lat=f"{(south + north) / 2:.6f}")


def form_fields() -> dict[str, str]:
    """The posted fields; one named twice (the merge form's ticked parcels and typed codes) joined by commas."""
    return {k: ",".join(v for v in request.form.getlist(k) if v) for k in request.form if k != "csrf_token"}


def _parcel_map_config(parcel_id: int, neighbours, district, status: str) -> dict:
    """The parcel page map's styles, texts, the parcels it may be merged with, its district (drawn
    around it and in the corner's locator) and where the split and merge forms are previewed
    (static/js/parcel-map.js, parcel-previews.js). Freed land in its status's colour, as the freed-land
    map draws it (a redeveloped parcel was vermilion, freed land's); a parcel in use in the site's."""
    name = (district.name_en if reads_english() else district.name_zh) if district else None
    return {"parcel": PARCEL_STATUS_STYLES.get(status, PARCEL).as_json(), "districts": DISTRICTS.as_json(),
            "district": {"name": name, "geometry": json.loads(district.geometry_geojson),
                         "label": gettext("Where the parcel lies in %(district)s", district=name)} if district else None,
            "drawing": DRAWING.as_json(), "neighbour": WIZARD_STYLES["not_chosen"].as_json(),
            "pieces": [style.as_json() for style in SPLIT_PIECES],
            "neighbours": [{"code": n.code, "geometry": json.loads(n.geometry_geojson)} for n in neighbours],
            "urls": {"split": url_for("land_previews.split", parcel_id=parcel_id),
                     "merge": url_for("land_previews.merge", parcel_id=parcel_id)},
            "texts": {"drawn": gettext("Cut line drawn (%(points)s points). Split to cut the parcel along it, or draw again.",
                                       points="{points}"),
                      "checking": gettext("Preparing the preview…"),
                      "pieces": gettext("Splitting makes %(count)s parcels:", count="{count}"),
                      "merged": gettext("Merging makes one parcel:"),
                      "piece": gettext("%(label)s: %(value)s", label="{code}", value="{area}"),
                      "field": gettext("%(label)s: %(value)s", label="{label}", value="{message}"),
                      "unavailable": gettext("The preview could not be made (%(reason)s); the server checks the form again when you save it.",
                                             reason="{reason}")}}


@bp.post("/parcels/<int:parcel_id>/<action>")
def act(parcel_id: int, action: str):
    """The planner's lifecycle forms: plan, withdraw, complete, output, split, merge. Refused input
    shows the page again with the form as typed (the other forms empty) and the reasons."""
    session, form = get_session(), form_fields()
    try:
        target, done = _act(session, current_actor(), parcel_id, action, form)
    except (ValidationError, Conflict, NotFound) as error:
        session.rollback()
        if isinstance(error, NotFound) and action != "merge":  # the page's own parcel: no page to show
            raise
        errors = (field_texts(error) if isinstance(error, ValidationError) else {}) or {"-": message_text(error)}
        return _render_parcel(parcel_id, action, form, errors), status_of(error)
    flash(done, "success")
    return redirect(url_for("land.parcel", parcel_id=target))


def _act(session, actor, parcel_id: int, action: str, form: dict[str, str]) -> tuple[int, str]:
    """The parcel to show after ``action``, and what to tell the planner."""
    target = parcel_id
    if action == "plan":
        redevelopment.plan_redevelopment(session, actor, parcel_id, form)
        done = gettext("Redevelopment plan saved.")
    elif action == "withdraw":
        redevelopment.withdraw_plan(session, actor, parcel_id)
        done = gettext("Plan withdrawn: the parcel is freed land again.")
    elif action == "complete":
        redevelopment.complete_redevelopment(session, actor, parcel_id, form)
        done = gettext("Parcel marked as redeveloped.")
    elif action == "output":
        redevelopment.record_output(session, actor, parcel_id, form)
        done = gettext("Output recorded.")
    elif action == "split":
        children = _split(session, actor, parcel_id, form)
        target, done = children[0], gettext("Parcel split into %(count)s parcels.", count=len(children))
    elif action == "merge":
        target = lineage.merge_parcels(session, actor, parcels_to_merge(session, parcel_id, form), form.get("code"))
        done = gettext("Parcels merged into one.")
    else:
        raise ValidationError.single("action", UNKNOWN_VALUE, value=action[:20],
                                     allowed=Listed(("plan", "withdraw", "complete", "output", "split", "merge")))
    return target, done


def _split(session, actor, parcel_id: int, form: dict[str, str]) -> list[int]:
    """The split form: along the line drawn on the map, else into the parts typed as GeoJSON."""
    given = split_input(form)
    if "line" in given:
        return lineage.split_parcel_along(session, actor, parcel_id, given["line"])
    return lineage.split_parcel(session, actor, parcel_id, given["parts"])


def split_input(form: dict[str, str]) -> dict:
    """What the split form gives (its save and its preview read it alike): ``{"line": …}`` when a
    line was drawn, else ``{"parts": […]}`` from the typed GeoJSON."""
    if form.get("line"):
        return {"line": form["line"]}
    if not (form.get("parts") or "").strip():
        raise ValidationError.single("line", N_("draw a cut line across the parcel on the map, or give the parts"))
    try:
        return {"parts": json.loads(form["parts"])}
    except ValueError:
        raise ValidationError.single("parts", N_("must be a JSON list of GeoJSON polygons"))


def parcels_to_merge(session, parcel_id: int, form: dict[str, str]) -> list[int]:
    """The merge form's parcels (its save and its preview read it alike): this one and those ticked or typed."""
    return [parcel_id, *lineage.parcels_named(session, form.get("with") or "")]


@bp.get("/matching")
def match():
    data = {k: ",".join(request.args.getlist(k)) for k in request.args}
    result, errors = None, {}
    if data.get("min_area") is not None:
        try:
            result = matching.match_demand(get_session(), current_actor(), data)
        except ValidationError as error:
            errors = field_texts(error)
    return render_template("land/matching.html", result=result, errors=errors, form=data, zone_kinds=ZONE_KINDS,
                           area_units=AREA_UNITS, districts=freed_land.district_choices(get_session()), translate=translate,
                           english=reads_english())
