"""The stylesheets agree: app.css holds the shared look (badges, pagers, field errors, hints, panels,
tables, figures; cards.css its lists of records as cards), and a page's stylesheet styles only what it names itself, never a shared class
again with other values (land.css and rollups.css each had their own .badge, .pager, td.n …).
print.css is the paper's sheet of every page: it restyles the screen's selectors for print, on purpose,
and only for print."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from geo.map_styles import DRAWING

CSS = Path(__file__).resolve().parents[2] / "registry" / "static" / "css"
BASE = Path(__file__).resolve().parents[2] / "templates" / "base.html"
HOUSE = ("app.css", "cards.css")  # every page's screen: the house look, and its lists of records as cards
SHARED = {*HOUSE, "print.css"}  # every page's screen and paper
COMMENT = re.compile(r"/\*.*?\*/", re.S)
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")  # innermost blocks: a @media's rules, not the @media itself
NAMES = re.compile(r"[.#][\w-]+")
DEPTH = {"(": 1, ")": -1, "[": 1, "]": -1}  # a comma or a space inside :is(…) or [title="a, b"] is no separator


def split_selectors(head: str) -> list[str]:
    """The selectors of a rule's head, whitespace normalised: split at its top-level commas only, so
    ``td:is(.uploaded, .document-actions) > *`` stays one selector (it read as ``td:is(.uploaded`` and
    ``.document-actions) > *``, two selectors neither of which the sheet has)."""
    parts, depth, start = [], 0, 0
    for at, char in enumerate(head):
        depth += DEPTH.get(char, 0)
        if char == "," and depth == 0:
            parts.append(head[start:at])
            start = at + 1
    parts.append(head[start:])
    return [" ".join(part.split()) for part in parts if part.strip()]


def selectors(sheet: str) -> list[str]:
    """Every selector of ``sheet`` (inside @media too), whitespace normalised."""
    text = COMMENT.sub("", (CSS / sheet).read_text(encoding="utf-8"))
    return [selector for head, _ in RULE.findall(text) for selector in split_selectors(head)]


def subject(selector: str) -> str:
    """The compound a selector styles: ``.table-scroll td.n`` → ``td.n``; a combinator inside
    parentheses is not one of the selector's (``.list-head > :is(.help-link, .print-button)`` →
    ``:is(.help-link, .print-button)``)."""
    depth, start = 0, 0
    selector = " ".join(selector.split())
    for at, char in enumerate(selector):
        depth += DEPTH.get(char, 0)
        if depth == 0 and char in " >+~":
            start = at + 1
    return selector[start:].strip()


def shared_names() -> set[str]:
    """Classes and ids the house sheets style (as their selectors' subjects, not as their ancestors)."""
    return {name for sheet in HOUSE for s in selectors(sheet) for name in NAMES.findall(subject(s))}


def page_sheets() -> list[str]:
    return sorted(p.name for p in CSS.glob("*.css") if p.name not in SHARED)


@pytest.mark.parametrize("head, expected", [
    (".a, .b", [".a", ".b"]),
    (".documents td:is(.uploaded, .document-actions) > *", [".documents td:is(.uploaded, .document-actions) > *"]),
    ("main :is(td, th), .x:not(.y, .z)", ["main :is(td, th)", ".x:not(.y, .z)"]),
    ("a:where(:not(.b, .c), .d),\n  .e", ["a:where(:not(.b, .c), .d)", ".e"]),  # nested, a line break after the comma
    ("  .f  \n  .g ", [".f .g"]),
    ('a[title="x, y"], .h', ['a[title="x, y"]', ".h"]),
])
def test_selectors_are_split_at_their_top_level_commas_only(head, expected):
    assert split_selectors(head) == expected


@pytest.mark.parametrize("selector, expected", [
    (".table-scroll td.n", "td.n"),
    (".list-head > :is(.page-tools, .help-link)", ":is(.page-tools, .help-link)"),
    ("main table:not(.table-scroll > table) + p.x", "p.x"),
])
def test_a_selectors_subject_is_after_its_last_top_level_combinator(selector, expected):
    assert subject(selector) == expected


def test_a_page_stylesheet_styles_only_what_it_names():
    shared = shared_names()
    restyled = {sheet: [s for s in selectors(sheet) if not set(NAMES.findall(s)) - shared]
                for sheet in page_sheets()}
    assert restyled == {sheet: [] for sheet in page_sheets()}, "page stylesheets restyling the house's classes or bare elements"


def test_no_selector_is_styled_in_two_stylesheets():
    where: dict[str, set[str]] = {}
    for sheet in [*HOUSE, *page_sheets()]:
        for s in selectors(sheet):
            where.setdefault(s, set()).add(sheet)
    assert {s: sorted(sheets) for s, sheets in where.items() if len(sheets) > 1} == {}


def test_the_paper_sheet_applies_to_print_only_after_every_other_sheet():
    head = BASE.read_text(encoding="utf-8").split("</head>")[0]
    sheets = re.findall(r'<link rel="stylesheet"[^>]*>|\{% block head %\}', head)
    assert sheets[-1] == """<link rel="stylesheet" href="{{ url_for('static', filename='css/print.css') }}" media="print">"""
    assert all("print.css" not in s for s in sheets[:-1])


def test_app_css_names_the_drawing_colour_once_as_the_maps_drawing_style():
    """The vertices' colour was a bare #0072B2 beside the house variables; it is --drawing, whose
    value is geo/map_styles.py's DRAWING (the Okabe-Ito blue the maps draw with)."""
    text = COMMENT.sub("", (CSS / "app.css").read_text(encoding="utf-8")).lower()
    root = re.search(r":root\s*\{([^}]*)\}", text).group(1)
    assert re.search(r"--drawing:\s*([^;\s]+)", root).group(1) == DRAWING.outline.lower()
    assert text.count(DRAWING.outline.lower()) == 1, "the drawing colour written again instead of var(--drawing)"
    assert "border-color: var(--drawing)" in text
