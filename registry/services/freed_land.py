"""Use case: find freed land (腾出土地) — totals, breakdowns by district, zone kind, status and year freed, a page.

Shared by the page, the JSON API and the exports. Every signed-in role may read freed land.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from shapely.geometry import shape

from geo.geometry import explain_invalid
from registry.domain.errors import N_, InvalidGeometry, Message, FieldError
from registry.domain.freed_land import FREED_STATUSES, LandQuery, Totals
from registry.domain.geometry_reasons import invalid_geometry_message
from registry.domain.permissions import Actor
from registry.repositories import freed_land as repo
from registry.services.district_filter import require_known_districts

# A page shows the parcels on the map as GeoJSON up to this many; beyond it the map uses tiles.
MAP_FEATURE_LIMIT = 2000
_MAP_SIMPLIFY_DEG = 0.00001  # ~1 m: invisible on screen, far fewer bytes for big parcels


@dataclass(frozen=True)
class DistrictShare:
    code: str
    name_zh: str
    name_en: str
    totals: Totals


@dataclass(frozen=True)
class ZoneKindShare:
    kind: str
    totals: Totals


@dataclass(frozen=True)
class StatusShare:
    status: str
    totals: Totals


@dataclass(frozen=True)
class YearShare:
    year: int | None  # the year freed; None for land with no freed date
    totals: Totals


@dataclass(frozen=True)
class FreedLandResult:
    query: LandQuery
    totals: Totals
    by_district: list[DistrictShare]
    by_zone_kind: list[ZoneKindShare]
    rows: list[repo.FreedParcelRow]
    by_status: list[StatusShare]
    by_year: list[YearShare]

    @property
    def has_more(self) -> bool:
        return self.query.offset + len(self.rows) < self.totals.count

    def to_dict(self) -> dict:
        def totals(t: Totals) -> dict:
            return {"count": t.count, "area_m2": float(t.area_m2), "area_mu": float(t.area_mu),
                    "area_ha": float(t.area_ha), "area_km2": float(t.area_km2)}

        return {
            "totals": totals(self.totals),
            "by_district": [{"district_code": d.code, "name_zh": d.name_zh, "name_en": d.name_en, **totals(d.totals)}
                            for d in self.by_district],
            "by_zone_kind": [{"zone_kind": z.kind, **totals(z.totals)} for z in self.by_zone_kind],
            "by_status": [{"status": b.status, **totals(b.totals)} for b in self.by_status],
            "by_year": [{"year": y.year, **totals(y.totals)} for y in self.by_year],
            "limit": self.query.limit, "offset": self.query.offset,
            "parcels": [_row_dict(r) for r in self.rows],
        }


def _row_dict(row: repo.FreedParcelRow) -> dict:
    return {
        "id": row.id, "code": row.code, "area_m2": float(row.area_m2), "land_use_class": row.land_use_class,
        "status": row.status, "district_code": row.district_code, "zone_kind": row.zone_kind,
        "freed_on": row.freed_on.isoformat() if row.freed_on else None, "project_reference": row.project_reference,
        "former_use": row.former_use, "new_use": row.new_use,
        "geometry": json.loads(row.geometry_geojson) if row.geometry_geojson else None,
    }


def check_polygon(query: LandQuery) -> None:
    """Refuse a drawn polygon that GEOS cannot use (self-intersecting, empty, out of range)."""
    if not query.polygon_geojson:
        return
    try:
        geom = shape(json.loads(query.polygon_geojson))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise InvalidGeometry([FieldError("polygon", Message(N_("must be a GeoJSON polygon")))])
    if geom.is_empty:
        raise InvalidGeometry([FieldError("polygon", Message(N_("geometry is empty")))])
    reason = explain_invalid(geom)
    if reason:
        raise InvalidGeometry([FieldError("polygon", invalid_geometry_message(reason))])
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        raise InvalidGeometry([FieldError("polygon", Message(N_("coordinates must be longitude and latitude in degrees")))])


def find_freed_land(session, actor: Actor, query: LandQuery, with_geometry: bool = True,
                    for_map: bool = False, checked_districts: Iterable[str] = ()) -> FreedLandResult:
    """Totals, breakdowns and one page of the freed parcels ``query`` selects.

    ``for_map`` simplifies geometries by ~1 m (screen use); otherwise they are exact. ValidationError
    on ``district`` for a code no district has (it would select nothing, unsaid); the codes of
    ``checked_districts``, which the caller has (the freed-land page, which says one), are not looked up.
    """
    check_polygon(query)
    require_known_districts(session, query.district_codes, held=checked_districts)
    sums = repo.sums(session, query)
    districts = [DistrictShare(b.key, b.label_zh, b.label_en, Totals(b.count, b.area_m2)) for b in sums.by_district]
    # every zone kind, in the rank order, 0 where nothing matches: the table keeps its shape between filters
    found = {k: Totals(n, a) for k, n, a in sums.by_zone_kind}
    kinds = [ZoneKindShare(k, found.get(k, Totals(0, Decimal(0)))) for k in repo.ZONE_KIND_PRIORITY]
    # every status of freed land likewise; the years that freed some, oldest first
    held = {s: Totals(n, a) for s, n, a in sums.by_status}
    statuses = [StatusShare(s, held.get(s, Totals(0, Decimal(0)))) for s in FREED_STATUSES]
    years = [YearShare(y, Totals(n, a)) for y, n, a in sums.by_year]
    # rows beyond the last (the page redirects to its last page; the API answers none) are not read
    beyond = query.offset >= sums.count
    rows = [] if beyond else repo.page(session, query, with_geometry, _MAP_SIMPLIFY_DEG if for_map else 0.0)
    return FreedLandResult(query, Totals(sums.count, sums.area_m2), districts, kinds, rows, statuses, years)


def freed_totals(session, actor: Actor, query: LandQuery) -> Totals:
    """Count and area of the freed parcels ``query`` selects: the page's totals, without its page."""
    check_polygon(query)
    return Totals(*repo.totals(session, query))


def map_features(session, actor: Actor, query: LandQuery) -> tuple[list[dict], bool]:
    """GeoJSON features of the query's parcels for a map, or ([], True) when there are more than
    ``MAP_FEATURE_LIMIT`` (the map then draws vector tiles instead)."""
    check_polygon(query)
    count, _area = repo.totals(session, query)
    if count > MAP_FEATURE_LIMIT:
        return [], True
    rows = repo.page(session, query.page(MAP_FEATURE_LIMIT), True, _MAP_SIMPLIFY_DEG) if count else []
    return [{"type": "Feature", "id": r.id, "geometry": json.loads(r.geometry_geojson),
             "properties": {"code": r.code, "status": r.status, "area_m2": float(r.area_m2)}} for r in rows], False


def district_choices(session) -> list[tuple[str, str, str]]:
    return repo.district_names(session)
