"""Rollup pages: the dashboard, the drill-down project list, downloads, and closing a year."""
from __future__ import annotations

import json
from dataclasses import replace

from babel.lists import format_list
from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext

from geo.choropleth import ValuedArea, choropleth_map
from registry import clock
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import Listed, UNKNOWN_VALUE, ValidationError
from registry.domain.rollup_progress import progress_columns
from registry.domain.fields import Errors
from registry.domain.numbers import optional_whole_number
from registry.domain.rollups import RULES, Figures, RollupQuery, parse_rollup_query, read_drill_down, read_rollup_query
from registry.domain.targets import UNITS
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES
from registry.i18n import format_figure, labelled, reads_english, translate
from registry.downloads import content_disposition
from registry.downloads import export_response as download
from registry.services import export_log, geodata, land_output, project_exports
from registry.services import rollups as service
from registry.services.district_filter import known_districts, require_known_districts
from registry.services.rollup_data import Rollup
from registry.services.rollup_reports import district_name, rollup_csv, rollup_json
from registry.services.rollup_xlsx import rollup_xlsx
from registry.web.drawn_once import drawings, drawn_once
from registry.web.rollup_charts import NAMES as CHART_NAMES, RollupChart, rollup_charts
from registry.web.pages import basemap, map_assets
from registry.web.paging import beyond_last_page
from registry.web.refused_query import refused_lines
from registry.refused_downloads import list_download
from registry.refused_forms import form_on

bp = Blueprint("rollups", __name__, url_prefix="/rollups")


@bp.context_processor
def _translate_dynamic() -> dict:
    # msgids held in data (labels, units such as "%") are translated without %-formatting
    return {"tr": translate}
FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _today():
    return clock.today()


def _default_year(given: bool) -> int:
    return _today().year - 1 if given else service.default_year(get_session(), _today())


def _query() -> RollupQuery:
    """The report's query, strictly (a download, a chart's file: a value it cannot use is refused, a
    district code no district has too)."""
    query = parse_rollup_query(request.args, _default_year(bool(request.args.get("year"))))
    require_known_districts(get_session(), [query.district_code])
    return query


def _page_query(refused: Errors) -> RollupQuery:
    """The report's query as a page reads it: a value it cannot use at its default, said above the page
    (a year that is none: the year the rollup opens on; a district code no district has: every district)."""
    query, errors = read_rollup_query(request.args, _default_year(False))
    refused.field_errors.extend(errors.field_errors)
    district = known_districts(get_session(), refused, [query.district_code])
    return replace(query, district_code=next(iter(district), None))


def _link_args(query: RollupQuery, **extra) -> dict:
    """The query's parameters as given (so links keep the user's ``as_of`` spelling)."""
    args = {"year": query.year, "rule": query.rule, "as_of": (request.args.get("as_of") or None) if query.as_of else None,
            "district": query.district_code}
    args.update(extra)
    return {k: v for k, v in args.items() if v or v == 0}


def drill(query: RollupQuery, **extra) -> str:
    return url_for("rollups.projects", **_link_args(query, **extra))


def _charts(report: Rollup, trend: dict[int, Figures], query: RollupQuery) -> dict[str, RollupChart]:
    return rollup_charts(report, trend, lambda **extra: drill(query, **extra), _today(), reads_english())


# the districts' outlines (this version and the one before) and the maps (a year's or filter's figures
# each their own, hence a few dozen)
MAP_CACHES = (drawings("registry.rollup_outlines", 2), drawings("registry.rollup_map", 32))


def _choropleth(session, report: Rollup, query: RollupQuery):
    """The districts coloured by savings, drawn again only when the districts, the figures, their
    links or the language changed: outlines 20–30 ms, folium ≈ 64 ms a view (docs/performance.md)."""
    version = geodata.districts_version(session)
    outlines = drawn_once(MAP_CACHES[0], version, lambda: geodata.district_outlines(session))
    english, by_district = reads_english(), report.by_district()
    areas = []
    for outline in outlines:
        figures = by_district.get(outline.code)
        value = float(figures.savings_tce) if figures else 0.0
        name = outline.name_en if english else outline.name_zh
        areas.append(ValuedArea(outline.code, labelled(name, f"{format_figure(value, 'tce')} {gettext('tce')}"), value,
                                outline.geometry_geojson, drill(query, district=outline.code)))
    assets, base = map_assets(), basemap()
    # the geometry is the version's; the rest of what is drawn is in the key (a year's or filter's
    # figures each their own map, hence a few dozen kept)
    shown = tuple((a.id, a.label, a.value, a.link) for a in areas)
    return drawn_once(MAP_CACHES[1], (str(get_locale()), assets, base, version, shown), lambda: choropleth_map(
        areas, gettext("Energy saved, equivalent value (tce)"), assets, base))


@bp.get("")
def dashboard():
    session, refused = get_session(), Errors()
    query = _page_query(refused)
    report, trend = service.dashboard(session, query)
    progress = report.progress(_today())
    return render_template(
        "rollups/dashboard.html", report=report, query=query, progress=progress, columns=progress_columns(progress),
        has_targets=any(p.target is not None or reported is not None for p, reported in progress),
        charts=_charts(report, trend, query), fmap=_choropleth(session, report, query),
        years=service.report_years(session, query, _today()), districts=report.districts, rules=RULES,
        kinds=PROJECT_KINDS, statuses=PROJECT_STATUSES, units=UNITS, english=reads_english(),
        drill=lambda **extra: drill(query, **extra), link_args=_link_args(query),
        as_of_text=request.args.get("as_of", ""), can_close=current_actor().role in ("admin", "city_reviewer"), is_admin=current_actor().is_admin,
        district_name=lambda code: district_name(report, code, reads_english()),
        today=_today(), today_year=_today().year, illustrative=service.has_illustrative_projects(session),
        development_zones=_development_zones_output(session, query.year), refused_values=refused_lines(refused),
        rule_hint=service.rule_hint(session, report),
        **_equal_value_gaps(service.equal_value_gaps(session, report, trend)),
    )


def _equal_value_gaps(years: list[int]) -> dict:
    """The years without an electricity equal value the page's notes name, and them as a list in the
    page's language (2014、2015和2016; 2014, 2015, and 2016)."""
    return {"equal_value_gaps": years,
            "equal_value_gap_years": format_list([str(y) for y in years], locale=get_locale()) if years else ""}


def _development_zones_output(session, year: int) -> tuple[str, object] | None:
    """(link, line) of the registry's own land output of development zones that year: the target's
    metric is outside statistics, so the rollup has no actual of it unless one is reported."""
    line = land_output.development_zones_output(session, year)
    return (url_for("land_output.output", year=year, level="development_zone"), line) if line else None


@bp.get(f"/charts/<any({', '.join(CHART_NAMES)}):chart>.svg")
def chart_file(chart: str):
    """One of the dashboard's charts as an SVG file (下载图片), which the page's PNG is also made of: a
    picture of the page's figures, not an export of records (services/export_log.py), so no entry."""
    session, query = get_session(), _query()
    drawn = _charts(*service.dashboard(session, query), query)[chart]
    response = Response(drawn.svg(), content_type="image/svg+xml; charset=utf-8")
    response.headers["Content-Disposition"] = content_disposition(drawn.file_name("svg"), drawn.fallback_name("svg"))
    response.headers["Cache-Control"] = "private, no-store"  # the reader's selection of figures that change
    return response


@bp.get("/projects")
def projects():
    refused = Errors()
    query = _page_query(refused)
    kinds, status = read_drill_down([k for k in request.args.getlist("kind") if k], request.args.get("status") or None,
                                    refused)
    page_number = refused.capture(optional_whole_number, request.args.get("page"), "page") or 1
    session = get_session()
    page = service.projects_behind(session, query, kinds, status, page_number)
    if (last := beyond_last_page(page.page, page.pages)) is not None:
        return last
    names = service.district_names(session)
    return render_template(
        "rollups/projects.html", page=page, query=query, kinds=PROJECT_KINDS, statuses=PROJECT_STATUSES,
        selected_kinds=kinds, status=status, rules=RULES, english=reads_english(), names=names,
        link_args=_link_args(query, kind=kinds or None, status=status),
        export_limit=project_exports.MAX_EXPORT_PROJECTS, refused_values=refused_lines(refused),
    )


@bp.get("/projects/export")
@list_download("rollups.projects")
def projects_export():
    """The drill-down's projects, every page, as XLSX or CSV."""
    query = _query()
    kinds = [k for k in request.args.getlist("kind") if k]
    fmt = request.args.get("format", "xlsx")
    return download(lambda out: project_exports.export_projects_behind(
        get_session(), current_actor(), query, kinds, request.args.get("status") or None, fmt, out, translate,
        reads_english()))


def export_response(report: Rollup, fmt: str) -> Response:
    """The report in ``fmt`` as a download, with the notes the dashboard says beside its tables."""
    if fmt not in FORMATS:
        raise ValidationError.single("format", UNKNOWN_VALUE,
                                     value=fmt[:20], allowed=Listed(tuple(FORMATS)))
    notes = service.report_notes(get_session(), report)
    if fmt == "json":
        body = json.dumps(rollup_json(report, translate, _today(), reads_english(), notes), ensure_ascii=False,
                          indent=2).encode()
    elif fmt == "csv":
        body = rollup_csv(report, translate, reads_english(), notes)
    else:
        body = rollup_xlsx(report, translate, _today(), reads_english(), notes, current_actor().username)
    stem = f"rollup-{report.year}-{report.rule}" + (f"-{report.district_code}" if report.district_code else "")
    stem += "-frozen" if report.is_frozen_report else ""
    # dated by the day it was taken, as the drill-down's and every list's download (rollup-2013-verified-2026-12-06.xlsx)
    name = f"{stem}-{_today().isoformat()}.{fmt}"
    return Response(body, mimetype=FORMATS[fmt].split(";")[0], headers={
        "Content-Disposition": content_disposition(name, name), "Content-Type": FORMATS[fmt]})


@bp.get("/export")
@list_download("rollups.dashboard")
def export():
    session, query = get_session(), _query()
    fmt = request.args.get("format", "xlsx")
    frozen = bool(request.args.get("frozen"))
    if frozen:
        report = service.frozen_rollup(session, query.year, query.rule, query.district_code)
    else:
        report = service.rollup(session, query, with_projects=fmt == "xlsx")
    if fmt in FORMATS:  # an unknown one is refused below, and nothing taken out
        export_log.record_export(session, current_actor(), export_log.rollup_export(query, fmt, frozen))
    return export_response(report, fmt)


@bp.post("/close")
@form_on("rollups.dashboard")  # a refused closing (a crafted or stale form) shows the rollup page and why
def close():
    query = parse_rollup_query(request.form, _today().year - 1)
    closed = service.close_year(get_session(), current_actor(), query.year, query.rule, request.form.get("note") or None)
    flash(gettext("%(year)s is closed: its report is frozen and can be downloaded below.", year=closed.year), "success")
    return redirect(url_for("rollups.dashboard", year=query.year, rule=query.rule))
