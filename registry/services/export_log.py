"""Who took the data out: each export of registry data is an entry of the audit trail (action
``export``), whoever asked for it — the pages, the API, the command line.

What counts as an export (docs/operations.md, "What the audit trail holds"): a file of many records
written for a reader — the project list's download (Excel/CSV) and the one behind a rollup figure,
the enterprise directory's (Excel/CSV),
the freed-land export (GeoJSON, GeoPackage, Shapefile, CSV, Excel), the parcel list's (CSV, Excel), the land-output
report's (Excel, CSV, JSON: every line, every parcel at the parcel level), a rollup report's file, the
registry as a GeoPackage (``registry export``) and the audit trail's own download. Not exports: a
page, one project or parcel, a map tile, an answer of the JSON API a page would show (a page of the
list, a rollup's JSON), the OGC API items QGIS and GDAL page through on every pan (each request a
page of at most a few thousand features, read with the same rights as the map; logging each would
bury the changes under thousands of entries an hour — a token's use is on its page, "last used").

The entry holds what was asked for — the filters as readable JSON in ``changes``, beside the
format and how many records the file holds when that is known before it is written — and it is
committed at once, before the file is written or sent: an export streamed from a server-side
cursor (the project list) or written for seconds keeps no transaction open for its entry, and a
file cut short by the reader still shows who asked.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from sqlalchemy.orm import Session

from registry.domain.audit_trail import TrailFilter
from registry.domain.freed_land import LandQuery
from registry.domain.permissions import Actor
from registry.domain.rollups import RollupQuery
from registry.services import audit

EXPORT = "export"
# What an export's entry names as its record (``audit_log.entity``; audit_vocabulary.AUDIT_ENTITIES)
PROJECT_LIST, ROLLUP_PROJECTS, ROLLUP = "project_list", "rollup_projects", "rollup"
FREED_LAND, PARCEL_LIST, REGISTRY, AUDIT_TRAIL = "freed_land", "parcel_list", "registry", "audit_log"
ENTERPRISE_LIST = "enterprise_list"
LAND_OUTPUT = "land_output"


@dataclass(frozen=True)
class Export:
    """One export as the trail records it: what (``entity``, ``entity_id``: a rollup's year, else
    ``-``), in which format, the filters, how many records (``None``: not known before writing)."""

    entity: str
    fmt: str
    filters: Mapping[str, Any]
    rows: int | None = None
    entity_id: str = "-"


def readable(filters: Mapping[str, Any]) -> dict[str, Any]:
    """The filters an export was asked with, JSON-safe, the ones left at "any" (``None``, empty)
    left out: an entry names what narrowed the selection, not every filter the form offers."""
    return {name: audit.jsonable(value) for name, value in filters.items()
            if value is not None and value != "" and value != () and value != []}


def summary(export: Export) -> dict[str, Any]:
    """What the entry's ``changes`` hold: the format, the number of records when known, the filters."""
    head: dict[str, Any] = {"format": export.fmt}
    if export.rows is not None:
        head["rows"] = export.rows
    return head | readable(export.filters)


def record_export(session: Session, actor: Actor, export: Export) -> None:
    """Record ``export`` as ``actor``'s (with their channel) and commit it at once."""
    audit.record_summary(session, actor, EXPORT, export.entity, export.entity_id, summary(export))
    session.commit()


def project_list_filters(text: str | None, district_code: str | None, kind: str | None, year: int | None,
                         status: str | None, sort: str, descending: bool, overdue: bool = False,
                         check: str | None = None, monitoring: str | None = None,
                         credit_code: str | None = None) -> dict[str, Any]:
    """The project list's filters as an export's entry records them (``overdue`` only when set;
    ``credit_code``: the enterprise the list was narrowed to, ``enterprise=``)."""
    return {"text": text, "district_code": district_code, "kind": kind, "year": year, "status": status,
            "sort": sort, "descending": descending, "overdue": overdue or None, "check": check,
            "monitoring": monitoring, "credit_code": credit_code}


def enterprise_list_filters(text: str | None, district_code: str | None, industry: str | None,
                            with_projects: bool | None, check: str | None, sort: str,
                            descending: bool) -> dict[str, Any]:
    """The enterprise directory's filters as its download's entry records them (``projects``: with or
    without, as the page's query says it)."""
    projects = None if with_projects is None else "with" if with_projects else "without"
    return {"text": text, "district_code": district_code, "industry": industry, "projects": projects,
            "check": check, "sort": sort, "descending": descending}


def rollup_filters(query: RollupQuery, **more: Any) -> dict[str, Any]:
    """A rollup's (or its drill-down's) filters: year, counting rule, the moment figures are as of."""
    return {"year": query.year, "rule": query.rule, "as_of": query.as_of, "district_code": query.district_code} | more


def rollup_export(query: RollupQuery, fmt: str, frozen: bool) -> Export:
    """A rollup report's file, named as closing the year names it (``2013/verified``)."""
    return Export(ROLLUP, fmt, rollup_filters(query, frozen=frozen or None), entity_id=f"{query.year}/{query.rule}")


def land_output_export(year: int | None, level: str, sort: str, descending: bool, fmt: str, rows: int) -> Export:
    """A land-output report's file, named as its year and level (``2017/development_zone``)."""
    return Export(LAND_OUTPUT, fmt, {"year": year, "level": level, "sort": sort, "descending": descending}, rows=rows,
                  entity_id=f"{year if year is not None else '-'}/{level}")


def land_filters(query: LandQuery) -> dict[str, Any]:
    """The freed-land query's (or the parcel list's) filters (not its page: an export holds every
    parcel selected)."""
    radius = query.radius
    return {
        "district_code": query.district_codes, "zone_kind": query.zone_kinds, "year_from": query.year_from,
        "year_to": query.year_to, "area_min_m2": query.area_min_m2, "area_max_m2": query.area_max_m2,
        # the freed land's land-use filter reads the use it was freed with (docs/freed-land.md)
        "former_use" if query.scope.land_use_as_freed else "land_use_class": query.land_use_classes,
        "status": query.statuses, "polygon": query.polygon_geojson,
        "radius": [radius.lon, radius.lat, radius.km] if radius else None,
        "bbox": list(query.bbox) if query.bbox else None, "code_prefix": query.code_prefix, "projects": query.projects,
        "sort": query.sort, "descending": query.descending,
    }


def trail_filters(filters: TrailFilter) -> dict[str, Any]:
    return {"user": filters.username, "entity": filters.entity, "entity_id": filters.entity_id,
            "action": filters.action, "channel": filters.channel, "since": filters.since, "until": filters.until}

