"""Charts as inline SVG, drawn on the server: no JavaScript, no CDN, and the page's CJK fonts.

Bars and lines only, for the rollups' dashboard and an enterprise's consumption by year. Every text
goes through XML escaping; a bar or a point may carry a link (drill-down) and a ``<title>`` tooltip. A
chart fills its box and its texts scale with it, so each is drawn at several widths (``DRAWINGS``),
charts.css (linked by each page that draws one) showing the one whose texts its box draws at 11/12 to 1.3 times their size: ``compact`` ones
for a phone's box (the legend under the plot, bars across; the desktop's 11-px labels came out 5 px
there), wider ones with a legend column on the right, the same texts and height (the desktop's,
stretched to fill a 1,850-px column, drew its 12-px labels at 29 px and stood 770 px high).
``for_every_screen`` gives them all.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

from flask_babel import gettext
from geo.scales import round_step
from registry.domain.presentation import round_half_up
from registry.web.chart_text import shortened, text_px, wrapped

FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
# Okabe-Ito: apart for colour-blind readers, as the map's zone colours; its orange and sky blue
# darkened to the nearest shade with 3:1 against the white panel, as bars and lines need (WCAG 1.4.11).
PALETTE = ("#0072B2", "#C68900", "#009E73", "#CC79A7", "#239DE2", "#D55E00")
# The widths a chart is drawn at, in viewBox units, and whether compact. A drawing fills boxes up to 1.3
# times its width (its 12-unit labels 16 px) and the next one takes over there, at 0.92-0.95 (11 px):
# each covers a box 1.42 times as wide as its smallest, so the boxes of 320- to 1,920-px screens
# (266-1,850 px) take six. Three (320, 760 and 1,200 units) left the 760-unit one 12 % short of the
# box on 1,060-1,199-px screens, blew a compact one up 2.2 times on a 760-px one and drew its labels at
# 9 px on a 320-px one. The desktop's is first: paper's, and a browser's without container queries.
DESKTOP_WIDTH = 760
COMPACT_WIDTH = 280  # a 320-px phone's box: 266 px
DRAWINGS = ((DESKTOP_WIDTH, False), (1060, False), (1480, False), (COMPACT_WIDTH, True), (395, True), (545, True))
LEGEND_LINE = 16
MAX_BAR = 48  # units: a bar's widest


@dataclass(frozen=True)
class Wording:
    """How a tooltip joins its parts in the page's language: "label: value" and "text (note)" in
    English, "label：value" and "text（note）" in Chinese (``registry.i18n.chart_wording``)."""

    labelled: str = "%(label)s: %(value)s"
    noted: str = "%(text)s (%(note)s)"

    def label(self, label: str, value: str) -> str:
        return self.labelled % {"label": label, "value": value}

    def note(self, text: str, note: str | None) -> str:
        return self.noted % {"text": text, "note": note} if note else text


ENGLISH = Wording()


def page_wording() -> Wording:
    """The tooltips' punctuation in the page's language."""
    return Wording(gettext("%(label)s: %(value)s"), gettext("%(text)s (%(note)s)"))


@dataclass(frozen=True)
class Series:
    """One named row of values; ``notes`` qualify single values (shown in their tooltip) and
    ``legend_note`` the whole series (a * beside its name in the legend, with the note below)."""

    name: str
    values: Sequence[Decimal | float | int]
    links: Sequence[str | None] = ()
    notes: Sequence[str | None] = ()
    legend_note: str | None = None
    places: int | None = None  # of a value in its tooltip: its unit's (presentation.PLACES), as the tables beside

    def tooltip(self, category: str, value: float, unit: str, index: int, wording: Wording = ENGLISH) -> str:
        note = self.notes[index] if index < len(self.notes) else None
        shown = _fmt(value) if self.places is None else _figure(value, self.places)
        return wording.note(wording.label(f"{category} · {self.name}", f"{shown} {unit}"), note)


def nice_scale(value: float, integer: bool = False) -> tuple[float, float, int]:
    """A round axis for data up to ``value``: (maximum, step, number of steps), at most 5 steps of 1, 2 or
    5 × 10^n, so every gridline has a short, exact label (25 items in steps of 5, not 6.25).
    ``integer``: the data are counts, so the step is at least 1."""
    value = max(float(value), 1.0 if integer else 1e-9)
    step = round_step(value / 5, (1, 2, 5, 10))
    if integer:
        step = max(1.0, round(step))
    steps = max(1, math.ceil(value / step - 1e-9))
    return steps * step, step, steps


def _fmt(value: float) -> str:
    """An axis's label: a round step, as short as it can be written."""
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _figure(value: float, places: int) -> str:
    """A value to ``places`` decimals, rounded half up and grouped (1,234.57) as the page's tables show
    it; Chinese and English group and point alike."""
    return f"{round_half_up(Decimal(repr(value)), places):,f}"


def _frame(width: int, height: int, title: str, unit: str, wording: Wording, body: list[str],
           compact: bool = False, note: str | None = None) -> str:
    # The title with the values' unit in brackets, as the tables beside write their headers
    # (各区节能量（吨标准煤）, Energy saved by district (tce)): at the top right, across the chart
    # from its value axis, the unit was read as nobody's. ``note``: said after it to a screen reader.
    heading = wording.note(title, unit)
    label = wording.label(heading, note) if note else heading
    # A chart is one image to assistive technology, unless it holds drill-down links: an image's
    # content is hidden from them (the links could be tabbed to but not named), so it is a group.
    role = "group" if any(part.startswith("<a ") for part in body) else "img"
    screen = f"{' compact' if compact else ''} w{width}"  # which screens show it: charts.css (.chart-box)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0f}" role="{role}" '
            f'aria-label={quoteattr(label)} font-family="{FONT}" font-size="12" '
            f'class="chart{screen}">'
            f'<text x="8" y="18" font-size="14" font-weight="600">{escape(heading)}</text>'
            + "".join(body) + "</svg>")


def _axis(left: int, top: int, right: int, bottom: int, scale: tuple[float, float, int]) -> list[str]:
    maximum, step, steps = scale
    parts = []
    for i in range(steps + 1):
        value = round(i * step, 10)
        y = bottom - (bottom - top) * value / maximum
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e8ee"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6773">{_fmt(value)}</text>')
    return parts


def _scale(series: Sequence[Series]) -> tuple[float, float, int]:
    values = [float(v) for s in series for v in s.values]
    return nice_scale(max(values, default=0), integer=all(v.is_integer() for v in values))


def _legend(series: Sequence[Series], x: int, y: float, width: int) -> tuple[list[str], float]:
    """A swatch and a name per series from (x, y) down, a name wrapped before the chart's right edge
    ``width`` (Equivalent value (当量) was cut off); and the last line's y."""
    parts = []
    for i, s in enumerate(series):
        marked = f"{s.name} *" if s.legend_note else s.name
        title = f"<title>{escape(s.legend_note)}</title>" if s.legend_note else ""
        parts.append(f'<rect x="{x}" y="{y - 9:.0f}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>')
        for n, line in enumerate(wrapped(marked, width - x - 18, 12, between_cjk=False)):
            parts.append(f'<text x="{x + 14}" y="{y:.0f}">{title if n == 0 else ""}{escape(line)}</text>')
            y += LEGEND_LINE
    return parts, y - LEGEND_LINE


def _legend_notes(series: Sequence[Series], x: int) -> list[str]:
    """The series' notes in one line between the title and the plot (the legend column is too narrow)."""
    notes = _notes(series)
    return [f'<text x="{x}" y="30" font-size="10" fill="#5b6773">{escape(notes)}</text>'] if notes else []


def _notes(series: Sequence[Series]) -> str:
    notes = " · ".join(s.legend_note for s in series if s.legend_note)
    return "* " + notes if notes else ""


def _legend_below(series: Sequence[Series], y: float, width: int) -> tuple[list[str], float]:
    """A compact chart's legend from ``y`` down, its notes wrapped under it; and the height it all needs."""
    parts, y = _legend(series, 8, y, width)
    for line in wrapped(_notes(series), width - 16, 10):
        y += 14
        parts.append(f'<text x="8" y="{y:.0f}" font-size="10" fill="#5b6773">{escape(line)}</text>')
    return parts, y + 8


def _link(href: str | None, inner: str, label: str) -> str:
    """``inner`` as a link to ``href`` (if any), named by ``label``: its tooltip, which a screen
    reader would not otherwise read as the link's name."""
    return f'<a href={quoteattr(href)} aria-label={quoteattr(label)}>{inner}</a>' if href else inner


def _nothing_to_draw(categories: Sequence[str], series: Sequence[Series]) -> bool:
    return not categories or all(float(v) == 0 for s in series for v in s.values)


def _empty(width: int, height: int, title: str, unit: str, note: str, compact: bool = False,
           wording: Wording = ENGLISH) -> str:
    """The chart's frame with ``note`` where the plot would be: an empty axis (0 – 1) says nothing."""
    if compact:
        height = 140
    text = (f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" fill="#5b6773" font-size="14">'
            f'{escape(note)}</text>')
    return _frame(width, height, title, unit, wording, [text], compact, note)


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
    if empty is not None and _nothing_to_draw(categories, series):
        return _empty(width, height, title, unit, empty, compact, wording)
    if compact:
        return _bars_across(title, unit, categories, series, width, wording)
    left, top, right, bottom = 64, 34, width - 150, height - 70
    group = (right - left) / max(1, len(categories))
    # the names stand level under their bars when each fits its group (an enterprise's years), else
    # they hang at 45° (sixteen districts): a long one (Pudong New Area) ran past the chart's foot
    level = all(text_px(c, 11) <= group - 6 for c in categories)
    if not level:
        height = max(height, math.ceil(bottom + 10 + 0.71 * (max((text_px(c, 11) for c in categories), default=0) + 11)))
    scale = _scale(series)
    maximum = scale[0]
    body = _axis(left, top, right, bottom, scale)
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
    body += _legend(series, right + 14, top + 14, width)[0] + _legend_notes(series, left)
    return _frame(width, height, title, unit, wording, body)


def _bar(s: Series, i: int, categories: Sequence[str], c: int, unit: str, box: tuple[float, ...],
         wording: Wording) -> str:
    """The bar of series ``s`` (the ``i``-th) for category ``c`` at (x, y, width, height), with its
    tooltip, linked to its drill-down when it has one."""
    x, y, width, height = box
    tip = s.tooltip(categories[c], float(s.values[c]), unit, c, wording)
    rect = (f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{PALETTE[i % len(PALETTE)]}">'
            f'<title>{escape(tip)}</title></rect>')
    return _link(s.links[c] if c < len(s.links) else None, rect, tip)


def _bars_across(title: str, unit: str, categories: Sequence[str], series: Sequence[Series], width: int,
                 wording: Wording) -> str:
    """The compact bar chart: a row per category, its name on the left at 11 px, values along the bottom."""
    top, thickness = 30, 7
    names = [shortened(c, 110, 11) for c in categories]
    left, right = 14 + max(text_px(n, 11) for n in names), width - 22  # room for the last value's label
    row = thickness * len(series) + 6
    bottom = top + row * len(categories)
    maximum, step, steps = _scale(series)
    body = []
    for i in range(steps + 1):
        value = round(i * step, 10)
        x = left + (right - left) * value / maximum
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{bottom}" stroke="#e3e8ee"/>'
                    f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle" fill="#5b6773">{_fmt(value)}</text>')
    for c, category in enumerate(categories):
        y0 = top + c * row + 3
        body.append(f'<text x="{left - 6:.1f}" y="{y0 + row / 2 + 1:.1f}" text-anchor="end" font-size="11">'
                    f'{escape(names[c])}</text>')
        for i, s in enumerate(series):
            w = (right - left) * max(0.0, float(s.values[c])) / maximum
            body.append(_bar(s, i, categories, c, unit, (left, y0 + i * thickness, w, thickness - 1), wording))
    legend, height = _legend_below(series, bottom + 40, width)
    return _frame(width, height, title, unit, wording, body + legend, compact=True)


def line_chart(title: str, unit: str, categories: Sequence[str], series: Sequence[Series],
               width: int | None = None, height: int = 280, empty: str | None = None, compact: bool = False,
               wording: Wording = ENGLISH) -> str:
    """One line per series over the categories (years), with a marker and value per point;
    ``width``, ``empty``, ``compact`` and ``wording`` as for ``bar_chart`` (compact: the legend under the plot)."""
    width = width or (COMPACT_WIDTH if compact else DESKTOP_WIDTH)
    if empty is not None and _nothing_to_draw(categories, series):
        return _empty(width, height, title, unit, empty, compact, wording)
    scale = _scale(series)
    maximum = scale[0]
    if compact:  # the axis's widest label decides the left margin
        height = 34 + 140 + 40
    left, top, right, bottom = ((14 + round(text_px(_fmt(maximum), 12)), 34, width - 18, height - 40) if compact
                                else (64, 34, width - 150, height - 40))
    body = _axis(left, top, right, bottom, scale)
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
            body.append(_link(link, dot, tip))
    if not compact:
        body += _legend(series, right + 14, top + 14, width)[0] + _legend_notes(series, left)
        return _frame(width, height, title, unit, wording, body)
    legend, height = _legend_below(series, bottom + 40, width)
    return _frame(width, height, title, unit, wording, body + legend, compact=True)
