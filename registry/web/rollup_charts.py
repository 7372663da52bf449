"""The rollup dashboard's charts: what each draws, and each as a picture of its own (下载图片).

A chart is drawn at every screen's width for the page (``charts.for_every_screen``) and at the
desktop's alone for its file (``chart_files.standalone``), whose SVG the page links to and whose
PNG the page's script makes from that SVG. The file says what the page around the chart said: the
report's year (and district), the date of its figures (the as-of day, else today's: the page's
"now"), the counting rule and the registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Callable

from flask_babel import format_date, gettext

from registry.domain.presentation import places_of
from registry.domain.rollups import RULES, Figures
from registry.i18n import format_number, labelled, translate
from registry.services.rollup_data import Rollup
from registry.services.rollup_reports import district_name
from registry.web.chart_files import file_name, standalone
from registry.web.chart_values import page_wording
from registry.web.charts import DESKTOP_WIDTH, Series, bar_chart, for_every_screen, line_chart

NAMES = ("district", "trend", "counts")  # the charts' names in their files' URLs (/rollups/charts/<name>.svg)


@dataclass(frozen=True)
class Caption:
    """What the report's charts say around them in their files, in the reader's language (``caption``)."""

    year: int
    district: str | None  # its name; None for the city
    district_code: str | None
    day: date  # of the figures: the as-of day, else today's (the page's "now")
    rule: str  # the counting rule's label

    @property
    def report(self) -> str:
        """2013 年度汇总 · 浦东新区: above the chart."""
        heading = gettext("Annual rollup %(year)s", year=self.year)
        return f"{heading} · {self.district}" if self.district else heading

    @property
    def figures(self) -> str:
        """数据截至：2013年12月31日 · 统计口径：… · the registry: under the chart."""
        return " · ".join((labelled(gettext("Figures as of"), format_date(self.day)),
                           labelled(gettext("Counting rule"), self.rule),
                           gettext("Shanghai energy-saving and structural-adjustment registry")))

    def stem(self, chart: str) -> str:
        """2013年度汇总_各区节能量_截至2013-12-31 (the district after the year): the file's name."""
        if self.district:
            return gettext("Annual rollup %(year)s_%(district)s_%(chart)s_as of %(date)s", year=self.year,
                           district=self.district, chart=chart, date=self.day.isoformat())
        return gettext("Annual rollup %(year)s_%(chart)s_as of %(date)s", year=self.year, chart=chart,
                       date=self.day.isoformat())

    def fallback(self, chart: str) -> str:
        """rollup-2013-310115-district-2013-12-31: for clients that read only an ASCII name."""
        return "-".join(filter(None, ("rollup", str(self.year), self.district_code, chart, self.day.isoformat())))


@dataclass(frozen=True)
class RollupChart:
    name: str
    title: str
    draw: Callable[..., str]  # (width=, compact=) → one drawing
    caption: Caption

    def drawings(self) -> str:
        """The chart at every screen's width, for the page."""
        return for_every_screen(self.draw)

    def file_name(self, suffix: str) -> str:
        return file_name(self.caption.stem(self.title), suffix)

    def fallback_name(self, suffix: str) -> str:
        return f"{self.caption.fallback(self.name)}.{suffix}"

    def svg(self) -> str:
        """The desktop drawing as an SVG document of its own, with the report, year and date in it."""
        report = self.caption.report
        return standalone(self.draw(width=DESKTOP_WIDTH, compact=False), f"{report} · {self.title}", report,
                          self.caption.figures)


def caption(report: Rollup, today: date, english: bool) -> Caption:
    code = report.district_code
    return Caption(report.year, district_name(report, code, english) if code else None, code,
                   report.pace_date(today), translate(RULES[report.rule]))


def _equal_value_series(name: str, figures: list[Figures | None], links: list[str]) -> Series:
    """The 等价值 series: a value whose projects lack an equal value says how many in its tooltip, and
    the legend marks the series when any does (those projects count as 0)."""
    missing = [f.equal_value_missing if f else 0 for f in figures]
    notes = [_without_equal_value(n) if n else None for n in missing]
    return Series(name, [f.savings_tce_equal_value if f else 0 for f in figures], links, notes,
                  gettext("Some projects have no equal-value figure and count as 0.") if any(missing) else None,
                  places_of("tce"))


def _without_equal_value(count: int) -> str:
    """The tooltip's note, singular for one project in English (as the dashboard's table says it)."""
    if count == 1:
        return gettext("1 project without an equal-value figure")
    return gettext("%(count)s projects without an equal-value figure", count=format_number(count, 0))


def rollup_charts(report: Rollup, trend: dict[int, Figures], drill: Callable[..., str], today: date,
                  english: bool) -> dict[str, RollupChart]:
    """The dashboard's charts by name (``NAMES``): the district bars, the savings and the projects by
    year. ``drill(**filters)``: the link of a bar or a point to the projects behind it. Nothing is
    drawn until asked for."""
    tce = gettext("tce")
    by_district = report.by_district()  # every district of the report, as the table beside the chart
    codes = list(by_district)
    names = [district_name(report, c, english) for c in codes]
    links = [drill(district=c) for c in codes]
    # the bases as the tables and the project page name them (the legends said 当量, 等价)
    equivalent, equal = gettext("Equivalent value (当量值)"), gettext("Equal value (等价值)")
    options = {"empty": gettext("No project counted for this selection"),
               "wording": page_wording()}
    years = sorted(trend)
    year_links = [drill(year=y) for y in years]
    titles = (gettext("Energy saved by district"), gettext("Energy saved by year"), gettext("Projects counted by year"))
    draws = (
        partial(bar_chart, titles[0], tce, names, [
            Series(equivalent, [by_district[c].savings_tce for c in codes], links, places=places_of("tce")),
            _equal_value_series(equal, [by_district[c] for c in codes], links)], **options),
        partial(line_chart, titles[1], tce, [str(y) for y in years], [
            Series(equivalent, [trend[y].savings_tce for y in years], year_links, places=places_of("tce")),
            _equal_value_series(equal, [trend[y] for y in years], year_links)], **options),
        partial(line_chart, titles[2], gettext("projects"), [str(y) for y in years], [
            Series(gettext("Projects"), [trend[y].project_count for y in years], year_links,
                   places=places_of("项"), unit_one=gettext("project"))], **options),
    )
    said = caption(report, today, english)
    return {name: RollupChart(name, title, draw, said) for name, title, draw in zip(NAMES, titles, draws)}
