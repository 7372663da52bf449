"""The search page (查找): the top bar's box leads here. A whole identifier the reader may read goes
straight to its record; anything else lists the matches by kind (services/search.py)."""
from __future__ import annotations

import re

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext
from markupsafe import Markup, escape

from registry.auth import current_actor
from registry.db import get_session
from registry.domain.errors import ValidationError
from registry.domain.fields import Errors
from registry.domain.search import SUBSTRING_MIN
from registry.domain.vocabulary import LAND_USE_CLASSES
from registry.user_messages import field_texts
from registry.i18n import format_number, labelled
from registry.services import search as service
from registry.web.paging import beyond_last_page, page_number
from registry.web.project_names import vocabularies
from registry.web.refused_query import refused_lines

bp = Blueprint("search", __name__, url_prefix="/search")
# The page of each kind of record a whole identifier names: (endpoint, its id argument).
RECORD_PAGES = {"project": ("projects.detail", "project_id"), "enterprise": ("enterprises.detail", "enterprise_id"),
                "parcel": ("land.parcel", "parcel_id")}


def record_url(kind: str, record_id: int) -> str:
    endpoint, argument = RECORD_PAGES[kind]
    return url_for(endpoint, **{argument: record_id})


def _marker(text: str | None):
    """A function that shows a name or code with the searched text marked (<mark>) wherever it
    occurs, case aside: the reader sees why it was found."""
    pattern = re.compile(re.escape(text), re.IGNORECASE) if text else None

    def marked(value: str | None) -> Markup:
        value = value or ""
        if pattern is None:
            return escape(value)
        out, last = Markup(), 0
        for found in pattern.finditer(value):
            out += escape(value[last:found.start()]) + Markup("<mark>%s</mark>") % found.group(0)
            last = found.end()
        return out + escape(value[last:])

    return marked


def full_list_url(group: service.Group, text: str) -> str:
    """Where all of a group's matches are listed: the project list filtered by the same text (it
    matches as the search does, every district: ``district=`` empty, or district staff would see
    their own only), else this page for that kind alone, page by page."""
    if group.kind == "projects":
        return url_for("projects.index", q=text, district="")
    return url_for("search.index", q=text, kind=group.kind)


@bp.get("")
def index():
    raw = request.args.get("q", "")
    kind = request.args.get("kind") or None
    refused = Errors()  # a page that is none (page=abc): said above the results, page 1 shown
    page = min(page_number(refused, request.args.get("page")), service.MAX_PAGE)
    try:
        result = service.search(get_session(), current_actor(), raw, kind, page, stop_at_exact=True)
    except ValidationError as error:
        # said on the page, the form as typed, 200 as every page says what its address gives that it
        # cannot use (docs/development.md, "Decisions": "A page's refused address answers 200")
        return _render(service.SearchResult(None), raw, kind, field_texts(error), refused)
    if result.exact is not None:
        return redirect(record_url(*result.exact))
    if kind and result.groups and (last := beyond_last_page(page, result.groups[0].pages)) is not None:
        return last
    return _render(result, raw, kind, refused=refused)


def how_many(group: service.Group) -> str:
    """12, or 超过 1,000 (more than 1,000) when more match than were counted."""
    count = format_number(group.total, 0)
    return gettext("more than %(n)s", n=count) if group.more else count


def _summary(result: service.SearchResult) -> str:
    """项目：12；企业：3；地块：0 — how many of each kind, in the page's language (行政区：1 first
    when the text names a district)."""
    counts = [labelled(gettext("Districts"), format_number(len(result.districts), 0))] if result.districts else []
    counts += [labelled(gettext(service.KINDS[g.kind]), how_many(g)) for g in result.groups]
    return gettext("; ").join(counts)


def all_of(group: service.Group) -> str:
    """The words of the link to all of a group's matches."""
    n = format_number(group.total, 0)
    if group.kind == "projects":
        return gettext("All of them in the project list") if group.more else \
            gettext("All %(n)s in the project list", n=n)
    if group.kind == "enterprises":
        return gettext("The first %(n)s enterprises found", n=n) if group.more else gettext("All %(n)s enterprises", n=n)
    return gettext("The first %(n)s parcels found", n=n) if group.more else gettext("All %(n)s parcels", n=n)


def _render(result: service.SearchResult, raw: str, kind: str | None, errors: dict[str, str] | None = None,
            refused: Errors | None = None) -> str:
    return render_template(
        "search/index.html", result=result, typed=raw, kind=kind, errors=errors or {}, search_kinds=service.KINDS,
        refused_values=refused_lines(refused),
        summary=_summary(result), all_of=all_of, cap=service.CAP,
        record_url=record_url, full_list_url=full_list_url, marked=_marker(result.text),
        land_uses=LAND_USE_CLASSES, substring_min=SUBSTRING_MIN, **vocabularies())
