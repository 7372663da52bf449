"""``registry parcels list``: the parcel list (地块清单, ``/land/parcels``) on the command line, through
the page's service and query (``services.parcel_list``, ``domain.parcel_list``): the same filters,
rules and order, the projects named as the user ``--as`` may read them (without it, the system
administrator: every one). Thin: parse, call the service, print."""
from __future__ import annotations

from typing import Any

import click

from registry.cli.context import session_scope
from registry.cli.output import (
    NOTHING, acting_as, coded, district_label, echo_list, figure, list_format, name,
)
from registry.cli.projects import reader
from registry.cli.translated import group
from registry.domain.errors import N_, DistrictRef
from registry.domain.freed_land import AREA_UNITS
from registry.domain.parcel_list import PAGE_SIZES, PARCELS, PROJECT_TIES, parse_parcel_query
from registry.domain.vocabulary import LAND_USE_CLASSES, PARCEL_STATUSES, ZONE_KINDS
from registry.services import parcel_list as svc
from registry.services.geodata import district_names

PAGE = max(PAGE_SIZES)  # the list's largest page; a longer --limit reads page after page
MAX_LIMIT = 10_000
# The API's item keys (GET /api/v1/parcels), without its links
KEYS = ("id", "code", "district_code", "zone_kind", "land_use_class", "area_m2", "status", "is_illustrative",
        "projects")


@group("parcels", help=N_('Parcels: the parcel list (docs/freed-land.md, "The parcel list").'))
def parcels() -> None:
    pass


@parcels.command("list", help=N_("List every live parcel the filters select, in use or freed: id, code, district "
                                 "(name and code), zone kind, land-use class, area, status, the projects that hold "
                                 "it."))
@click.option("--district", multiple=True,
              help=N_("6-digit district code (GB/T 2260), e.g. 310115; repeat for several."))
@click.option("--zone-kind", "zone_kind", multiple=True, type=click.Choice(list(ZONE_KINDS)),
              help=N_("Parcels in a zone of this kind; repeat for several."))
@click.option("--land-use", "land_use", multiple=True, type=click.Choice(list(LAND_USE_CLASSES)),
              help=N_("Land-use class; repeat for several."))
@click.option("--status", multiple=True, type=click.Choice(list(PARCELS.statuses)), help=N_("Repeat for several."))
@click.option("--area-min", "area_min", metavar="AREA", help=N_("Smallest area, in --area-unit."))
@click.option("--area-max", "area_max", metavar="AREA", help=N_("Largest area, in --area-unit."))
@click.option("--area-unit", "area_unit", type=click.Choice(list(AREA_UNITS)), default="m2", show_default=True)
@click.option("--code", metavar="TEXT", help=N_("The start of the parcel code, as the search box reads it."))
@click.option("--project", type=click.Choice(list(PROJECT_TIES)),
              help=N_("with: held by a project the reader may read; without: by none."))
@click.option("--sort", type=click.Choice(list(PARCELS.sortable)), default=PARCELS.sort, show_default=True)
@click.option("--dir", "direction", type=click.Choice(["asc", "desc"]), default="asc", show_default=True)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=50, show_default=True,
              help=N_("At most this many parcels, in the list's order."))
@acting_as(False, N_("Read as this user (district staff: the projects of their district and approved ones elsewhere)."))
@list_format()
def list_parcels(district, zone_kind, land_use, status, area_min, area_max, area_unit, code, project, sort: str,
                 direction: str, limit: int, as_user: str | None, fmt: str) -> None:
    args = {"district": list(district), "zone_kind": list(zone_kind), "land_use": list(land_use),
            "status": list(status), "area_min": [area_min or ""], "area_max": [area_max or ""],
            "area_unit": [area_unit], "code": [code or ""], "project": [project or ""], "sort": [sort],
            "order": [direction]}
    with session_scope() as session:
        actor = reader(session, as_user)
        totals, rows = _read(session, actor, args, limit)
        names = district_names(session, {r.parcel.district_code for r in rows if r.parcel.district_code})
    items = [listed.to_dict() for listed in rows]
    references = [item | {"projects": ", ".join(p["reference"] for p in item["projects"])} for item in items]
    echo_list(fmt, {"total": totals.count, "area_m2": totals.area_m2, "items": items}, KEYS, references,
              [_line(item, names) for item in items],
              N_("(%(shown)d of %(total)d parcels; raise --limit or narrow the filters)"),
              N_("No parcel matches these filters."))

def _read(session, actor, args: dict[str, list[str]], limit: int):
    """The totals of the list and its first ``limit`` rows, read a page at a time."""
    rows: list[svc.ListedParcel] = []
    number = 1
    while True:
        result = svc.list_parcels(session, actor, parse_parcel_query(args | {"page": [str(number)],
                                                                             "page_size": [str(PAGE)]}))
        rows.extend(result.rows[:limit - len(rows)])
        if len(rows) >= limit or number >= result.pages:
            return result.totals, rows
        number += 1


def _line(item: dict[str, Any], names) -> str:
    district = DistrictRef(item["district_code"], names.get(item["district_code"])) if item["district_code"] else None
    projects = name(", ").join(p["reference"] for p in item["projects"]) or NOTHING
    return (f"{item['id']:>7}  {item['code']}  {district_label(district)}  {coded(ZONE_KINDS, item['zone_kind'])}  "
            f"{coded(LAND_USE_CLASSES, item['land_use_class'])}  {figure(item['area_m2'], 'm²')}  "
            f"{coded(PARCEL_STATUSES, item['status'])}  {projects}")
