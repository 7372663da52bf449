"""Chart axes: round steps whose labels say exactly where the gridlines are."""
from __future__ import annotations

import re

import pytest

from registry.web.chart_text import wrapped
from registry.web.chart_values import nice_scale
from registry.web.charts import (COMPACT_WIDTH, DRAWINGS, PALETTE, Series, Wording, bar_chart, for_every_screen,
                                 line_chart)


@pytest.mark.parametrize("value, integer, expected", [
    (23, True, (25, 5, 5)),  # counts: 0 5 10 15 20 25, never 6.25
    (4, True, (4, 1, 4)),
    (1, True, (1, 1, 1)),
    (0, True, (1, 1, 1)),
    (45_748.2, False, (50_000, 10_000, 5)),
    (31_943.0, False, (40_000, 10_000, 4)),
    (0.15, False, (0.15, 0.05, 3)),
    (7, False, (8, 2, 4)),
    (100, False, (100, 20, 5)),
])
def test_nice_scale(value, integer, expected):
    maximum, step, steps = nice_scale(value, integer)
    assert (maximum, step, steps) == pytest.approx(expected)
    assert maximum >= value and steps <= 5


def test_gridline_labels_are_exact_and_evenly_spaced():
    svg = line_chart("项目数", "项", ["2013", "2014", "2015"], [Series("项目", [21, 23, 11])])
    labels = re.findall(r'<text x="58" y="[\d.]+" text-anchor="end" fill="#5b6773">([^<]+)<', svg)
    assert labels == ["0", "5", "10", "15", "20", "25"]
    ys = [float(y) for y in re.findall(r'<line x1="64" x2="\d+" y1="([\d.]+)"', svg)]
    gaps = {round(a - b, 1) for a, b in zip(ys, ys[1:])}
    assert len(ys) == 6 and len(gaps) == 1


@pytest.mark.parametrize("draw, categories, values", [
    (bar_chart, ["浦东新区", "闵行区"], [0, 0]),
    (line_chart, [], []),
])
def test_a_chart_with_nothing_to_draw_says_so(draw, categories, values):
    svg = draw("各区节能量", "吨标准煤", categories, [Series("当量值", values)], empty="暂无计入项目")
    assert "暂无计入项目" in svg and "<rect" not in svg and "<circle" not in svg and "<line" not in svg
    assert 'aria-label="各区节能量 (吨标准煤): 暂无计入项目"' in svg


def test_a_chart_with_one_value_draws_it_and_no_note():
    svg = bar_chart("各区节能量", "吨标准煤", ["浦东新区", "闵行区"], [Series("当量值", [0, 5])], empty="暂无计入项目")
    assert "暂无计入项目" not in svg and svg.count("<rect") == 3  # two bars (one of height 0) and the legend


def test_a_chart_with_drill_down_links_exposes_them_with_names():
    linked = Series("当量值", [3, 5], links=["/rollups/projects?district=310115", None])
    svg = bar_chart("各区节能量", "吨标准煤", ["浦东新区", "闵行区"], [linked])
    # an image hides its content from screen readers, so a chart with links is a named group
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 320" role="group" '
                          'aria-label="各区节能量 (吨标准煤)"')
    assert '<a href="/rollups/projects?district=310115" aria-label="浦东新区 · 当量值: 3 吨标准煤"><rect' in svg
    assert svg.count("<a ") == 1
    trend = line_chart("历年节能量", "吨标准煤", ["2013", "2014"], [Series("当量值", [1, 2], links=["/a", "/b"])])
    assert 'role="group"' in trend and '<a href="/b" aria-label="2014 · 当量值: 2 吨标准煤"><circle' in trend
    plain = line_chart("历年节能量", "吨标准煤", ["2013", "2014"], [Series("当量值", [1, 2])])
    assert 'role="img"' in plain and "<a " not in plain


@pytest.mark.parametrize("draw", [bar_chart, line_chart])
@pytest.mark.parametrize("compact", [False, True])
def test_the_values_unit_stands_in_brackets_after_the_title(draw, compact):
    # It stood alone at the top right, across the chart from the axis whose values it names.
    chinese = Wording("%(label)s：%(value)s", "%(text)s（%(note)s）")
    svg = draw("各区节能量", "吨标准煤", ["浦东新区", "闵行区"], [Series("当量值", [3, 5])], compact=compact, wording=chinese)
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert texts[0] == "各区节能量（吨标准煤）" and "吨标准煤" not in texts[1:]
    assert 'aria-label="各区节能量（吨标准煤）"' in svg


def contrast_with_white(colour: str) -> float:
    """WCAG 2.1's contrast ratio of ``colour`` (#rrggbb) against white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("colour", PALETTE)
def test_every_series_colour_stands_out_from_the_white_panel(colour):
    assert contrast_with_white(colour) >= 3  # bars, lines and points are graphics a reader needs (1.4.11)


def test_a_compact_bar_chart_draws_a_row_per_category_within_a_phone_s_width():
    svg = bar_chart("各区节能量", "吨标准煤", ["浦东新区", "闵行区"], [Series("当量值", [0, 5])], compact=True)
    assert f'class="chart compact w{COMPACT_WIDTH}"' in svg and f'viewBox="0 0 {COMPACT_WIDTH} ' in svg
    # names 44 wide at 11 px, so the plot runs from 14 + 44 to 280 - 22; rows of 7 + 6 from y 30 + 3
    assert '<rect x="58.0" y="33.0" width="0.0" height="6.0"' in svg
    assert '<rect x="58.0" y="46.0" width="200.0" height="6.0"' in svg
    assert '<text x="52.0" y="53.5" text-anchor="end" font-size="11">闵行区</text>' in svg
    xs = [float(x) for x in re.findall(r' x2?="([\d.-]+)"', svg)]
    assert 0 <= min(xs) and max(xs) <= COMPACT_WIDTH


def test_a_compact_chart_puts_its_legend_and_wrapped_note_under_the_plot():
    note = "Some projects have no equal-value figure and count as 0."
    svg = line_chart("Energy saved by year", "tce", ["2013", "2014"],
                     [Series("Equivalent value", [3, 4]), Series("Equal value", [1, 2], legend_note=note)], compact=True)
    legend_y = [float(y) for y in re.findall(r'<text x="22" y="([\d.]+)">', svg)]
    assert len(legend_y) == 2 and min(legend_y) > max(float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg))
    lines = re.findall(r'<text x="8" y="[\d.]+" font-size="10" fill="#5b6773">([^<]+)</text>', svg)
    assert len(lines) > 1 and " ".join(lines) == "* " + note  # wrapped between words


def test_a_compact_line_chart_keeps_its_year_labels_apart_and_labels_the_latest():
    years = [str(y) for y in range(2013, 2027)]
    svg = line_chart("项目数", "项", years, [Series("项目", list(range(14)))], compact=True)
    labelled = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">(\d{4})</text>', svg)
    xs = [float(x) for x, _ in labelled]
    assert labelled[-1][1] == "2026" and len(labelled) < len(years)
    assert min(b - a for a, b in zip(xs, xs[1:])) >= 36


def test_wrapping_breaks_between_words_or_between_cjk_characters():
    assert wrapped("部分项目没有等价值，按 0 计。", 60, 10) == ["部分项目没有", "等价值，按", "0 计。"]
    assert wrapped("count as 0", 40, 10) == ["count", "as 0"]


def test_every_screen_gets_the_desktop_chart_first_then_the_wider_and_the_compact_ones():
    every = for_every_screen(bar_chart, "各区节能量", "吨标准煤", ["闵行区"], [Series("当量值", [5])])
    classes = ["chart w760", "chart w1060", "chart w1480", "chart compact w280", "chart compact w395", "chart compact w545"]
    assert re.findall(r'<svg [^>]*class="([^"]+)"', every) == classes  # the desktop's first: paper's
    # A wider screen's chart is wider, not bigger: the desktop's height and text sizes in more units,
    # so filling a wide column neither blows its labels up nor makes it stand a screen high.
    drawn = dict(zip(DRAWINGS, re.findall(r"<svg.*?</svg>", every)))
    sizes = re.compile(r'font-size="(\d+)"')
    for (width, compact), svg in drawn.items():
        assert f'viewBox="0 0 {width} ' in svg
        if not compact:
            assert 'viewBox="0 0 {} 320"'.format(width) in svg and sizes.findall(svg) == sizes.findall(drawn[(760, False)])
    for draw in (bar_chart, line_chart):  # "nothing counted" too
        empty = for_every_screen(draw, "t", "u", [], [], empty="所选范围内暂无计入项目")
        assert re.findall(r'class="([^"]+)"', empty) == classes


SIXTEEN = ["Pudong New Area", *(f"District {n}" for n in range(15))]


def test_a_long_name_under_the_bars_stays_inside_the_chart():
    # at 45° Pudong New Area hangs about 80 units under the axis: it was cut off 20 units short of it
    svg = bar_chart("Energy saved by district", "tce", SIXTEEN, [Series("Equivalent value", [3] * 16)])
    height = float(re.search(r'viewBox="0 0 760 ([\d.]+)"', svg).group(1))
    assert height >= 250 + 10 + 0.71 * (99 + 11)  # the axis at 250, the name 99 units long at 11 px
    assert 'viewBox="0 0 760 320"' in bar_chart("各区节能量", "吨标准煤", ["浦东新区"], [Series("当量值", [3])])


def test_names_that_fit_their_bars_stand_level_and_few_bars_stay_narrow():
    # an enterprise's one or two years: each bar filled half the plot, its year hung at 45°
    svg = bar_chart("各年综合能耗", "吨标准煤", ["2013", "2014"], [Series("能耗在线监测", [3, 4])])
    assert "rotate(45)" not in svg and '<text x="200.5" y="266" text-anchor="middle"' in svg
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="#\w+"><title>', svg)]
    assert len(widths) == 2 and all(w <= 48 for w in widths)
    assert 'viewBox="0 0 760 320"' in svg
    # sixteen districts: the names still hang, the bars as wide as their groups allow
    many = bar_chart("各区节能量", "吨标准煤", SIXTEEN, [Series("当量值", [3] * 16)])
    assert many.count("rotate(45)") == 16


def test_a_legend_name_too_long_for_the_legend_column_wraps_between_words():
    svg = line_chart("Energy saved by year", "tce", ["2013", "2014"],
                     [Series("Equivalent value (当量)", [3, 4]), Series("当量值", [1, 2])])
    # the column starts at 760 - 150 + 14 + 14 = 638: the whole name ran past the chart's edge at 760
    assert '<text x="638" y="48">Equivalent value</text><text x="638" y="64">(当量)</text>' in svg
    assert f'<rect x="624" y="71" width="10" height="10" fill="{PALETTE[1]}"/><text x="638" y="80">当量值</text>' in svg
