"""Use case: the parcel list (地块清单) — every live parcel the filters select, a page of it with
each parcel's projects, and its download (CSV, Excel) recorded in the audit trail.

Every signed-in role reads every parcel (as the parcel page, ``redevelopment.parcel_detail``); the
projects named beside a parcel, and those the filter on projects counts, are the ones the reader
may read (``can_read_record``): another district's draft is not named to district staff.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from registry import clock
from registry.domain.errors import N_
from registry.domain.freed_land import LandQuery, Totals, download_stem
from registry.domain.paging import page_count
from registry.domain.parcel_list import page_number
from registry.domain.permissions import Actor, unapproved_readable_in
from registry.repositories import freed_land as land_repo
from registry.repositories import parcel_list as repo
from registry.services.district_filter import require_known_districts
from registry.services import export_log
from registry.services.land_exports import FIELDS, ExportFile, Layout, check_count, check_format, write_parcels

FORMATS = ("csv", "xlsx")
# The freed land's columns, the project column naming every project of the parcel
LAYOUT = Layout("parcels", N_("Parcel list"),
                tuple((name, N_("Projects") if name == "project" else header) for name, header in FIELDS))


@dataclass(frozen=True)
class ListedParcel:
    parcel: repo.ParcelRow
    projects: list[tuple[int, str]]  # (id, reference) of the readable ones, oldest year first

    def to_dict(self) -> dict:
        """The parcel as the API and ``registry parcels list --format json`` give it: codes, every digit."""
        row = self.parcel
        return {"id": row.id, "code": row.code, "district_code": row.district_code, "zone_kind": row.zone_kind,
                "land_use_class": row.land_use_class, "area_m2": row.area_m2, "status": row.status,
                "is_illustrative": row.is_illustrative,
                "projects": [{"id": pid, "reference": reference} for pid, reference in self.projects]}


@dataclass(frozen=True)
class ParcelList:
    query: LandQuery
    totals: Totals
    rows: list[ListedParcel]

    @property
    def page(self) -> int:
        return page_number(self.query)

    @property
    def pages(self) -> int:
        return page_count(self.totals.count, self.query.limit)


def list_parcels(session, actor: Actor, query: LandQuery) -> ParcelList:
    """The count and area of the parcels ``query`` selects and its page of them (none read for a
    page beyond the last: the page redirects to the last one); ValidationError on ``district`` for a
    code no district has."""
    require_known_districts(session, query.district_codes)
    visible = unapproved_readable_in(actor)
    count, area = land_repo.totals(session, query, visible)
    rows = repo.page(session, query, visible) if query.offset < count else []
    projects = repo.projects_of(session, [r.id for r in rows], visible)
    return ParcelList(query, Totals(count, area), [ListedParcel(r, projects.get(r.id, [])) for r in rows])



def parcel_count(session, actor: Actor, query: LandQuery) -> int:
    """How many parcels ``query`` selects (an empty list's offers to drop one of its filters)."""
    return land_repo.totals(session, query, unapproved_readable_in(actor))[0]


def export_parcel_list(session, actor: Actor, query: LandQuery, fmt: str,
                       translate: Callable[[str], str]) -> ExportFile:
    """Every parcel of the list (all pages, its order) as CSV or Excel; at most as many as the
    freed land's export holds (``MAX_EXPORT_PARCELS``)."""
    check_format(fmt, FORMATS)
    require_known_districts(session, query.district_codes)
    visible = unapproved_readable_in(actor)
    count, _area = land_repo.totals(session, query, visible)
    check_count(count)
    export_log.record_export(session, actor, export_log.Export(export_log.PARCEL_LIST, fmt,
                                                               export_log.land_filters(query), rows=count))
    written = write_parcels(repo.export_rows(session, query, visible), fmt, translate, LAYOUT)
    # named by its districts and filters and dated, as the freed land's download
    return replace(written, filename=f"{download_stem('parcels', query)}-{clock.today().isoformat()}.{fmt}")
