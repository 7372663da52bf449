"""The land-output page (土地产出): output value per km² by district, zone or parcel with the year
before, its map and its downloads. Thin: read the address, call ``services.land_output`` (kept until
its data changes: ``report_caches``), render.
"""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import get_locale, gettext

from geo.choropleth import ValuedArea, choropleth_map
from registry.auth import current_actor
from registry.db import get_session
from registry.downloads import export_response
from registry.domain.fields import Errors
from registry.domain.land_output import LEVELS, check_level, own_order, parse_output_order
from registry.domain.numbers import optional_year_number
from registry.domain.years import MAX_YEAR, MIN_YEAR
from registry.i18n import format_figure, labelled, reads_english, translate
from registry.refused_downloads import list_download
from registry.report_caches import LAND_OUTPUT_CACHE
from registry.services import geodata, land_output, land_output_exports
from registry.web.pages import basemap, map_assets
from registry.web.refused_query import refused_lines

bp = Blueprint("land_output", __name__, url_prefix="/land")


def _output_tooltip(line, english: bool) -> str:
    """A map area's land output: the unit after the name in English (Pudong (100 million yuan/km²): 45.2,
    not 45.2 × 100 million yuan/km²), after the figure in Chinese (浦东新区：45.2 亿元/km²)."""
    name = line.name_en if english else line.name_zh
    if line.output_yi_yuan_per_km2 is None:
        return labelled(name, "—")
    return gettext("%(name)s (100 million yuan/km²): %(value)s", name=name,
                   value=format_figure(line.output_yi_yuan_per_km2, "亿元/km²"))


def _output_map(session, report: land_output.LandOutputReport, english: bool):
    """The report's map, drawn again only for other figures (the versions they were read at), another
    order of its areas, language, assets or basemap: folium took most of a repeat view once the
    figures were kept (docs/performance.md)."""
    cache, assets, base = LAND_OUTPUT_CACHE.get(), map_assets(), basemap()
    # zones are drawn on the districts' outlines (the districts' own map is them)
    districts = geodata.districts_version(session) if report.level != "district" else None

    def draw():
        areas = [ValuedArea(line.key, _output_tooltip(line, english),
                            float(line.output_yi_yuan_per_km2) if line.output_yi_yuan_per_km2 is not None else None,
                            line.geometry_geojson)
                 for line in report.lines if line.geometry_geojson]
        outlines = [d.geometry_geojson for d in geodata.district_outlines(session)] if districts else []
        # quantiles: equal steps from 0 drew the demo's zones (6.8 to 398.7) in one pale class, two
        # outliers aside, and its districts (38.6 to 71.3) in two or three (docs/freed-land.md)
        return choropleth_map(areas, gettext("Land output (100 million yuan/km²)"), assets, base, outlines,
                              quantiles=gettext("Classes: quantiles, about as many areas in each"))

    if cache is None or report.read_at is None:
        return draw()
    return cache.kept(("map", report.read_at, report.level, report.year, report.order, str(get_locale()), assets,
                       base, districts), draw)


def _output_args(refused: Errors) -> tuple[str, int | None, str | None]:
    """The land-output report's level, year and order (``sort``) as the page and its download read
    them: one they cannot use is left at its default (the district level, the latest year, the level's
    own order), its problem in ``refused`` — which the page says, the download refuses."""
    level = request.args.get("level") or "district"
    if not refused.check(check_level, level):
        level = "district"
    year = refused.capture(optional_year_number, request.args.get("year"), "year", MIN_YEAR, MAX_YEAR)
    sort = request.args.get("sort") or None
    if sort is not None and not refused.check(parse_output_order, sort, level):
        sort = None
    return level, year, sort


@bp.get("/output")
def output():
    """Land output by district, zone or parcel with the year before; a sortable table, downloads. A
    year, level or order of the address it cannot use is said above it, the default shown."""
    refused = Errors()
    level, year, sort = _output_args(refused)
    report = land_output.land_output(get_session(), current_actor(), level, year, sort, cache=LAND_OUTPUT_CACHE.get())
    english = reads_english()
    fmap = _output_map(get_session(), report, english) if level != "parcel" else None
    own = own_order(report.level).param == report.order.param  # a link then leaves the order out
    return render_template("land/output.html", report=report, fmap=fmap, levels=LEVELS, english=english,
                           kept_sort=None if own else report.order.param, own_order=own,
                           export_limit=land_output_exports.MAX_EXPORT_LINES,
                           heads={key: translate(msgid) for key, msgid in land_output_exports.SORT_NAMES.items()},
                           refused_values=refused_lines(refused))


@bp.get("/output/export")
@list_download("land_output.output")
def output_export():
    """The land-output report as shown (year, level, order) with every line: Excel, CSV (the page's
    buttons) or JSON."""
    refused = Errors()
    level, year, sort = _output_args(refused)
    refused.raise_if_any()
    fmt = request.args.get("format", "xlsx")
    return export_response(lambda out: land_output_exports.export_land_output(
        get_session(), current_actor(), level, year, sort, fmt, out, translate, reads_english(), cache=LAND_OUTPUT_CACHE.get()))
