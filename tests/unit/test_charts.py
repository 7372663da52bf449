"""Chart axes: round steps whose labels say exactly where the gridlines are."""
from __future__ import annotations

import re

import pytest

from registry.web.charts import PALETTE, Series, bar_chart, line_chart, nice_scale


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
    assert 'aria-label="各区节能量: 暂无计入项目"' in svg


def test_a_chart_with_one_value_draws_it_and_no_note():
    svg = bar_chart("各区节能量", "吨标准煤", ["浦东新区", "闵行区"], [Series("当量值", [0, 5])], empty="暂无计入项目")
    assert "暂无计入项目" not in svg and svg.count("<rect") == 3  # two bars (one of height 0) and the legend


def test_a_chart_with_drill_down_links_exposes_them_with_names():
    linked = Series("当量值", [3, 5], links=["/rollups/projects?district=310115", None])
    svg = bar_chart("各区节能量", "吨标准煤", ["浦东新区", "闵行区"], [linked])
    # an image hides its content from screen readers, so a chart with links is a named group
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 320" role="group" '
                          'aria-label="各区节能量"')
    assert '<a href="/rollups/projects?district=310115" aria-label="浦东新区 · 当量值: 3 吨标准煤"><rect' in svg
    assert svg.count("<a ") == 1
    trend = line_chart("历年节能量", "吨标准煤", ["2013", "2014"], [Series("当量值", [1, 2], links=["/a", "/b"])])
    assert 'role="group"' in trend and '<a href="/b" aria-label="2014 · 当量值: 2 吨标准煤"><circle' in trend
    plain = line_chart("历年节能量", "吨标准煤", ["2013", "2014"], [Series("当量值", [1, 2])])
    assert 'role="img"' in plain and "<a " not in plain


def contrast_with_white(colour: str) -> float:
    """WCAG 2.1's contrast ratio of ``colour`` (#rrggbb) against white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("colour", PALETTE)
def test_every_series_colour_stands_out_from_the_white_panel(colour):
    assert contrast_with_white(colour) >= 3  # bars, lines and points are graphics a reader needs (1.4.11)
