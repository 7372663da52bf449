"""The SVG every chart is drawn from: its frame (title with unit, accessible name, the class that
picks the screens it shows on), the value axis with its gridlines, the legend beside or under the
plot, a bar's or point's drill-down link, and the chart drawn when there is nothing to draw.
The charts themselves (bars, lines, at every screen's width) are charts.py."""
from __future__ import annotations

from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from registry.domain.display import CHINESE_TEXT_LANG, chinese_runs
from registry.web.chart_text import wrapped
from registry.web.chart_values import ENGLISH, Series, Wording, axis_label, nice_scale

FONT = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Microsoft YaHei',sans-serif"
# Okabe-Ito: apart for colour-blind readers, as the map's zone colours; its orange and sky blue
# darkened to the nearest shade with 3:1 against the white panel, as bars and lines need (WCAG 1.4.11).
PALETTE = ("#0072B2", "#C68900", "#009E73", "#CC79A7", "#239DE2", "#D55E00")
LEGEND_LINE = 16


def frame(width: int, height: int, title: str, unit: str, wording: Wording, body: list[str],
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


def value_axis(left: int, top: int, right: int, bottom: int, scale: tuple[float, float, int]) -> list[str]:
    maximum, step, steps = scale
    parts = []
    for i in range(steps + 1):
        value = round(i * step, 10)
        y = bottom - (bottom - top) * value / maximum
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e8ee"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6773">{axis_label(value)}</text>')
    return parts


def series_scale(series: Sequence[Series]) -> tuple[float, float, int]:
    values = [float(v) for s in series for v in s.values]
    return nice_scale(max(values, default=0), integer=all(v.is_integer() for v in values))


def svg_text(text: str, wording: Wording = ENGLISH) -> str:
    """``text`` escaped for a ``<text>``; its runs of Chinese marked as Chinese when ``wording`` says
    the page is in English (a ``tspan``'s ``lang``, and ``xml:lang`` for the file of its own that
    chart_files makes of the drawing), as web/display.py's ``chinese_marked`` marks a page's text."""
    if not wording.marks_chinese:
        return escape(text)
    lang = f'lang="{CHINESE_TEXT_LANG}" xml:lang="{CHINESE_TEXT_LANG}"'
    return "".join(f"<tspan {lang}>{escape(run)}</tspan>" if chinese else escape(run) for run, chinese in chinese_runs(text))


def legend_entries(series: Sequence[Series], x: int, y: float, width: int,
                   wording: Wording = ENGLISH) -> tuple[list[str], float]:
    """A swatch and a name per series from (x, y) down, a name wrapped before the chart's right edge
    ``width`` (Equivalent value (当量) was cut off); and the last line's y."""
    parts = []
    for i, s in enumerate(series):
        marked = f"{s.name} *" if s.legend_note else s.name
        title = f"<title>{escape(s.legend_note)}</title>" if s.legend_note else ""
        parts.append(f'<rect x="{x}" y="{y - 9:.0f}" width="10" height="10" fill="{PALETTE[i % len(PALETTE)]}"/>')
        for n, line in enumerate(wrapped(marked, width - x - 18, 12, between_cjk=False)):
            parts.append(f'<text x="{x + 14}" y="{y:.0f}">{title if n == 0 else ""}{svg_text(line, wording)}</text>')
            y += LEGEND_LINE
    return parts, y - LEGEND_LINE


def legend_notes(series: Sequence[Series], x: int) -> list[str]:
    """The series' notes in one line between the title and the plot (the legend column is too narrow)."""
    notes = _notes(series)
    return [f'<text x="{x}" y="30" font-size="10" fill="#5b6773">{escape(notes)}</text>'] if notes else []


def _notes(series: Sequence[Series]) -> str:
    notes = " · ".join(s.legend_note for s in series if s.legend_note)
    return "* " + notes if notes else ""


def legend_below(series: Sequence[Series], y: float, width: int,
                 wording: Wording = ENGLISH) -> tuple[list[str], float]:
    """A compact chart's legend from ``y`` down, its notes wrapped under it; and the height it all needs."""
    parts, y = legend_entries(series, 8, y, width, wording)
    for line in wrapped(_notes(series), width - 16, 10):
        y += 14
        parts.append(f'<text x="8" y="{y:.0f}" font-size="10" fill="#5b6773">{escape(line)}</text>')
    return parts, y + 8


def linked(href: str | None, inner: str, label: str) -> str:
    """``inner`` as a link to ``href`` (if any), named by ``label``: its tooltip, which a screen
    reader would not otherwise read as the link's name."""
    return f'<a href={quoteattr(href)} aria-label={quoteattr(label)}>{inner}</a>' if href else inner


def nothing_to_draw(categories: Sequence[str], series: Sequence[Series]) -> bool:
    return not categories or all(float(v) == 0 for s in series for v in s.values)


def empty_chart(width: int, height: int, title: str, unit: str, note: str, compact: bool = False,
           wording: Wording = ENGLISH) -> str:
    """The chart's frame with ``note`` where the plot would be: an empty axis (0 – 1) says nothing."""
    if compact:
        height = 140
    text = (f'<text x="{width / 2:.0f}" y="{height / 2:.0f}" text-anchor="middle" fill="#5b6773" font-size="14">'
            f'{escape(note)}</text>')
    return frame(width, height, title, unit, wording, [text], compact, note)
