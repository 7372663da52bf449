"""The rollup's charts as pictures (下载图片): each chart's SVG file, named and captioned for a report."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import quote

import pytest

from registry import clock
from registry.clock import SHANGHAI, frozen_at
from tests.integration import rollup_data

SVG = "{http://www.w3.org/2000/svg}"


def _texts(body: bytes) -> list[str]:
    """The drawn texts of an SVG file (it must parse as XML), tooltips left out."""
    root = ET.fromstring(body)
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


def _caption(body: bytes) -> tuple[str, str]:
    """(the line above the chart's drawing, the lines under it as one) of an SVG file."""
    lines = [t.text for t in ET.fromstring(body).findall(f"{SVG}text")]
    return lines[0], " ".join(lines[1:])


@pytest.fixture
def planner(client, login, session):
    rollup_data.load(session)
    login("planner")
    return client


def test_a_charts_file_is_its_drawing_with_the_report_year_and_date_of_its_figures(planner):
    day = clock.today()  # as of a day after the data were written (their history starts then)
    response = planner.get(f"/rollups/charts/district.svg?year=2013&as_of={day}")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    name = f"2013年度汇总_各区节能量_截至{day}.svg"
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename=\"rollup-2013-district-{day}.svg\"; filename*=UTF-8''{quote(name)}")
    root = ET.fromstring(response.data)
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    assert root.get("width") == "760" and "Noto Sans CJK SC" in root.get("font-family")
    texts = _texts(response.data)
    # above the chart, its title, the districts' bars, and under it the date, the counting rule, the registry
    assert texts[0] == "2013 年度汇总" and texts[1] == "各区节能量（吨标准煤）" and "浦东新区" in texts
    said = f"数据截至：{day.year}年{day.month}月{day.day}日 · 统计口径：已核定项目，计入核定年度"
    assert texts[-1].startswith(said), texts[-1]
    assert root.find(f"{SVG}title").text == "2013 年度汇总 · 各区节能量"
    assert root.find(f"{SVG}rect").get("fill") == "#fff"  # not transparent on a dark slide
    # the page's drawing, placed under the report's line, its bars still what the page draws
    drawing = root.find(f"{SVG}svg")
    assert (drawing.get("y"), drawing.get("width")) == ("22", "760") and len(drawing.findall(f".//{SVG}rect")) == 2 * 2 + 2
    assert planner.get("/rollups/charts/map.svg?year=2013").status_code == 404  # the dashboard's charts only


def test_without_an_as_of_day_a_file_is_dated_today_and_a_districts_names_it(planner):
    with frozen_at(datetime(2015, 3, 9, 10, tzinfo=SHANGHAI)):
        response = planner.get("/rollups/charts/trend.svg?year=2013&district=310115&rule=completed")
    name = "2013年度汇总_浦东新区_历年节能量_截至2015-03-09.svg"
    assert response.headers["Content-Disposition"].endswith(quote(name))
    assert 'filename="rollup-2013-310115-trend-2015-03-09.svg"' in response.headers["Content-Disposition"]
    above, below = _caption(response.data)
    assert above == "2013 年度汇总 · 浦东新区" and _texts(response.data)[1] == "历年节能量（吨标准煤）"
    assert below.startswith("数据截至：2015年3月9日 · 统计口径：已完成和已核定项目，计入完成年度 · "), below


def test_a_file_speaks_the_readers_language(planner):
    planner.get("/lang/en")
    response = planner.get("/rollups/charts/counts.svg?year=2013&as_of=2013-12-31")
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="Annual rollup 2013_Projects counted by year_as of 2013-12-31.svg"')
    assert _texts(response.data)[:2] == ["Annual rollup 2013", "Projects counted by year (projects)"]
    above, below = _caption(response.data)
    # the English line is longer than the chart is wide: wrapped, never cut
    assert above == "Annual rollup 2013" and below == (
        "Figures as of: Dec 31, 2013 · Counting rule: Verified projects, counted in the year of verification · "
        "Shanghai energy-saving and structural-adjustment registry")
    assert len(ET.fromstring(response.data).findall(f"{SVG}text")) == 3


def test_each_chart_on_the_page_offers_its_svg_and_with_script_its_png(planner):
    html = planner.get("/rollups?year=2013&as_of=2013-12-31").get_data(as_text=True)
    links = re.findall(r'<a href="(/rollups/charts/[a-z]+\.svg\?[^"]*)" download', html)
    assert [link.split("?")[0] for link in links] == [f"/rollups/charts/{n}.svg" for n in ("district", "trend", "counts")]
    assert all("year=2013" in link and "as_of=2013-12-31" in link for link in links)
    # the PNG is the script's: hidden in the HTML, named for the file it downloads
    assert html.count('<span class="chart-png" hidden>') == 3
    assert 'data-file-name="2013年度汇总_各区节能量_截至2013-12-31.png"' in html
    assert html.count('class="chart-download screen-only"') == 3  # not on paper


def test_the_first_charts_line_links_the_help_on_chart_pictures_once_a_page(planner):
    html = planner.get("/rollups?year=2013").get_data(as_text=True)
    lines = re.findall(r'<div class="chart-download screen-only".*?</div>', html, re.S)
    help_part = 'href="/help/rollups#chart-pictures"'
    assert [help_part in line for line in lines] == [True, False, False] and html.count(help_part) == 1
    # the house link, named with its topic for a screen reader; in the reader's language
    assert re.search(r'<a class="help-link screen-only" href="/help/rollups#chart-pictures" aria-label="帮助：[^"]+">帮助</a>', lines[0])
    english = planner.get("/rollups?year=2013&lang=en").get_data(as_text=True)
    assert re.search(r'href="/help/rollups#chart-pictures" aria-label="Help: [^"]+">Help</a>', english)
