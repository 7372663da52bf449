"""The enterprise directory's page (企业名录, ``/enterprises/``): its query read as the project list
reads its own (a value it cannot use is passed over, as a typed ?kind=boilers is there), its sort links.
The route is ``enterprises.index`` (web/enterprises.py); the JSON API reads the same parameters
strictly (api/v1/enterprises.py)."""
from __future__ import annotations

from flask import url_for
from werkzeug.datastructures import MultiDict

from registry.domain.industries import industry_prefix
from registry.domain.permissions import DISTRICT_STAFF, Actor
from registry.domain.quality import ENTERPRISES, listed_check
from registry.services.enterprise_directory import FIRST_DESCENDING, SORT_KEYS, WITH_PROJECTS, EnterpriseFilter

PAGE_SIZES = (25, 50, 100, 200)


def directory_args(actor: Actor, query: MultiDict) -> MultiDict:
    """The query, where district staff open on their own district as on the project list: the
    filter is set in the form and 全部 removes it (docs/registration.md, "The enterprise directory")."""
    args = query.copy()
    if "district" not in args and actor.role == DISTRICT_STAFF and actor.district_code:
        args["district"] = actor.district_code
    return args


def _whole(value: str | None) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 10 else None


def directory_filter(args: MultiDict) -> EnterpriseFilter:
    sort = args.get("sort") if args.get("sort") in SORT_KEYS else "name"
    size = _whole(args.get("page_size"))
    return EnterpriseFilter(
        text=args.get("q") or None, district_code=args.get("district") or None,
        industry=industry_prefix(args.get("industry")), with_projects=WITH_PROJECTS.get(args.get("projects", "")),
        check=listed_check(ENTERPRISES, args.get("check")), sort=sort, descending=args.get("dir", "desc" if sort in FIRST_DESCENDING else "asc") == "desc",
        page=_whole(args.get("page")) or 1, page_size=size if size in PAGE_SIZES else PAGE_SIZES[0])


def sort_link(args: MultiDict, filters: EnterpriseFilter, key: str) -> tuple[str, str | None]:
    """The URL a column's head sorts by, and the column's ``aria-sort`` when the list is in its
    order: a second click turns the order round, a first one sorts as ``FIRST_DESCENDING`` says."""
    active = filters.sort == key
    descending = not filters.descending if active else key in FIRST_DESCENDING
    href = url_for("enterprises.index", **(args.to_dict() | {"sort": key, "dir": "desc" if descending else "asc",
                                                            "page": 1}))
    order = ("descending" if filters.descending else "ascending") if active else None
    return href, order
