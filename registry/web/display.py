"""How stored values are shown on pages (template globals): codes by their translated labels, yes/no,
"—" for nothing, numbers in the locale's format rounded for reading (the exact value in the title),
units in the reader's language. A history entry's changes are history_display.py's."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from flask import Blueprint, url_for
from flask_babel import get_locale, gettext
from markupsafe import Markup, escape

from registry.domain.errors import Bilingual, DistrictRef, Message, ValidationError
from registry.domain.field_names import input_field_name, project_field_name
from registry.domain.display import (
    CHINESE_TEXT_LANG, NAMED_CRS, as_decimal, chinese_runs, is_number_field, leaf,
    value_label, writes_chinese,
)
from registry.domain.land import area_mu
from registry.domain.messages import REFERENCE_PAGE
from registry.domain.numbers import plain
from registry.domain.presentation import given_places, places_of
from registry.domain.units import UNIT_LABELS, after_figure, written_formula
from registry.domain.vocabulary import ROLES
from registry.domain.deadlines import overdue_note
from registry.user_messages import field_texts, message_text, show_values
from registry.i18n import format_number, reads_english
from registry.web.browsers import browser_name

bp = Blueprint("display", __name__)
NOTHING = Markup('<span class="muted">—</span>')


def _number(value: Decimal, places: int) -> Markup:
    """``value`` rounded half up to ``places`` in the locale's format; the exact value as its title."""
    text = format_number(value, places)
    return Markup('<span class="num" title="{}">{}</span>').format(plain(value), text)


@bp.app_template_global()
def unit_label(code: str | None, after: bool = False) -> str:
    """A unit in the reader's language (千瓦时 / kWh, 万千瓦时 / 10⁴ kWh), each side of a compound
    unit alike (千克标准煤/千瓦时 / kgce/kWh); a unit the registry does not know (台) as it is.
    ``after`` a figure, a 10⁴ unit is a multiplier (848 × 10⁴ kWh; 848 万千瓦时 in Chinese)."""
    if not code:
        return ""
    label = "/".join(gettext(UNIT_LABELS[part]) if part in UNIT_LABELS else part for part in code.split("/"))
    return after_figure(label) if after else label


_INTEGER_PART = re.compile(r"(?<![\d.])\d{4,}")


_PAGE_COUNTERS = {"%(page)s": "counter(page)", "%(pages)s": "counter(pages)"}


def _css_string(text: str) -> str:
    """``text`` as a CSS string inside a ``<style>`` element (no ``</style>`` can close it)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ").replace("<", "\\3c ")
    return f'"{escaped}"'


@bp.app_template_global()
def page_numbers() -> Markup:
    """Paper's page numbers in the reader's language (第 1 页，共 3 页, Page 1 of 3): the margin box's
    content, the catalogue's words as CSS strings around the page counters. base.html writes it in
    a ``<style>`` (the policy allows inline styles, not scripts); print.css places and sizes it."""
    parts = re.split(r"(%\(pages?\)s)", gettext("Page %(page)s of %(pages)s"))
    content = " ".join(_PAGE_COUNTERS.get(part) or _css_string(part) for part in parts if part)
    return Markup(f"@page {{ @bottom-center {{ content: {content}; }} }}")


@bp.app_template_filter("browser")
def browser(user_agent: str | None) -> str:
    """A sign-in's browser by name (web/browsers.py), else its User-Agent as sent, else —."""
    return browser_name(user_agent) or user_agent or "—"


@bp.app_template_filter()
def formula(text: str) -> str:
    """A trace's formula as the page shows it: its symbols kept (kWh, kgce/kWh: it is a formula, not a
    sentence), a 10⁴ unit as a multiplier (1,126.9 × 10⁴ kWh), the integer part of each number
    grouped as the page groups figures (3,936,500 kg)."""
    return _INTEGER_PART.sub(lambda found: format_number(Decimal(found.group()), 0), written_formula(text))


bp.add_app_template_global(places_of)  # a figure's places by its unit, as everywhere (presentation.PLACES)
bp.add_app_template_global(given_places)  # the places a value was given with (≤ 6)
bp.add_app_template_global(NAMED_CRS, "named_crs")  # an upload's coordinate systems by name
# 亩 of an area in m² (``{{ p.area_m2|area_mu|in_unit('亩') }}``): the domain's conversion, as the
# exports, the OGC API and the freed-land totals make it, not a copy of its factor in each template
bp.add_app_template_filter(area_mu, "area_mu")


@bp.app_template_global()
def aligned(value: Any, places: int, column_places: int = 0) -> Markup:
    """``value`` to ``places`` decimals in the locale's format, then blank room for the decimals its
    column's other figures have up to ``column_places`` (and their point), so that right-aligned
    figures of different places line up at the decimal point: 400,000 under 1.5. The room is drawn by
    CSS from an attribute (``.decimal-room``): it is not text, so it is neither read out nor copied."""
    text = format_number(value, places)
    missing = column_places - places
    if value is None or missing <= 0:
        return escape(text)
    room = ("." if not places else "") + "0" * missing
    return Markup('{}<span class="decimal-room" data-room="{}"></span>').format(text, room)


@bp.app_template_global()
def entered(value: Any, column_places: int = 0) -> Markup:
    """A value shown as it was entered (a target: 400,000, not 400,000.00; 1.5 %), its decimal point
    aligned in a column of up to ``column_places`` decimals (``aligned``); "—" for none."""
    number = as_decimal(value)
    return NOTHING if number is None else aligned(number, given_places(number), column_places)


@bp.app_template_global()
def shown(value: Any, field: str = "", entity: str = "project") -> Markup:
    """A stored value as read: — for none, yes/no, a code by its label, a number as given (≤ 6 places)."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, bool):
        return escape(gettext("Yes") if value else gettext("No"))
    label = value_label(entity, field, value)
    if label is not None:
        return Markup('<span title="{}">{}</span>').format(value, gettext(label))
    if isinstance(value, int) and leaf(field).endswith("year"):
        return escape(value)  # a year is not grouped: 2013, not 2,013
    number = as_decimal(value) if not isinstance(value, str) or is_number_field(field) else None
    if number is not None:
        return _number(number, given_places(number))
    return escape(value)


@bp.app_template_global()
def figure(value: Any, unit: str | None = None) -> Markup:
    """A computed figure rounded for display by its unit (0.01 tce, 1 kWh: ``presentation.PLACES``), with
    its unit's label."""
    number = as_decimal(value)
    if number is None:
        return NOTHING
    shown_number = _number(number, places_of(unit))
    if not unit:
        return shown_number
    # one line: a unit in words would otherwise break between its characters (千瓦 | 时)
    return Markup('<span class="nowrap">{}&nbsp;{}</span>').format(shown_number, unit_label(unit, after=True))


_KB, _MB = 1024, 1024 * 1024


@bp.app_template_global()
def file_size(size_bytes: Any) -> Markup:
    """A file's size as people read it, in the locale's digits — 8.5 KB, 820 KB, 1.2 MB (KB and MB of
    1,024 and 1,048,576 bytes, as the limits are stated) — with the exact number of bytes as its title."""
    if isinstance(size_bytes, bool) or not isinstance(size_bytes, int):
        return NOTHING
    if size_bytes < _MB:
        value, unit, places = max(Decimal(size_bytes) / _KB, Decimal("0.1")), "KB", 1 if size_bytes < 10 * _KB else 0
    else:
        value, unit, places = Decimal(size_bytes) / _MB, "MB", 1
    title = gettext("%(count)s bytes", count=format_number(size_bytes, 0))
    return Markup('<span class="num nowrap" title="{}">{}&nbsp;{}</span>').format(
        title, format_number(value, places), unit)


@bp.app_template_global()
def sentences(*texts: str | None) -> Markup:
    """Sentences one after another as the reader's language writes them: a space after an English full
    stop, none after a Chinese 。 (a template's line break between them showed as a space); empty ones left out."""
    gap = "" if str(get_locale()).startswith("zh") else " "
    return Markup(gap).join(text for text in texts if text)


@bp.app_template_global()
def district_named(code: str | None) -> Markup:
    """A district by its code alone (its names looked up), as ``district`` shows it."""
    return district(DistrictRef(code) if code else None)


bp.add_app_template_global(message_text, "said")  # a domain message in the reader's language
bp.add_app_template_global(overdue_note, "overdue_note")  # 逾期 N 天 (the overdue_badge macro)


@bp.app_template_global()
def bilingual(chinese: str, english: str | None) -> Markup:
    """Reference text kept in both languages (an equal value's or a subsidy rule's source) in the
    reader's: the English where recorded and read in English, else the Chinese (marked as ``typed``)."""
    return typed(show_values()(Bilingual(chinese, english)))


@bp.app_template_filter()
def typed(text: Any) -> Markup:
    """A value as a person typed it (a target's source, a name), shown as it stands — data, never
    translated; on a page in English, one written in Chinese is marked ``lang="zh-Hans"`` so a screen
    reader reads it with a Chinese voice and the browser takes a Chinese font (docs/development.md,
    "Decisions"). The registry's own words are msgids, translated instead."""
    if text is None:
        return Markup("")
    if reads_english() and writes_chinese(str(text)):
        return Markup('<span lang="{}">{}</span>').format(CHINESE_TEXT_LANG, text)
    return escape(text)


_TAG = re.compile(r"(<[^>]*>)")


@bp.app_template_filter()
def chinese_marked(text: Any) -> Markup:
    """A text of the registry's own that names a Chinese term in its English (Illustrative data
    (示意数据), equal value (等价值)): on a page in English each run of Chinese is marked
    ``lang="zh-Hans"``, the English around it left as it is (``typed`` marks a whole value); on a
    Chinese page the text as it is. Markup (a translated message) keeps its tags; only its text is cut."""
    html = str(escape(text if text is not None else ""))
    if not reads_english() or not writes_chinese(html):
        return Markup(html)
    span = '<span lang="' + CHINESE_TEXT_LANG + '">{}</span>'
    return Markup("".join(part if part.startswith("<") else "".join(
        span.format(run) if chinese else run for run, chinese in chinese_runs(part)) for part in _TAG.split(html)))


@bp.app_template_global()
def role_name(code: str) -> str:
    """A user's role in the reader's language; an unknown one as its code."""
    return gettext(ROLES[code]) if code in ROLES else code


@bp.app_template_global()
def district(ref: DistrictRef | None) -> Markup:
    """A district in a table: its name in the reader's language, its code as the title; "—" for none."""
    if ref is None or not ref.code:
        return NOTHING
    return Markup('<span title="{}">{}</span>').format(ref.code, show_values()(ref))


def named_parts(parts: tuple[Message, ...] | None) -> str | None:
    """The parts of a field's name (domain/field_names.py) in the reader's language, one after another."""
    return " · ".join(part.render(gettext) for part in parts) if parts else None


@bp.app_template_global()
def field_name(path: str) -> str:
    """A project form's field as its form names it (能源数据 · 第 1 组电机 · 台数); an unknown path as it is."""
    return named_parts(project_field_name(path)) or path


@bp.app_template_global()
def trace_input_groups(inputs: list) -> list[tuple[str | None, list]]:
    """A trace's inputs in runs of one ledger or one motor group, each run under the name the
    energy step gives it (改造前（基准期）, 第 1 组电机): its lines alone read alike (电力 … 电力 …).
    The document's own inputs (kind, year, efficiencies) are under no name."""
    groups: list[tuple[str | None, list]] = []
    for item in inputs:
        head = str(item.get("field", "")).split(".")[0]
        group = head if head.startswith("motors[") else head.split("[")[0] if "[" in head else None
        name = named_parts(input_field_name(group)) if group else None
        if groups and groups[-1][0] == name:
            groups[-1][1].append(item)
        else:
            groups.append((name, [item]))
    return groups


@bp.app_template_global()
def named_problem(path: str, problem: str) -> str:
    """"field: problem" in the reader's language, the field by its name; a problem of no field alone."""
    return gettext("%(field)s: %(problem)s", field=field_name(path), problem=problem) if path not in ("", "-") else problem


def named_problems(error: ValidationError) -> str:
    """Every problem of ``error``, each with the name of its field, in the reader's language."""
    return gettext("; ").join(named_problem(field, text) for field, text in field_texts(error).items())


@bp.app_template_filter()
def reference_linked(text: str) -> Markup:
    """``text`` with the reference page's name, where a message names it (an unknown energy's refusal
    under the wizard's savings preview), a link to the page's factors — in a new tab, so a form keeps
    what was typed (wizard-preview.js ``linked`` does the same in the browser)."""
    escaped, name = escape(text), escape(gettext(REFERENCE_PAGE))
    if name not in escaped:
        return escaped
    link = Markup('<a href="{}" target="_blank" rel="noopener" title="{}">{}</a>').format(
        url_for("reference.index", _anchor="factors"), gettext("Opens in a new tab"), name)
    return escaped.replace(name, link, 1)
