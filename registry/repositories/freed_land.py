"""SQL of the freed-land query: filters, totals, breakdowns, a sorted page, and matching candidates.

One filtered base (live parcels past ``in_use``) feeds every aggregate, so totals, breakdowns and
the table always agree. Spatial filters run in the storage SRID against the GiST index; the
drawn polygon keeps parcels that share interior with it (``ST_Intersects AND NOT ST_Touches``),
so a parcel that only touches its edge is left out.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from geoalchemy2 import Geography
from sqlalchemy import Select, and_, cast, func, literal_column, not_, select, tuple_
from sqlalchemy.orm import Session

from geo.geometry import SRID_STORAGE
from registry.domain.freed_land import LandQuery
from registry.domain.vocabulary import PARCEL_STATUSES
from registry.models import District, Parcel, ParcelRedevelopment, Project, project_parcels
from registry.repositories import record_counts
from registry.repositories.search import code_starts_with, visible_projects

# A parcel's zone kind = the highest-ranking zone it lies in; parcels in no zone count as "other".
# The same order is in the database function registry_zone_kind_of (migration 0009), and ZONE_KINDS
# lists the kinds in it.
ZONE_KIND_PRIORITY = ("development_zone", "block_104", "region_195", "region_198", "other")
KM_PER_DEGREE_LAT = 110.574
GEOJSON_DECIMALS = 7


def _envelope(minx: float, miny: float, maxx: float, maxy: float):
    return func.ST_MakeEnvelope(minx, miny, maxx, maxy, SRID_STORAGE)


def land_conditions(query: LandQuery, visible_district: str | None = None) -> list:
    """The query's filters on ``Parcel``; ``visible_district``: whose unapproved projects count for
    the filter on projects (``visible_projects``; ``None``: all)."""
    where = [Parcel.valid_to.is_(None)]
    if set(query.statuses_or_all) != set(PARCEL_STATUSES):  # every status: no condition to check
        where.append(Parcel.status.in_(query.statuses_or_all))
    if query.district_codes:
        where.append(Parcel.district_code.in_(query.district_codes))
    if query.zone_kinds:
        where.append(Parcel.zone_kind.in_(query.zone_kinds))
    if query.year_from is not None:
        where.append(Parcel.freed_on >= date(query.year_from, 1, 1))
    if query.year_to is not None:
        where.append(Parcel.freed_on < date(query.year_to + 1, 1, 1))
    if query.area_min_m2 is not None:
        where.append(Parcel.area_m2 >= query.area_min_m2)
    if query.area_max_m2 is not None:
        where.append(Parcel.area_m2 <= query.area_max_m2)
    if query.land_use_classes:
        land_use = Parcel.former_use if query.scope.land_use_as_freed else Parcel.land_use_class
        where.append(land_use.in_(query.land_use_classes))
    if query.polygon_geojson:
        shape = func.ST_SetSRID(func.ST_GeomFromGeoJSON(query.polygon_geojson), SRID_STORAGE)
        where.append(and_(func.ST_Intersects(Parcel.geom, shape), not_(func.ST_Touches(Parcel.geom, shape))))
    if query.bbox:
        box = _envelope(*query.bbox)
        where.append(func.ST_Intersects(Parcel.geom, box))
    if query.radius:
        where.append(within_km(query.radius.lon, query.radius.lat, query.radius.km))
    if query.code_prefix:
        where.append(code_starts_with(query.code_prefix))
    if query.projects:
        tied = _tied(visible_district)
        where.append(tied if query.projects == "with" else not_(tied))
    return where


def _tied(visible_district: str | None):
    """The parcel is held by a project the reader may read (an anti-join for "without": one pass
    over ``project_parcels``, whose parcel index also serves a page's few probes)."""
    links = select(project_parcels.c.parcel_id).where(project_parcels.c.parcel_id == Parcel.id)
    if (visible := visible_projects(visible_district)) is not None:
        links = links.join(Project, Project.id == project_parcels.c.project_id).where(visible)
    return links.exists()


def _point(lon: float, lat: float):
    return func.ST_SetSRID(func.ST_MakePoint(lon, lat), SRID_STORAGE)


def within_km(lon: float, lat: float, km: float):
    """Geodesic distance ≤ km, with a degree box first so the GiST index narrows the search."""
    dy = km / KM_PER_DEGREE_LAT * 1.01
    dx = dy / max(0.1, math.cos(math.radians(lat)))
    point = _point(lon, lat)
    return and_(
        Parcel.geom.op("&&")(func.ST_Expand(point, dx, dy)),
        func.ST_DWithin(cast(Parcel.geom, Geography), cast(point, Geography), km * 1000.0),
    )


def distance_km(lon: float, lat: float):
    return func.ST_Distance(cast(Parcel.geom, Geography), cast(_point(lon, lat), Geography)) / 1000.0


def _base(query: LandQuery, visible_district: str | None = None):
    return (
        select(Parcel.id, Parcel.area_m2, Parcel.district_code, Parcel.zone_kind, Parcel.status,
               func.extract("year", Parcel.freed_on).label("freed_year"))
        .where(*land_conditions(query, visible_district))
        .subquery("freed")
    )


@dataclass(frozen=True)
class Breakdown:
    key: str
    label_zh: str
    label_en: str
    count: int
    area_m2: Decimal


@dataclass(frozen=True)
class Sums:
    """Totals and the breakdowns of one query, from a single scan (GROUPING SETS)."""

    count: int
    area_m2: Decimal
    by_district: list[Breakdown]
    by_zone_kind: list[tuple[str, int, Decimal]]
    by_status: list[tuple[str, int, Decimal]]
    by_year: list[tuple[int | None, int, Decimal]]  # the year freed (None: no freed date), oldest first


def sums(session: Session, query: LandQuery) -> Sums:
    base = _base(query)
    keys = (base.c.district_code, base.c.zone_kind, base.c.status, base.c.freed_year)
    # grouping(c) is 1 on the rows that roll ``c`` up: a breakdown's rows roll up every key but its own
    grouped = (
        select(*keys, *(func.grouping(key).label(f"rolled_{i}") for i, key in enumerate(keys)),
               func.count().label("n"), func.coalesce(func.sum(base.c.area_m2), 0).label("area"))
        .group_by(func.grouping_sets(tuple_(), *(tuple_(key) for key in keys)))
        .subquery()
    )
    rows = session.execute(
        select(grouped, District.name_zh, District.name_en)
        .outerjoin(District, District.code == grouped.c.district_code)).all()
    count, area = 0, Decimal(0)
    districts, kinds, statuses, years = [], [], [], []
    for code, kind, status, year, *rolled, n, a, zh, en in rows:
        if all(rolled):  # the grand total: every key rolled up
            count, area = n, Decimal(a)
        elif not rolled[0]:
            districts.append(Breakdown(code or "-", zh or "-", en or "-", n, Decimal(a)))
        elif not rolled[1]:
            kinds.append((kind, n, Decimal(a)))
        elif not rolled[2]:
            statuses.append((status, n, Decimal(a)))
        else:
            years.append((None if year is None else int(year), n, Decimal(a)))
    order = {k: i for i, k in enumerate(ZONE_KIND_PRIORITY)}
    return Sums(count, area, sorted(districts, key=lambda d: d.key),
                sorted(kinds, key=lambda r: order.get(r[0], 99)), statuses,
                sorted(years, key=lambda r: (r[0] is None, r[0] or 0)))


# What the database keeps live parcels counted by (``record_counts``): the status and the district;
# the rest of these say how the list is shown.
_KEPT = {"statuses", "district_codes", "scope", "sort", "descending", "limit", "offset", "area_unit"}


def totals(session: Session, query: LandQuery, visible_district: str | None = None) -> tuple[int, Decimal]:
    """Count and area only (exports and the map check these before fetching rows): the counts the
    database keeps when the query selects by status and district only (the overview's figures, the
    lists they open), else counted."""
    if all(getattr(query, f.name) in (None, (), "") for f in fields(query) if f.name not in _KEPT):
        return record_counts.parcels(session, query.statuses_or_all, query.district_codes)
    base = _base(query, visible_district)
    count, area = session.execute(
        select(func.count(), func.coalesce(func.sum(base.c.area_m2), 0)).select_from(base)).one()
    return int(count), Decimal(area)


@dataclass(frozen=True)
class FreedParcelRow:
    id: int
    code: str
    area_m2: Decimal
    land_use_class: str
    status: str
    district_code: str | None
    zone_kind: str
    freed_on: date | None
    project_reference: str | None
    project_id: int | None
    geometry_geojson: str | None
    new_use: str | None = None  # the redevelopment's (planned or realised) land-use class
    former_use: str | None = None  # the land use it was freed with (原用途; none if unknown)


def _first_project(column=Project.reference):
    """``column`` of the parcel's first structural-adjustment project (by completion)."""
    return (
        select(column).join(project_parcels, project_parcels.c.project_id == Project.id)
        .where(project_parcels.c.parcel_id == Parcel.id, Project.kind == "structural_adjustment")
        .order_by(Project.completed_on, Project.id).limit(1).correlate(Parcel).scalar_subquery()
    )


def page(session: Session, query: LandQuery, with_geometry: bool = True,
         simplify_deg: float = 0.0) -> list[FreedParcelRow]:
    """One sorted page of the query's parcels (``limit``/``offset``)."""
    geom = Parcel.geom if not simplify_deg else func.ST_SimplifyPreserveTopology(Parcel.geom, simplify_deg)
    columns = {
        "code": Parcel.code, "area_m2": Parcel.area_m2, "freed_on": Parcel.freed_on,
        "district_code": Parcel.district_code, "land_use_class": Parcel.land_use_class,
        "status": Parcel.status, "zone_kind": Parcel.zone_kind, "former_use": Parcel.former_use,
    }
    order = columns[query.sort]
    order = order.desc().nulls_last() if query.descending else order.asc().nulls_first()
    statement: Select = (
        select(Parcel.id, Parcel.code, Parcel.area_m2, Parcel.land_use_class, Parcel.status, Parcel.district_code,
               Parcel.zone_kind, Parcel.freed_on, _first_project(), _first_project(Project.id),
               func.ST_AsGeoJSON(geom, GEOJSON_DECIMALS) if with_geometry else literal_column("NULL"),
               ParcelRedevelopment.new_use, Parcel.former_use)
        .outerjoin(ParcelRedevelopment, ParcelRedevelopment.parcel_id == Parcel.id)
        .where(*land_conditions(query))
        .order_by(order, Parcel.id).limit(query.limit).offset(query.offset)
    )
    return [FreedParcelRow(*row) for row in session.execute(statement)]


# What an export adds after a parcel's project: the use it was freed with (NULL while in use), its
# redevelopment's new use, planned and completion days (NULL where none is planned), then its geometry
# (the parcel list's export reads them too).
REDEVELOPMENT_COLUMNS = (Parcel.former_use, ParcelRedevelopment.new_use, ParcelRedevelopment.planned_on,
                         ParcelRedevelopment.completed_on)


def export_rows(session: Session, query: LandQuery):
    """Every parcel of the query (no paging) with its geometry as WKB, for exports."""
    statement = (
        select(Parcel.id, Parcel.code, Parcel.area_m2, Parcel.land_use_class, Parcel.status, Parcel.district_code,
               District.name_zh, Parcel.zone_kind, Parcel.freed_on, _first_project(), *REDEVELOPMENT_COLUMNS,
               func.ST_AsBinary(Parcel.geom))
        .outerjoin(District, District.code == Parcel.district_code)
        .outerjoin(ParcelRedevelopment, ParcelRedevelopment.parcel_id == Parcel.id)
        .where(*land_conditions(query)).order_by(Parcel.code)
    )
    return session.execute(statement).all()


def candidates(session: Session, min_area_m2: Decimal, zone_kinds: tuple[str, ...], district: str | None,
               point: tuple[float, float] | None, radius_km: float, limit: int = 500):
    """Freed parcels (not yet planned) meeting a demand's hard conditions, nearest first."""
    distance = distance_km(*point) if point else literal_column("NULL")
    where = [Parcel.valid_to.is_(None), Parcel.status == "freed", Parcel.area_m2 >= min_area_m2]
    if zone_kinds:
        where.append(Parcel.zone_kind.in_(zone_kinds))
    if district:
        where.append(Parcel.district_code == district)
    if point:
        where.append(within_km(point[0], point[1], radius_km))
    statement = (
        select(Parcel.id, Parcel.code, Parcel.area_m2, Parcel.zone_kind, Parcel.district_code, Parcel.freed_on, distance)
        .where(*where).order_by(distance if point else Parcel.area_m2, Parcel.id).limit(limit)
    )
    return session.execute(statement).all()


def district_names(session: Session) -> list[tuple[str, str, str]]:
    return [tuple(r) for r in session.execute(select(District.code, District.name_zh, District.name_en).order_by(District.code))]
