"""A chart as a file of its own (下载图片): the desktop drawing as a standalone SVG document.

Leaders paste charts into Word and PowerPoint, where the page around a chart is gone: the file
draws in what that page said — whose report and which year above the chart, the date of its
figures and where they come from below it — and names itself the same way. The page's script
draws this same file onto a canvas for the PNG (static/js/chart-download.js), so the two pictures
always agree. The drawing itself is the page's, unchanged (its links and tooltips are harmless in a
file), placed as a nested ``<svg>`` under a white background: a slide's dark theme would show
through a transparent one.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from registry.web.chart_text import wrapped
from registry.web.chart_svg import FONT

ABOVE = 22  # the height of the report's line above the drawing
BELOW_LINE = 14  # a line of the figures' date and source under it, at 11 units
# The drawing's size as chart_svg.frame writes its root: viewBox="0 0 760 320"
_SIZE = re.compile(r'^<svg [^>]*viewBox="0 0 (\d+) (\d+)"')
# What a file name may not hold on Windows, macOS or Linux, and control characters
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def standalone(drawing: str, title: str, above: str, below: str) -> str:
    """``drawing`` (one of charts.py's, its root an ``<svg>`` with a viewBox) as an SVG document of
    its own: ``above`` drawn over it (the report and year), ``below`` under it (the date of the
    figures, their source; wrapped to its width), ``title`` the document's title (a viewer's
    window, a screen reader). Its width and height are the drawing's units: a PNG at twice them is
    sharp on paper."""
    size = _SIZE.match(drawing)
    if size is None:
        raise ValueError("not a drawing of registry.web.charts")
    width, height = int(size[1]), int(size[2])
    lines = wrapped(below, width - 16, 11)
    total = ABOVE + height + BELOW_LINE * len(lines) + 8
    placed = drawing.replace("<svg ", f'<svg x="0" y="{ABOVE}" width="{width}" height="{height}" ', 1)
    foot = "".join(f'<text x="8" y="{ABOVE + height + BELOW_LINE * (n + 1) - 2}" font-size="11" fill="#5b6773">'
                   f'{escape(line)}</text>' for n, line in enumerate(lines))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total}" viewBox="0 0 {width} {total}" '
            f'font-family="{FONT}" font-size="12" role="img" aria-label={quoteattr(title)}>'
            f'<title>{escape(title)}</title><rect width="{width}" height="{total}" fill="#fff"/>'
            f'<text x="8" y="15" fill="#5b6773">{escape(above)}</text>{placed}{foot}</svg>\n')


def file_name(stem: str, suffix: str) -> str:
    """``stem`` (a chart's title, year and date in the reader's language) as a file name any
    system keeps: no slash, colon or quote, no leading or trailing dot or space."""
    return f"{_NOT_IN_FILE_NAMES.sub('-', stem).strip(' .')}.{suffix}"
