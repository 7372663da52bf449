"""Charts as inline SVG, drawn on the server: no JavaScript, no CDN, and the page's CJK fonts.

Bars and lines only, for the rollups' dashboard and an enterprise's consumption by year. Every text
goes through XML escaping; a bar or a point may carry a link (drill-down) and a ``<title>`` tooltip. A
chart fills its box and its texts scale with it, so each is drawn at several widths (``DRAWINGS``),
charts.css (linked by each page that draws one) showing the one whose texts its box draws at 11/12 to 1.3 times their size: ``compact`` ones
for a phone's box (the legend under the plot, bars across; the desktop's 11-px labels came out 5 px
there), wider ones with a legend column on the right, the same texts and height (the desktop's,
stretched to fill a 1,850-px column, drew its 12-px labels at 29 px and stood 770 px high).
``for_every_screen`` gives them all.

The pieces they are drawn from (frame, axis, legend, links, the empty chart) are chart_svg; what they
are given (``Series``) and the wording of their tooltips (``Wording``, ``page_wording``) chart_values.
"""
from __future__ import annotations

import math
from typing import Callable, Sequence
from xml.sax.saxutils import escape

from registry.web.chart_svg import (PALETTE, empty_chart, frame, legend_below, legend_entries, legend_notes, linked,
                                    nothing_to_draw, series_scale, value_axis)
from registry.web.chart_text import shortened, text_px
from registry.web.chart_values import ENGLISH, Series, Wording, axis_label

# The widths a chart is drawn at, in viewBox units, and whether compact. A drawing fills boxes up to 1.3
# times its width (its 12-unit labels 16 px) and the next one takes over there, at 0.92-0.95 (11 px):
# each covers a box 1.42 times as wide as its smallest, so the boxes of 320- to 1,920-px screens
# (266-1,850 px) take six. Three (320, 760 and 1,200 units) left the 760-unit one 12 % short of the
# box on 1,060-1,199-px screens, blew a compact one up 2.2 times on a 760-px one and drew its labels at
# 9 px on a 320-px one. The desktop's is first: paper's, and a browser's without container queries.
DESKTOP_WIDTH = 760
COMPACT_WIDTH = 280  # a 320-px phone's box: 266 px
DRAWINGS = ((DESKTOP_WIDTH, False), (1060, False), (1480, False), (COMPACT_WIDTH, True), (395, True), (545, True))
MAX_BAR = 48  # units: a bar's widest


def for_every_screen(draw: Callable[..., str], *args, **kwargs) -> str:
    """``draw``'s chart at each of ``DRAWINGS``, the desktop's first: the page's CSS shows one of them
    (the desktop's on paper)."""
    return "".join(draw(*args, width=width, compact=compact, **kwargs) for width, compact in DRAWINGS)


def bar_chart(title: str, unit: str, categories: Sequence[str], series: Sequence[Series],
              width: int | None = None, height: int = 320, empty: str | None = None, compact: bool = False,
              wording: Wording = ENGLISH) -> str:
    """Grouped vertical bars, one group per category, labels rotated under the axis; ``compact``: bars
    across, one row per category. ``width``: in units, ``DESKTOP_WIDTH`` or ``COMPACT_WIDTH`` unless
    given. ``empty``: the note shown instead when there is nothing to draw (no category, every value 0).
    ``wording``: the page language's punctuation of the tooltips."""
    width = width or (COMPACT_WIDTH if compact else DESKTOP_WIDTH)
    if empty is not None and nothing_to_draw(categories, series):
        return empty_chart(width, height, title, unit, empty, compact, wording)
    if compact:
        return _bars_across(title, unit, categories, series, width, wording)
    left, top, right, bottom = 64, 34, width - 150, height - 70
    group = (right - left) / max(1, len(categories))
    # the names stand level under their bars when each fits its group (an enterprise's years), else
    # they hang at 45° (sixteen districts): a long one (Pudong New Area) ran past the chart's foot
    level = all(text_px(c, 11) <= group - 6 for c in categories)
    if not level:
        height = max(height, math.ceil(bottom + 10 + 0.71 * (max((text_px(c, 11) for c in categories), default=0) + 11)))
    scale = series_scale(series)
    maximum = scale[0]
    body = value_axis(left, top, right, bottom, scale)
    # a bar no wider than MAX_BAR: one year's bar filled the whole plot
    bar = min(group * 0.8 / max(1, len(series)), MAX_BAR)
    for c, category in enumerate(categories):
        x0 = left + c * group + (group - bar * len(series)) / 2
        for i, s in enumerate(series):
            h = (bottom - top) * max(0.0, float(s.values[c])) / maximum
            body.append(_bar(s, i, categories, c, unit, (x0 + i * bar, bottom - h, bar - 1, h), wording))
        cx = left + c * group + group / 2
        body.append(f'<text x="{cx:.1f}" y="{bottom + 16}" text-anchor="middle" font-size="11">{escape(category)}</text>'
                    if level else
                    f'<text transform="translate({cx:.1f},{bottom + 10}) rotate(45)" font-size="11">'
                    f'{escape(category)}</text>')
    body += legend_entries(series, right + 14, top + 14, width, wording)[0] + legend_notes(series, left)
    return frame(width, height, title, unit, wording, body)


def _bar(s: Series, i: int, categories: Sequence[str], c: int, unit: str, box: tuple[float, ...],
         wording: Wording) -> str:
    """The bar of series ``s`` (the ``i``-th) for category ``c`` at (x, y, width, height), with its
    tooltip, linked to its drill-down when it has one."""
    x, y, width, height = box
    tip = s.tooltip(categories[c], float(s.values[c]), unit, c, wording)
    rect = (f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{PALETTE[i % len(PALETTE)]}">'
            f'<title>{escape(tip)}</title></rect>')
    return linked(s.links[c] if c < len(s.links) else None, rect, tip)


def _bars_across(title: str, unit: str, categories: Sequence[str], series: Sequence[Series], width: int,
                 wording: Wording) -> str:
    """The compact bar chart: a row per category, its name on the left at 11 px, values along the bottom."""
    top, thickness = 30, 7
    names = [shortened(c, 110, 11) for c in categories]
    left, right = 14 + max(text_px(n, 11) for n in names), width - 22  # room for the last value's label
    row = thickness * len(series) + 6
    bottom = top + row * len(categories)
    maximum, step, steps = series_scale(series)
    body = []
    for i in range(steps + 1):
        value = round(i * step, 10)
        x = left + (right - left) * value / maximum
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" stroke="#e3e8ee"/>'
                    f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle" fill="#5b6773">{axis_label(value)}</text>')
    for c, category in enumerate(categories):
        y0 = top + c * row + 3
        body.append(f'<text x="{left - 6:.1f}" y="{y0 + row / 2 + 1:.1f}" text-anchor="end" font-size="11">'
                    f'{escape(names[c])}</text>')
        for i, s in enumerate(series):
            w = (right - left) * max(0.0, float(s.values[c])) / maximum
            body.append(_bar(s, i, categories, c, unit, (left, y0 + i * thickness, w, thickness - 1), wording))
    legend, height = legend_below(series, bottom + 40, width, wording)
    return frame(width, height, title, unit, wording, body + legend, compact=True)


def line_chart(title: str, unit: str, categories: Sequence[str], series: Sequence[Series],
               width: int | None = None, height: int = 280, empty: str | None = None, compact: bool = False,
               wording: Wording = ENGLISH) -> str:
    """One line per series over the categories (years), with a marker and value per point;
    ``width``, ``empty``, ``compact`` and ``wording`` as for ``bar_chart`` (compact: the legend under the plot)."""
    width = width or (COMPACT_WIDTH if compact else DESKTOP_WIDTH)
    if empty is not None and nothing_to_draw(categories, series):
        return empty_chart(width, height, title, unit, empty, compact, wording)
    scale = series_scale(series)
    maximum = scale[0]
    if compact:  # the axis's widest label decides the left margin
        height = 34 + 140 + 40
    left, top, right, bottom = ((14 + round(text_px(axis_label(maximum), 12)), 34, width - 18, height - 40) if compact
                                else (64, 34, width - 150, height - 40))
    body = value_axis(left, top, right, bottom, scale)
    step = (right - left) / max(1, len(categories) - 1) if len(categories) > 1 else 0
    xs = [left + i * step if step else (left + right) / 2 for i in range(len(categories))]
    every = math.ceil(36 / step) if step else 1  # labels 36 units apart at least (2013 is about 29 wide)
    for c, category in enumerate(categories):
        if (len(categories) - 1 - c) % every == 0:  # the latest year always
            body.append(f'<text x="{xs[c]:.1f}" y="{bottom + 18}" text-anchor="middle">{escape(category)}</text>')
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        points = [(xs[c], bottom - (bottom - top) * max(0.0, float(v)) / maximum) for c, v in enumerate(s.values)]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for c, (x, y) in enumerate(points):
            link = s.links[c] if c < len(s.links) else None
            tip = s.tooltip(categories[c], float(s.values[c]), unit, c, wording)
            dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>{escape(tip)}</title></circle>'
            body.append(linked(link, dot, tip))
    if not compact:
        body += legend_entries(series, right + 14, top + 14, width, wording)[0] + legend_notes(series, left)
        return frame(width, height, title, unit, wording, body)
    legend, height = legend_below(series, bottom + 40, width, wording)
    return frame(width, height, title, unit, wording, body + legend, compact=True)
