"""SQL behind the OGC API – Features collections: each feature is built as GeoJSON text in
PostgreSQL, so a page passes through Python without being parsed.

Collections are fixed in code (never from user input); user values travel as bind parameters.
Spatial filters use the GiST index in the storage SRID; ``bbox`` is a true intersection.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from geo.geometry import SRID_STORAGE
from registry.domain.land import area_mu
from registry.repositories.driver import ReadSession

# The statements come in a few shapes (collection × filters given × axis order); each is parsed
# into a TextClause once (parsing the ~2 kB text for its parameters on every request showed up in
# the items request's profile).
_statement = functools.lru_cache(maxsize=256)(text)
READABLE_PROJECT_STATUSES = ("approved", "completed", "verified")
_PROJECT_GEOM = ("(SELECT ST_Multi(ST_Union(p.geom)) FROM project_parcels pp JOIN parcels p ON p.id = pp.parcel_id "
                 "WHERE pp.project_id = t.id)")


@dataclass(frozen=True)
class Collection:
    id: str
    table: str
    id_sql: str
    id_is_text: bool
    geom_sql: str
    bbox_sql: str  # a boolean expression of :minx :miny :maxx :maxy
    properties: tuple[tuple[str, str], ...]
    temporal: tuple[str, str] | None = None  # (start, end) SQL, end may be NULL = open; start == end: an instant
    default_where: str = "TRUE"  # without datetime (parcels: the live ones; datetime asks for those valid then)
    where: str = "TRUE"  # always
    queryables: dict[str, tuple[str, str]] = field(default_factory=dict)  # name → (SQL, integer|string)
    # The name of a code next to it, in the reader's language: (property, vocabulary, code SQL); the
    # names arrive as one JSON parameter (:labels, vocabulary → code → name).
    labels: tuple[tuple[str, str, str], ...] = ()
    district_name: bool = False  # a district_name property after district_code


# Both lookups read a map built once per statement (an uncorrelated subquery is an InitPlan): a
# prepared statement's generic plan would otherwise parse :labels, or look a district up, per row.
_DISTRICT_NAME = ("((SELECT jsonb_object_agg(d.code, CASE WHEN :lang = 'en' THEN d.name_en ELSE d.name_zh END) "
                  "FROM districts d) ->> t.district_code)")


# The reference of the structural-adjustment project that freed a parcel (the exports' ``project``).
_FREEING_PROJECT = ("(SELECT pr.reference FROM project_parcels pp JOIN projects pr ON pr.id = pp.project_id "
                    "WHERE pp.parcel_id = t.id AND pr.kind = 'structural_adjustment' "
                    "ORDER BY pr.completed_on, pr.id LIMIT 1)")
# Where freed land goes: its redevelopment's new use and days (one row per parcel, none while no plan).
def _redevelopment(column: str) -> str:
    return f"(SELECT r.{column} FROM parcel_redevelopments r WHERE r.parcel_id = t.id)"


_NEW_USE = _redevelopment("new_use")
# Freed land as the freed-land page and the ``freed`` tiles select it; the predicate of the
# partial index ix_parcels_freed, written alike so that the planner uses it.
_FREED_LAND = "t.status <> 'in_use' AND t.valid_to IS NULL"
_PARCEL_QUERYABLES = {"status": ("t.status", "string"), "district_code": ("t.district_code", "string"),
                      "land_use_class": ("t.land_use_class", "string"), "zone_kind": ("t.zone_kind", "string"),
                      "code": ("t.code", "string")}
_PARCEL_LABELS = (("land_use_name", "land_use", "t.land_use_class"), ("status_name", "parcel_status", "t.status"),
                  ("zone_kind_name", "zone_kind", "t.zone_kind"))

# 亩 of a parcel, to the hundredth as the pages show it: the factor is the domain's own conversion
# (``area_mu`` of 1 m², exactly 0.0015), so the features say what the pages and exports say.
_AREA_MU = f"round(t.area_m2 * {area_mu(1)}, 2)"

_ENVELOPE = f"ST_MakeEnvelope(:minx, :miny, :maxx, :maxy, {SRID_STORAGE})"


def _intersects(geom: str) -> str:
    return f"({geom} && {_ENVELOPE} AND ST_Intersects({geom}, {_ENVELOPE}))"


COLLECTIONS: dict[str, Collection] = {
    "parcels": Collection(
        "parcels", "parcels t", "t.id", False, "t.geom", _intersects("t.geom"),
        (("code", "t.code"), ("land_use_class", "t.land_use_class"), ("status", "t.status"),
         ("district_code", "t.district_code"), ("area_m2", "round(t.area_m2, 2)"), ("area_mu", _AREA_MU),
         ("valid_from", "t.valid_from"),
         ("valid_to", "t.valid_to"), ("freed_on", "t.freed_on"), ("zone_kind", "t.zone_kind"),
         ("is_illustrative", "t.is_illustrative")),
        temporal=("t.valid_from", "t.valid_to"), default_where="t.valid_to IS NULL",
        queryables=_PARCEL_QUERYABLES, labels=_PARCEL_LABELS, district_name=True,
    ),
    # The freed-land page's land for GIS clients. Its time is the day it was freed: QGIS and GDAL
    # send a filter on a date field as ``datetime``, which is right here, as freed_on is its one date.
    "freed_land": Collection(
        "freed_land", "parcels t", "t.id", False, "t.geom", _intersects("t.geom"),
        (("code", "t.code"), ("land_use_class", "t.land_use_class"), ("status", "t.status"),
         ("district_code", "t.district_code"), ("area_m2", "round(t.area_m2, 2)"),
         ("area_mu", _AREA_MU), ("freed_on", "t.freed_on"), ("zone_kind", "t.zone_kind"),
         ("project", _FREEING_PROJECT), ("former_use", "t.former_use"), ("new_use", _NEW_USE),
         ("planned_on", _redevelopment("planned_on")),
         ("redeveloped_on", _redevelopment("completed_on")), ("is_illustrative", "t.is_illustrative")),
        temporal=("t.freed_on", "t.freed_on"), where=_FREED_LAND,
        # the use it was freed with (原用途) beside where it goes: filtered as the parcels' codes are
        queryables={**_PARCEL_QUERYABLES, "former_use": ("t.former_use", "string")},
        labels=(*_PARCEL_LABELS, ("former_use_name", "land_use", "t.former_use"),
                ("new_use_name", "land_use", _NEW_USE)),
        district_name=True,
    ),
    "projects": Collection(
        "projects", "projects t", "t.id", False, _PROJECT_GEOM,
        "EXISTS (SELECT 1 FROM project_parcels pp JOIN parcels p ON p.id = pp.parcel_id "
        f"WHERE pp.project_id = t.id AND {_intersects('p.geom')})",
        (("reference", "t.reference"), ("title", "t.title"),
         ("credit_code", "(SELECT e.credit_code FROM enterprises e WHERE e.id = t.enterprise_id)"),
         ("enterprise_name", "(SELECT e.name FROM enterprises e WHERE e.id = t.enterprise_id)"),
         ("kind", "t.kind"), ("year", "t.year"),
         ("status", "t.status"), ("district_code", "t.district_code"), ("savings_tce", "t.savings_tce"),
         ("savings_tce_equal_value", "t.savings_tce_equal_value"),
         ("freed_land_m2", "round(t.freed_land_m2, 2)"), ("completed_on", "t.completed_on"),
         ("is_illustrative", "t.is_illustrative")),
        temporal=("make_date(t.year, 1, 1)", "make_date(t.year, 12, 31)"),
        queryables={"kind": ("t.kind", "string"), "status": ("t.status", "string"), "year": ("t.year", "integer"),
                    "district_code": ("t.district_code", "string"), "reference": ("t.reference", "string")},
        labels=(("kind_name", "project_kind", "t.kind"), ("status_name", "project_status", "t.status")),
        district_name=True,
    ),
    "zones": Collection(
        "zones", "zones t", "t.id", False, "t.geom", _intersects("t.geom"),
        (("kind", "t.kind"), ("name_zh", "t.name_zh"), ("name_en", "t.name_en"), ("district_code", "t.district_code"),
         ("area_m2", "round(t.area_m2, 2)"), ("is_illustrative", "t.is_illustrative")),
        queryables={"kind": ("t.kind", "string"), "district_code": ("t.district_code", "string")},
        labels=(("kind_name", "zone_kind", "t.kind"),), district_name=True,
    ),
    "districts": Collection(
        "districts", "districts t", "t.code", True, "t.geom", _intersects("t.geom"),
        # the code as a property too: GDAL and QGIS make a text id a field named "id", which no
        # district_code of another layer is joined to by name
        (("code", "t.code"), ("name_zh", "t.name_zh"), ("name_en", "t.name_en"), ("area_m2", "round(t.area_m2, 2)")),
    ),
}


@dataclass(frozen=True)
class Names:
    """The names of codes in the reader's language: ``labels_json`` maps vocabulary → code → name;
    ``lang`` is "en" for English district names, anything else for Chinese."""
    labels_json: str = "{}"
    lang: str = "zh"


@dataclass(frozen=True)
class FeatureFilter:
    bbox: tuple[float, float, float, float] | None = None  # lon/lat, storage SRID
    interval: tuple[date | None, date | None] | None = None  # closed; None = open end
    equals: tuple[tuple[str, str | int], ...] = ()  # queryable name → value
    project_scope: str | None = None  # district staff: own district code (drafts elsewhere hidden)


def _where(c: Collection, f: FeatureFilter) -> tuple[str, dict]:
    clauses, params = [c.where], {}
    if f.interval is None:
        clauses.append(c.default_where)
    elif c.temporal:
        start, end = c.temporal
        low, high = f.interval
        if high is not None:
            clauses.append(f"{start} <= :t_high")
            params["t_high"] = high
        if low is not None:
            clauses.append(f"{end} >= :t_low" if end == start else f"({end} IS NULL OR {end} >= :t_low)")
            params["t_low"] = low
    if f.bbox:
        clauses.append(c.bbox_sql)
        params.update(zip(("minx", "miny", "maxx", "maxy"), f.bbox))
    for i, (name, value) in enumerate(f.equals):
        clauses.append(f"{c.queryables[name][0]} = :q{i}")
        params[f"q{i}"] = value
    if c.id == "projects" and f.project_scope is not None:
        statuses = ", ".join(f"'{s}'" for s in READABLE_PROJECT_STATUSES)
        clauses.append(f"(t.status IN ({statuses}) OR t.district_code = :own_district)")
        params["own_district"] = f.project_scope
    return " AND ".join(clauses) or "TRUE", params


def _properties(c: Collection) -> list[tuple[str, str]]:
    """The collection's properties, each name of a code right after its code."""
    named = {sql: (name, f"((SELECT CAST(:labels AS jsonb)) -> '{vocabulary}' ->> {sql})") for name, vocabulary, sql in c.labels}
    if c.district_name:
        named["t.district_code"] = ("district_name", _DISTRICT_NAME)
    out = []
    for name, sql in c.properties:
        out.append((name, sql))
        if sql in named:
            out.append(named[sql])
    return out


def property_names(c: Collection) -> list[str]:
    return [name for name, _sql in _properties(c)]


def _feature_sql(c: Collection, flip_axes: bool, decimals: int) -> str:
    geom = f"ST_FlipCoordinates({c.geom_sql})" if flip_axes else c.geom_sql
    identifier = f"to_json({c.id_sql})::text"
    props = ", ".join(f"'{name}', {sql}" for name, sql in _properties(c))
    return ("'{\"type\":\"Feature\",\"id\":' || " + identifier
            + f" || ',\"geometry\":' || coalesce(ST_AsGeoJSON({geom}, {decimals}), 'null')"
            + f" || ',\"properties\":' || json_build_object({props})::text || '}}'")


def page(session: ReadSession, c: Collection, f: FeatureFilter, limit: int, offset: int, flip_axes: bool,
         names: Names, decimals: int = 9) -> tuple[int, str]:
    """(features matched in all, the page's features as GeoJSON text joined by commas), ordered by id.

    One statement, one round trip: the count and the page are two subqueries of the same SELECT.
    """
    where, params = _where(c, f)
    sql = (f"SELECT (SELECT count(*) FROM {c.table} WHERE {where}), "
           f"(SELECT string_agg(feature, ',') FROM (SELECT {_feature_sql(c, flip_axes, decimals)} AS feature "
           f"FROM {c.table} WHERE {where} ORDER BY {c.id_sql} LIMIT :limit OFFSET :offset) page)")
    params |= {"limit": limit, "offset": offset, "labels": names.labels_json, "lang": names.lang}
    matched, features = session.connection().execute(_statement(sql), params).one()
    return matched, features or ""


def one(session: Session, c: Collection, feature_id: str | int, flip_axes: bool, scope: str | None, names: Names,
        decimals: int = 9) -> str | None:
    where, params = _where(c, FeatureFilter(interval=(None, None), project_scope=scope))
    sql = f"SELECT {_feature_sql(c, flip_axes, decimals)} FROM {c.table} WHERE {c.id_sql} = :fid AND {where}"
    params |= {"fid": feature_id, "labels": names.labels_json, "lang": names.lang}
    return session.execute(_statement(sql), params).scalar_one_or_none()


# Each collection's extent: its bounding box (lon/lat) and its time span (ISO dates, None = open).
_EXTENTS = {
    "parcels": "SELECT ST_Extent(t.geom), min(t.valid_from), NULL::date FROM parcels t WHERE t.valid_to IS NULL",
    "freed_land": f"SELECT ST_Extent(t.geom), min(t.freed_on), max(t.freed_on) FROM parcels t WHERE {_FREED_LAND}",
    "projects": ("SELECT (SELECT ST_Extent(p.geom) FROM parcels p WHERE EXISTS "
                 "(SELECT 1 FROM project_parcels pp WHERE pp.parcel_id = p.id)), "
                 "make_date(min(t.year), 1, 1), make_date(max(t.year), 12, 31) FROM projects t"),
    "zones": "SELECT ST_Extent(t.geom), NULL::date, NULL::date FROM zones t",
    "districts": "SELECT ST_Extent(t.geom), NULL::date, NULL::date FROM districts t",
}


@dataclass(frozen=True)
class Extent:
    bbox: tuple[float, float, float, float] | None  # None: the collection is empty
    start: date | None = None
    end: date | None = None


def extent(session: Session, collection_id: str) -> Extent:
    """The collection's extent as its default items request (live parcels) finds it."""
    row = session.execute(text(
        f"SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), s, f FROM ({_EXTENTS[collection_id]}) x(e, s, f)"
    )).one()
    return Extent(tuple(row[:4]) if row[0] is not None else None, row[4], row[5])
