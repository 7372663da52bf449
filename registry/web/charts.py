"""Charts as inline SVG, drawn on the server: no JavaScript, no CDN, and the page's CJK fonts.

Bars and lines only, for the dashboard. Every text goes through XML escaping; a bar or a point
may carry a link (drill-down) and a ``<title>`` tooltip.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from geo.scales import round_step

FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
# Okabe-Ito: apart for colour-blind readers, as the map's zone colours; its orange and sky blue
# darkened to the nearest shade with 3:1 against the white panel, as bars and lines need (WCAG 1.4.11).
PALETTE = ("#0072B2", "#C68900", "#009E73", "#CC79A7", "#239DE2", "#D55E00")


@dataclass(frozen=True)
class Series:
    """One named row of values; ``notes`` qualify single values (shown in their tooltip) and
    ``legend_note`` the whole series (a * beside its name in the legend, with the note below)."""

    name: str
    values: Sequence[Decimal | float | int]
    links: Sequence[str | None] = ()
    notes: Sequence[str | None] = ()
    legend_note: str | None = None

    def tooltip(self, category: str, value: float, unit: str, index: int) -> str:
        note = self.notes[index] if index < len(self.notes) else None
        return f"{category} · {self.name}: {_fmt(value)} {unit}" + (f" ({note})" if note else "")


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
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _frame(width: int, height: int, title: str, unit: str, body: list[str], label: str) -> str:
    # A chart is one image to assistive technology, unless it holds drill-down links: an image's
    # content is hidden from them (the links could be tabbed to but not named), so it is a group.
    role = "group" if any(part.startswith("<a ") for part in body) else "img"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="{role}" '
            f'aria-label={quoteattr(label)} font-family="{FONT}" font-size="12" class="chart">'
            f'<text x="8" y="18" font-size="14" font-weight="600">{escape(title)}</text>'
            f'<text x="{width - 8}" y="18" text-anchor="end" fill="#5b6773">{escape(unit)}</text>'
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


def _legend(series: Sequence[Series], x: int, y: int) -> list[str]:
    parts = []
    for i, s in enumerate(series):
        marked = f"{s.name} *" if s.legend_note else s.name
        title = f"<title>{escape(s.legend_note)}</title>" if s.legend_note else ""
        parts.append(f'<rect x="{x}" y="{y + i * 16 - 9}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>'
                     f'<text x="{x + 14}" y="{y + i * 16}">{title}{escape(marked)}</text>')
    return parts


def _legend_notes(series: Sequence[Series], x: int) -> list[str]:
    """The series' notes in one line between the title and the plot (the legend column is too narrow)."""
    notes = " · ".join(s.legend_note for s in series if s.legend_note)
    return [f'<text x="{x}" y="30" font-size="10" fill="#5b6773">{escape("* " + notes)}</text>'] if notes else []


def _link(href: str | None, inner: str, label: str) -> str:
    """``inner`` as a link to ``href`` (if any), named by ``label``: its tooltip, which a screen
    reader would not otherwise read as the link's name."""
    return f'<a href={quoteattr(href)} aria-label={quoteattr(label)}>{inner}</a>' if href else inner


def _nothing_to_draw(categories: Sequence[str], series: Sequence[Series]) -> bool:
    return not categories or all(float(v) == 0 for s in series for v in s.values)


def _empty(width: int, height: int, title: str, unit: str, note: str) -> str:
    """The chart's frame with ``note`` where the plot would be: an empty axis (0 – 1) says nothing."""
    text = (f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" fill="#5b6773" font-size="14">'
            f'{escape(note)}</text>')
    return _frame(width, height, title, unit, [text], f"{title}: {note}")


def bar_chart(title: str, unit: str, categories: Sequence[str], series: Sequence[Series],
              width: int = 760, height: int = 320, empty: str | None = None) -> str:
    """Grouped vertical bars, one group per category, labels rotated under the axis. ``empty``: the
    note shown instead when there is nothing to draw (no category, every value 0)."""
    if empty is not None and _nothing_to_draw(categories, series):
        return _empty(width, height, title, unit, empty)
    left, top, right, bottom = 64, 34, width - 150, height - 70
    scale = _scale(series)
    maximum = scale[0]
    body = _axis(left, top, right, bottom, scale)
    group = (right - left) / max(1, len(categories))
    bar = group * 0.8 / max(1, len(series))
    for c, category in enumerate(categories):
        x0 = left + c * group + group * 0.1
        for i, s in enumerate(series):
            value = float(s.values[c])
            h = (bottom - top) * max(0.0, value) / maximum
            link = s.links[c] if c < len(s.links) else None
            tip = s.tooltip(category, value, unit, c)
            rect = (f'<rect x="{x0 + i * bar:.1f}" y="{bottom - h:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                    f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(tip)}</title></rect>')
            body.append(_link(link, rect, tip))
        cx = x0 + group * 0.4
        body.append(f'<text transform="translate({cx:.1f},{bottom + 10}) rotate(45)" font-size="11">'
                    f'{escape(category)}</text>')
    body += _legend(series, right + 14, top + 14) + _legend_notes(series, left)
    return _frame(width, height, title, unit, body, title)


def line_chart(title: str, unit: str, categories: Sequence[str], series: Sequence[Series],
               width: int = 760, height: int = 280, empty: str | None = None) -> str:
    """One line per series over the categories (years), with a marker and value per point;
    ``empty`` as for ``bar_chart``."""
    if empty is not None and _nothing_to_draw(categories, series):
        return _empty(width, height, title, unit, empty)
    left, top, right, bottom = 64, 34, width - 150, height - 40
    scale = _scale(series)
    maximum = scale[0]
    body = _axis(left, top, right, bottom, scale)
    step = (right - left) / max(1, len(categories) - 1) if len(categories) > 1 else 0
    xs = [left + i * step if step else (left + right) / 2 for i in range(len(categories))]
    for c, category in enumerate(categories):
        body.append(f'<text x="{xs[c]:.1f}" y="{bottom + 18}" text-anchor="middle">{escape(category)}</text>')
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        points = [(xs[c], bottom - (bottom - top) * max(0.0, float(v)) / maximum) for c, v in enumerate(s.values)]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for c, (x, y) in enumerate(points):
            link = s.links[c] if c < len(s.links) else None
            tip = s.tooltip(categories[c], float(s.values[c]), unit, c)
            dot = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"><title>{escape(tip)}</title></circle>'
            body.append(_link(link, dot, tip))
    body += _legend(series, right + 14, top + 14) + _legend_notes(series, left)
    return _frame(width, height, title, unit, body, title)
