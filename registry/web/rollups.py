"""Rollup pages: the dashboard, the drill-down project list, downloads, and closing a year."""
from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext

from geo.choropleth import ValuedArea, choropleth_map
from registry import clock
from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import N_, Listed, ValidationError
from registry.domain.presentation import places_of
from registry.domain.rollups import RULES, Figures, RollupQuery, check_drill_down, parse_rollup_query, progress_columns
from registry.domain.targets import UNITS
from registry.domain.vocabulary import PROJECT_KINDS, PROJECT_STATUSES
from registry.i18n import format_figure, labelled, translate
from registry.downloads import export_response as download
from registry.services import export_log, land_output, project_exports
from registry.services import rollups as service
from registry.services.rollup_data import Rollup
from registry.services.rollup_reports import district_name, rollup_csv, rollup_json
from registry.services.rollup_xlsx import rollup_xlsx
from registry.web.charts import Series, bar_chart, for_every_screen, line_chart, page_wording
from registry.web.pages import basemap, map_assets
from registry.web.paging import beyond_last_page

bp = Blueprint("rollups", __name__, url_prefix="/rollups")


@bp.context_processor
def _translate_dynamic() -> dict:
    # msgids held in data (labels, units such as "%") are translated without %-formatting
    return {"tr": translate}
FORMATS = {"json": "application/json", "csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _english() -> bool:
    return str(get_locale()) == "en"


def _today():
    return clock.today()


def _query() -> RollupQuery:
    given = request.args.get("year")
    return parse_rollup_query(request.args, _today().year - 1 if given else service.default_year(get_session(), _today()))


def _link_args(query: RollupQuery, **extra) -> dict:
    """The query's parameters as given (so links keep the user's ``as_of`` spelling)."""
    args = {"year": query.year, "rule": query.rule, "as_of": request.args.get("as_of") or None,
            "district": query.district_code}
    args.update(extra)
    return {k: v for k, v in args.items() if v or v == 0}


def drill(query: RollupQuery, **extra) -> str:
    return url_for("rollups.projects", **_link_args(query, **extra))


def _equal_value_series(name: str, figures: list[Figures | None], links: list[str]) -> Series:
    """The 等价值 series: a value whose projects lack an equal value says how many in its tooltip, and
    the legend marks the series when any does (those projects count as 0)."""
    missing = [f.equal_value_missing if f else 0 for f in figures]
    notes = [gettext("%(count)s projects without an equal-value figure", count=n) if n else None for n in missing]
    return Series(name, [f.savings_tce_equal_value if f else 0 for f in figures], links, notes,
                  gettext("Some projects have no equal-value figure and count as 0.") if any(missing) else None,
                  places_of("tce"))


def _charts(report: Rollup, trend: dict, query: RollupQuery) -> dict[str, str]:
    english, tce = _english(), gettext("tce")
    by_district = report.by_district()  # every district of the report, as the table beside the chart
    codes = list(by_district)
    names = [district_name(report, c, english) for c in codes]
    links = [drill(query, district=c) for c in codes]
    # the bases as the tables and the project page name them (the legends said 当量, 等价)
    equivalent, equal = gettext("Equivalent value (当量值)"), gettext("Equal value (等价值)")
    nothing = gettext("No project counted for this selection")
    wording = page_wording()
    district_chart = for_every_screen(bar_chart, gettext("Energy saved by district"), tce, names, [
        Series(equivalent, [by_district[c].savings_tce for c in codes], links,
               places=places_of("tce")),
        _equal_value_series(equal, [by_district[c] for c in codes], links),
    ], empty=nothing, wording=wording)
    years = sorted(trend)
    year_links = [drill(query, year=y) for y in years]
    trend_chart = for_every_screen(line_chart, gettext("Energy saved by year"), tce, [str(y) for y in years], [
        Series(equivalent, [trend[y].savings_tce for y in years], year_links, places=places_of("tce")),
        _equal_value_series(equal, [trend[y] for y in years], year_links),
    ], empty=nothing, wording=wording)
    count_chart = for_every_screen(line_chart, gettext("Projects counted by year"), gettext("projects"),
                                   [str(y) for y in years], [
        Series(gettext("Projects"), [trend[y].project_count for y in years], year_links, places=places_of("项"))],
        empty=nothing, wording=wording)
    return {"district": district_chart, "trend": trend_chart, "counts": count_chart}


def _choropleth(session, report: Rollup, query: RollupQuery):
    english, by_district = _english(), report.by_district()
    areas = []
    for outline in service.district_outlines(session):
        figures = by_district.get(outline.code)
        value = float(figures.savings_tce) if figures else 0.0
        name = outline.name_en if english else outline.name_zh
        areas.append(ValuedArea(outline.code, labelled(name, f"{format_figure(value, 'tce')} {gettext('tce')}"), value,
                                outline.geometry_geojson, drill(query, district=outline.code)))
    return choropleth_map(areas, gettext("Energy saved, equivalent value (tce)"), map_assets(), basemap())


@bp.get("")
def dashboard():
    session = get_session()
    query = _query()
    report = service.rollup(session, query)
    trend = service.trend(session, query)
    progress = report.progress(_today())
    return render_template(
        "rollups/dashboard.html", report=report, query=query, progress=progress, columns=progress_columns(progress),
        charts=_charts(report, trend, query), fmap=_choropleth(session, report, query),
        years=service.report_years(session, query), districts=report.districts, rules=RULES,
        kinds=PROJECT_KINDS, statuses=PROJECT_STATUSES, units=UNITS, english=_english(),
        drill=lambda **extra: drill(query, **extra), link_args=_link_args(query),
        as_of_text=request.args.get("as_of", ""), can_close=current_actor().role in ("admin", "city_reviewer"), is_admin=current_actor().is_admin,
        district_name=lambda code: district_name(report, code, _english()),
        today=_today(), today_year=_today().year, illustrative=service.has_illustrative_projects(session),
        development_zones=_development_zones_output(session, query.year),
    )


def _development_zones_output(session, year: int) -> tuple[str, object] | None:
    """(link, line) of the registry's own land output of development zones that year: the target's
    metric is outside statistics, so the rollup has no actual of it unless one is reported."""
    line = land_output.development_zones_output(session, year)
    return (url_for("land.output", year=year, level="development_zone"), line) if line else None


@bp.get("/projects")
def projects():
    query = _query()
    kinds = [k for k in request.args.getlist("kind") if k]
    status = request.args.get("status") or None
    check_drill_down(kinds, status)
    try:
        page_number = int(request.args.get("page", "1"))
    except ValueError:
        raise ValidationError.single("page", N_("must be a whole number")) from None
    session = get_session()
    page = service.projects_behind(session, query, kinds, status, page_number)
    if (last := beyond_last_page(page.page, page.pages)) is not None:
        return last
    names = service.district_names(session)
    return render_template(
        "rollups/projects.html", page=page, query=query, kinds=PROJECT_KINDS, statuses=PROJECT_STATUSES,
        selected_kinds=kinds, status=status, rules=RULES, english=_english(), names=names,
        link_args=_link_args(query, kind=kinds or None, status=status),
        export_limit=project_exports.MAX_EXPORT_PROJECTS,
    )


@bp.get("/projects/export")
def projects_export():
    """The drill-down's projects, every page, as XLSX or CSV."""
    query = _query()
    kinds = [k for k in request.args.getlist("kind") if k]
    fmt = request.args.get("format", "xlsx")
    return download(lambda out: project_exports.export_projects_behind(
        get_session(), current_actor(), query, kinds, request.args.get("status") or None, fmt, out, translate,
        _english()))


def export_response(report: Rollup, fmt: str) -> Response:
    """The report in ``fmt`` as a download (shared by the page and the API)."""
    if fmt not in FORMATS:
        raise ValidationError.single("format", N_("unknown value %(value)s (allowed: %(allowed)s)"),
                                     value=fmt[:20], allowed=Listed(tuple(FORMATS)))
    if fmt == "json":
        body = json.dumps(rollup_json(report, translate, _today(), _english()), ensure_ascii=False, indent=2).encode()
    elif fmt == "csv":
        body = rollup_csv(report, translate, _english())
    else:
        body = rollup_xlsx(report, translate, _today(), _english())
    stem = f"rollup-{report.year}-{report.rule}" + (f"-{report.district_code}" if report.district_code else "")
    stem += "-frozen" if report.is_frozen_report else ""
    return Response(body, mimetype=FORMATS[fmt].split(";")[0], headers={
        "Content-Disposition": f'attachment; filename="{stem}.{fmt}"', "Content-Type": FORMATS[fmt]})


@bp.get("/export")
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
def close():
    query = parse_rollup_query(request.form, _today().year - 1)
    closed = service.close_year(get_session(), current_actor(), query.year, query.rule, request.form.get("note") or None)
    flash(gettext("%(year)s is closed: its report is frozen and can be downloaded below.", year=closed.year), "success")
    return redirect(url_for("rollups.dashboard", year=query.year, rule=query.rule))
