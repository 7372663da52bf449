"""The enterprise directory's page (企业名录, ``/enterprises/``): its query read as the project list
reads its own (a value it cannot use is left out and said above the list, as ?kind=boilers is there), its sort links.
The route is ``enterprises.index`` (web/enterprises.py); the JSON API reads the same parameters
strictly (api/v1/enterprises.py)."""
from __future__ import annotations

from dataclasses import replace

from flask import url_for
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from registry.domain.fields import Errors
from registry.domain.numbers import optional_whole_number
from registry.domain.permissions import DISTRICT_STAFF, Actor
from registry.services.district_filter import known_districts
from registry.services.enterprise_directory import FIRST_DESCENDING, EnterpriseFilter
from registry.services.enterprise_filters import read_enterprise_filter
from registry.services.projects.filters import choice_param

PAGE_SIZES = (25, 50, 100, 200)


def directory_args(actor: Actor, query: MultiDict) -> MultiDict:
    """The query, where district staff open on their own district as on the project list: the
    filter is set in the form and 全部 removes it (docs/registration.md, "The enterprise directory")."""
    args = query.copy()
    if "district" not in args and actor.role == DISTRICT_STAFF and actor.district_code:
        args["district"] = actor.district_code
    return args


def directory_filter(session: Session, actor: Actor, args: MultiDict) -> tuple[EnterpriseFilter, Errors]:
    """The directory's filters, order and page as the page reads them: a value it cannot use left out
    (its default), its problem in the ``Errors`` returned, which the page says above the list — the
    reading its download and the API refuse them by (``enterprise_filters``, a district no district
    has: ``district_filter``; the actor's own is not looked up). The district kept is a checked one:
    the page passes it on (``list_enterprises(..., checked_districts=...)``), not to be looked up again."""
    filters, refused = read_enterprise_filter(args)
    checked = known_districts(session, refused, [filters.district_code], held=[actor.district_code])
    filters = replace(filters, district_code=next(iter(checked), None))
    page = refused.capture(optional_whole_number, args.get("page"), "page")
    size = choice_param(refused, args, "page_size", [str(n) for n in PAGE_SIZES])
    return replace(filters, page=page or 1, page_size=int(size) if size else PAGE_SIZES[0]), refused


def sort_link(args: MultiDict, filters: EnterpriseFilter, key: str) -> tuple[str, str | None]:
    """The URL a column's head sorts by, and the column's ``aria-sort`` when the list is in its
    order: a second click turns the order round, a first one sorts as ``FIRST_DESCENDING`` says."""
    active = filters.sort == key
    descending = not filters.descending if active else key in FIRST_DESCENDING
    href = url_for("enterprises.index", **(args.to_dict() | {"sort": key, "dir": "desc" if descending else "asc",
                                                            "page": 1}))
    order = ("descending" if filters.descending else "ascending") if active else None
    return href, order
