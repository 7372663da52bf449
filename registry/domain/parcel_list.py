"""The parcel list (地块清单): every live parcel, not only freed land, filtered as the freed-land
query filters (``LandQuery`` over the ``PARCELS`` scope, one SQL for both) and, its own filters, by
the start of the code and by whether a project holds the parcel; sorted, paged by page number as the
project list is.
"""
from __future__ import annotations

from dataclasses import replace

from registry.domain.errors import N_, Listed, UNKNOWN_VALUE
from registry.domain.fields import Errors
from registry.domain.freed_land import LandQuery, Scope, read_land_query
from registry.domain.query_args import Args, codes, one, whole_number
from registry.domain.search import MAX_LENGTH, normalize_query
from registry.domain.vocabulary import PARCEL_STATUSES

PARCELS = Scope(tuple(PARCEL_STATUSES), ("code", "district_code", "area_m2", "status"), "code", False)
PROJECT_TIES = {"with": N_("Tied to a project"), "without": N_("Not tied to any project")}
PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE = 10**7
# The freed-land query's parameters the list offers (its map's and completion years' are not read).
SHARED = ("district", "zone_kind", "area_min", "area_max", "area_unit", "land_use", "status", "sort", "order")
# Every parameter of the list, its own with the shared ones: what its links and downloads carry.
PARAMETERS = (*SHARED, "code", "project", "page", "page_size")


def parse_parcel_query(args: Args) -> LandQuery:
    """The list ``args`` ask for, one page of it; ``ValidationError`` naming every bad parameter."""
    errors = Errors()
    query = read_land_query(errors, {name: args[name] for name in SHARED if name in args}, PARCELS)
    code = normalize_query(one(args, "code") or "")
    if len(code) > MAX_LENGTH:
        errors.add("code", N_("is too long (at most %(n)s characters)"), n=MAX_LENGTH)
        code = ""
    ties = codes(errors, args, "project", PROJECT_TIES)
    if len(ties) > 1:
        errors.add("project", N_("choose one of: %(allowed)s"), allowed=Listed(tuple(PROJECT_TIES)))
    size = whole_number(errors, args, "page_size", 1, max(PAGE_SIZES)) or DEFAULT_PAGE_SIZE
    if size not in PAGE_SIZES:
        errors.add("page_size", UNKNOWN_VALUE, value=str(size),
                   allowed=Listed(tuple(str(s) for s in PAGE_SIZES)))
    page = whole_number(errors, args, "page", 1, MAX_PAGE) or 1
    errors.raise_if_any()
    return replace(query, code_prefix=code or None, projects=ties[0] if ties else None,
                   limit=size, offset=(page - 1) * size)


def page_number(query: LandQuery) -> int:
    """The 1-based page of the list ``query`` reads."""
    return query.offset // query.limit + 1
