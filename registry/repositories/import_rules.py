"""The checks of parcel, zone and district imports and the upserts of zones and districts, each one
set-based statement over the staging table ``import_rows r`` (see registry/repositories/imports.py;
parcels are written by registry/repositories/parcel_writes.py)."""
from __future__ import annotations

from typing import Collection

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry.domain.days import NO_SUCH_DAY, NO_SUCH_MONTH
from registry.domain.errors import N_
from registry.domain.geometry_reasons import INVALID_GEOMETRY
from registry.domain.land import MAX_PARCEL_M2, MIN_PARCEL_M2
from registry.domain.messages import NO_SUCH_DISTRICT_CODE, NOT_ON_THE_LIST
from registry.domain.typed_values import MONTH_ONLY, YEAR_ONLY
from registry.repositories.import_places import live_parcel_districts
from registry.repositories.import_params import VOCABULARIES, choices_param, district_param, month_param
from registry.repositories.import_freed import check_freed_land
from registry.repositories.imports import (DATE_FIELDS, GEOMETRY_OK, GIVEN_GEOMETRY, IDS, NOT_REFUSED, PROBLEMS, ROWS,
                                          add_problems)

BAD_DATE = "'infinity'::date"  # import_date's marks (registry/repositories/imports.py)
NO_SUCH_DATE = "'-infinity'::date"

# A refused value's line shows it (the report's 值 column, the page's Value column, the command line's
# 用地性质 = “M9”): these reasons, unlike the forms' (UNKNOWN_VALUE, NOT_A_DAY), do not quote it again
NOT_A_FILE_DAY = N_("must be a date written as YYYY-MM-DD")
# a year or a month without the rest (2024, 2024-06, 2024年6月): said to lack it, as the project
# workbook says it (registry/domain/typed_values.py), not to be in the wrong format
_YEAR_ONLY = "^[0-9]{4}\\s*年?$"
_MONTH_ONLY = "^([0-9]{4})\\s*(?:[-/.]\\s*([0-9]{1,2})|年\\s*([0-9]{1,2})\\s*月)$"


def _sql_list(values: Collection[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def check_geometries(session: Session, repair: bool) -> None:
    """Missing, empty, not polygonal, invalid (or repaired, with what changed)."""
    given = GIVEN_GEOMETRY[repair]
    add_problems(session, "geometry", N_("geometry is missing or unreadable"),  # unless build_rows said why
                 f"{given} IS NULL AND NOT EXISTS (SELECT 1 FROM {PROBLEMS} p WHERE p.row_no = r.row_no)")
    add_problems(session, "geometry", N_("geometry is empty"), f"{given} IS NOT NULL AND ST_IsEmpty({given})")
    add_problems(session, "geometry", N_("must be a polygon or multipolygon, got “%(type)s”"),
                 f"NOT ST_IsEmpty({given}) AND GeometryType({given}) NOT IN ('POLYGON', 'MULTIPOLYGON')",
                 params=f"jsonb_build_object('type', GeometryType({given}))")
    invalid = f"NOT r.valid AND GeometryType({given}) IN ('POLYGON', 'MULTIPOLYGON') AND NOT ST_IsEmpty({given})"
    reason = f"ST_IsValidReason({given})"
    if not repair:
        # its reason GEOS's English, said in the reader's words with the report (features._said)
        add_problems(session, "geometry", INVALID_GEOMETRY, invalid,
                     params=f"jsonb_build_object('reason', {reason})")
        return
    add_problems(session, "geometry", N_("geometry is invalid and cannot be repaired: %(reason)s"),
                 f"{invalid} AND (r.geom IS NULL OR ST_IsEmpty(r.geom))",
                 params=f"jsonb_build_object('reason', {reason})")
    add_problems(
        session, "geometry",
        N_("repaired (%(reason)s): area %(before).0f m² → %(after).0f m², %(parts_before)d → %(parts)d part(s), "
           "%(points_before)d → %(points)d points"),
        f"{invalid} AND r.geom IS NOT NULL AND NOT ST_IsEmpty(r.geom)",
        params=(f"jsonb_build_object('reason', {reason}, 'before', ST_Area(r.geom_in::geography), "
                "'after', ST_Area(r.geom::geography), 'parts_before', ST_NumGeometries(r.geom_in), "
                "'parts', ST_NumGeometries(r.geom), 'points_before', ST_NPoints(r.geom_in), "
                "'points', ST_NPoints(r.geom))"),
        action="repaired")


def check_required(session: Session, field: str) -> None:
    add_problems(session, field, N_("is required"), f"coalesce(trim(r.{field}), '') = ''")


def check_unique(session: Session, fields: tuple[str, ...], label: str) -> None:
    """Every row after the first with the same key (trimmed) is refused, naming the first."""
    key = ", ".join(f"trim(r.{f})" for f in fields)
    session.execute(text(f"""
        INSERT INTO {PROBLEMS} (row_no, field, value, msgid, params)
        SELECT x.row_no, :label, x.key, :msgid, jsonb_build_object('first', x.first)
        FROM (SELECT r.row_no, concat_ws(' / ', {key}) AS key,
                     min(r.row_no) OVER (PARTITION BY {key}) AS first
              FROM {ROWS} r WHERE {" AND ".join(f"coalesce(trim(r.{f}), '') <> ''" for f in fields)}) x
        WHERE x.row_no > x.first
    """), {"label": label, "msgid": N_("repeats the value of row %(first)s: a file may hold it once")})


def check_one_of(session: Session, field: str, vocabulary: str, normalise: str, required: bool) -> None:
    """The value, ``normalise``d, is a code of ``VOCABULARIES[vocabulary]`` (the refusal names them all)."""
    value = normalise.format(f"r.{field}")
    blank = f"coalesce(trim(r.{field}), '') = ''"
    where = f"({value} NOT IN ({_sql_list(VOCABULARIES[vocabulary])}) AND NOT {blank})"
    add_problems(session, field, NOT_ON_THE_LIST, where, value=f"r.{field}",
                 params=f"jsonb_build_object('allowed', {choices_param(vocabulary)})")
    if required:
        check_required(session, field)


def check_dates(session: Session, mapped: Collection[str]) -> None:
    for field in DATE_FIELDS:  # a freed date too (import_freed.py judges it against the status)
        if field in mapped:
            _check_days_in_no_form(session, field)
            _check_days_that_do_not_exist(session, field)
    if {"valid_from", "valid_to"} <= set(mapped):
        add_problems(session, "valid_to", N_("is before the day it is in force from"),
                     "r.valid_to_date < r.valid_from_date AND isfinite(r.valid_to_date) AND isfinite(r.valid_from_date)",
                     value="r.valid_to")  # not for a date refused above
    if "is_illustrative" in mapped:
        add_problems(session, "is_illustrative", N_("must be yes or no (是/否, true/false, 1/0)"),
                     "import_flag(r.is_illustrative) IS NULL AND coalesce(trim(r.is_illustrative), '') <> ''",
                     value="r.is_illustrative")


def _check_days_in_no_form(session: Session, field: str) -> None:
    """Not written as YYYY-MM-DD: a year alone or a month without its day said to lack the rest."""
    value, bad = f"trim(r.{field})", f"r.{field}_date = {BAD_DATE}"
    found = f"regexp_match({value}, '{_MONTH_ONLY}')"
    month = f"coalesce(({found})[2], ({found})[3])::int"
    year_only = f"({value} ~ '{_YEAR_ONLY}' AND left({value}, 4)::int > 0)"
    month_only = f"({value} ~ '{_MONTH_ONLY}' AND left({value}, 4)::int > 0 AND {month} BETWEEN 1 AND 12)"
    add_problems(session, field, YEAR_ONLY, f"{bad} AND {year_only}", value=f"r.{field}",
                 params=f"jsonb_build_object('year', left({value}, 4)::int)")
    year_month = f"left({value}, 4) || '-' || {month}"
    add_problems(session, field, MONTH_ONLY, f"{bad} AND {month_only}", value=f"r.{field}",
                 params=f"jsonb_build_object('month', {month_param(year_month)})")
    add_problems(session, field, NOT_A_FILE_DAY, f"{bad} AND NOT {year_only} AND NOT {month_only}", value=f"r.{field}")


def _check_days_that_do_not_exist(session: Session, field: str) -> None:
    """2017-02-30 is said not to exist, as the forms say it (registry/domain/days.py)."""
    month = f"substr(trim(r.{field}), 6, 2)::int"
    missing = f"r.{field}_date = {NO_SUCH_DATE}"
    add_problems(session, field, NO_SUCH_MONTH, f"{missing} AND {month} NOT BETWEEN 1 AND 12", value=f"r.{field}",
                 params=f"jsonb_build_object('month', {month})")
    add_problems(session, field, NO_SUCH_DAY, f"{missing} AND {month} BETWEEN 1 AND 12", value=f"r.{field}",
                 params=f"jsonb_build_object('month', {month_param(f'substr(trim(r.{field}), 1, 7)')}, "
                        f"'day', substr(trim(r.{field}), 9, 2)::int)")


# --- parcels ---------------------------------------------------------------------------------------
def check_parcels(session: Session, mapped: Collection[str], own_district: str | None) -> None:
    check_required(session, "code")
    check_unique(session, ("code",), "code")
    check_one_of(session, "land_use_class", "land_use_class", "upper(trim({}))", required=True)
    if "status" in mapped:
        check_one_of(session, "status", "parcel_status", "lower(trim({}))", required=False)
    if "former_use" in mapped:
        check_one_of(session, "former_use", "land_use_class", "upper(trim({}))", required=False)
    check_dates(session, mapped)
    check_freed_land(session, mapped)
    add_problems(session, "geometry", N_("implausible area %(area).1f m² (allowed 10 m² to 50 km²)"),
                 f"{GEOMETRY_OK} AND r.area_m2 NOT BETWEEN :low AND :high",
                 params="jsonb_build_object('area', r.area_m2)",
                 binds={"low": MIN_PARCEL_M2, "high": MAX_PARCEL_M2})
    add_problems(session, "geometry", N_("lies outside every district of Shanghai"),
                 f"{GEOMETRY_OK} AND r.derived_district IS NULL")
    if own_district is not None:
        # the district by its name and its code, in the reason: as the value it stood bare (310112), and
        # the file holds a shape there, not a code
        add_problems(session, "geometry", N_("lies in district %(found)s (%(code)s), outside your district %(own)s"),
                     "r.derived_district <> :own",
                     params=f"jsonb_build_object('found', {district_param('r.derived_district')}, "
                            f"'code', r.derived_district, 'own', {district_param('CAST(:own AS text)')})",
                     binds={"own": own_district})
        other = district_param("(SELECT p.district_code FROM parcels p WHERE p.code = trim(r.code))")
        add_problems(session, "code", N_("this parcel belongs to district %(other)s; you may not change it"),
                     "EXISTS (SELECT 1 FROM parcels p WHERE p.code = trim(r.code) "
                     "AND p.district_code IS DISTINCT FROM :own)", value="r.code",
                     params=f"jsonb_build_object('other', {other})",
                     binds={"own": own_district})


def _rederive_zones(session: Session) -> None:
    """Membership of the written zones, by point on surface (geo.queries' rule). Only memberships
    that change are deleted or added, so the zone-kind triggers rewrite only parcels that change."""
    session.execute(text(f"""
        DELETE FROM parcel_zones pz USING {IDS} i, zones z, parcels p
        WHERE pz.zone_id = i.id AND z.id = i.id AND p.id = pz.parcel_id
          AND NOT ST_Intersects(z.geom, ST_PointOnSurface(p.geom))
    """))
    session.execute(text(f"""
        INSERT INTO parcel_zones (parcel_id, zone_id)
        SELECT p.id, z.id FROM {IDS} i JOIN zones z ON z.id = i.id
        JOIN parcels p ON ST_Intersects(z.geom, ST_PointOnSurface(p.geom))
        ON CONFLICT DO NOTHING
    """))


def create_ids(session: Session, key: str = "") -> None:
    session.execute(text(f"CREATE UNLOGGED TABLE {IDS} (id bigint PRIMARY KEY, inserted boolean{key})"))


def would_update(session: Session, target: str, mapped: Collection[str], illustrative: bool) -> tuple[int, int]:
    """For a dry run of zones or districts, of the rows not refused: (how many name a registered
    record, how many of those the upsert would change), as its comparison finds it, without writing
    (parcels: parcel_writes.would_update)."""
    key, values, table = (("kind, name_zh", _zone_values(mapped, illustrative), "zones") if target == "zones" else
                          ("code", _district_values(mapped), "districts"))
    compared = [c for c in values if c not in key.split(", ")]
    row = session.execute(text(f"""
        SELECT count(*), count(*) FILTER (WHERE ({", ".join(f"t.{c}" for c in compared)})
                                          IS DISTINCT FROM ({", ".join(f"x.{c}" for c in compared)}))
        FROM (SELECT {", ".join(f"{e} AS {c}" for c, e in values.items())} FROM {ROWS} r WHERE {NOT_REFUSED}) x
        JOIN {table} t USING ({key})""")).one()
    return int(row[0]), int(row[1])


# --- zones -----------------------------------------------------------------------------------------
def check_zones(session: Session, mapped: Collection[str]) -> None:
    check_one_of(session, "kind", "zone_kind", "lower(trim({}))", required=True)
    check_required(session, "name_zh")
    check_unique(session, ("kind", "name_zh"), "kind/name_zh")
    check_dates(session, mapped)
    if "district_code" in mapped:
        add_problems(session, "district_code", NO_SUCH_DISTRICT_CODE,
                     "coalesce(trim(r.district_code), '') <> '' AND NOT EXISTS "
                     "(SELECT 1 FROM districts d WHERE d.code = trim(r.district_code))", value="r.district_code")
    add_problems(session, "geometry", N_("lies outside every district of Shanghai"),
                 f"{GEOMETRY_OK} AND NOT EXISTS (SELECT 1 FROM districts d WHERE ST_Intersects(d.geom, r.geom))")


def _zone_values(mapped: Collection[str], illustrative: bool) -> dict[str, str]:
    """The columns a zone's upsert writes and their expressions over ``import_rows r``."""
    name_en = "coalesce(nullif(trim(r.name_en), ''), trim(r.name_zh))" if "name_en" in mapped else "trim(r.name_zh)"
    given = "nullif(trim(r.district_code), '')" if "district_code" in mapped else "NULL"
    flag = "true" if illustrative else (
        "coalesce(import_flag(r.is_illustrative), false)" if "is_illustrative" in mapped else "false")
    return {"kind": "lower(trim(r.kind))", "name_zh": "trim(r.name_zh)", "name_en": name_en,
            "district_code": f"coalesce({given}, (SELECT d.code FROM districts d "
                             "WHERE ST_Intersects(d.geom, ST_PointOnSurface(r.geom)) ORDER BY d.code LIMIT 1))",
            "geom": "ST_Multi(r.geom)", "is_illustrative": flag}


def upsert_zones(session: Session, mapped: Collection[str], illustrative: bool) -> None:
    create_ids(session)
    values = _zone_values(mapped, illustrative)
    session.execute(text(f"""
        WITH up AS (
            INSERT INTO zones AS z ({", ".join(values)})
            SELECT {", ".join(values.values())}
            FROM {ROWS} r WHERE {NOT_REFUSED}
            ON CONFLICT (kind, name_zh) DO UPDATE SET name_en = EXCLUDED.name_en,
                district_code = EXCLUDED.district_code, geom = EXCLUDED.geom,
                is_illustrative = EXCLUDED.is_illustrative, updated_at = now()
            WHERE (z.name_en, z.district_code, z.geom, z.is_illustrative)
                  IS DISTINCT FROM (EXCLUDED.name_en, EXCLUDED.district_code, EXCLUDED.geom, EXCLUDED.is_illustrative)
            RETURNING z.id, (z.xmax = 0) AS inserted)
        INSERT INTO {IDS} SELECT id, inserted FROM up
    """))
    _rederive_zones(session)


# --- districts -------------------------------------------------------------------------------------
def check_districts(session: Session) -> None:
    check_required(session, "code")
    add_problems(session, "code", N_("must be a 6-digit GB/T 2260 code"),
                 "coalesce(trim(r.code), '') <> '' AND trim(r.code) !~ '^[1-8][0-9]{5}$'", value="r.code")
    check_unique(session, ("code",), "code")
    check_required(session, "name_zh")


def _district_values(mapped: Collection[str]) -> dict[str, str]:
    """The columns a district's upsert writes and their expressions over ``import_rows r``."""
    name_en = "coalesce(nullif(trim(r.name_en), ''), trim(r.name_zh))" if "name_en" in mapped else "trim(r.name_zh)"
    return {"code": "trim(r.code)", "name_zh": "trim(r.name_zh)", "name_en": name_en, "geom": "ST_Multi(r.geom)"}


def upsert_districts(session: Session, mapped: Collection[str]) -> None:
    create_ids(session)
    values = _district_values(mapped)
    session.execute(text(f"""
        WITH up AS (
            INSERT INTO districts AS d ({", ".join(values)})
            SELECT {", ".join(values.values())} FROM {ROWS} r WHERE {NOT_REFUSED}
            ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
                geom = EXCLUDED.geom
            WHERE (d.name_zh, d.name_en, d.geom) IS DISTINCT FROM (EXCLUDED.name_zh, EXCLUDED.name_en, EXCLUDED.geom)
            RETURNING d.code, (d.xmax = 0) AS inserted)
        INSERT INTO {IDS} SELECT row_number() OVER (), inserted FROM up
    """))


def reassign_parcel_districts(session: Session) -> list[tuple[str | None, str | None, int]]:
    """Give every live parcel the district the boundaries now say (the import's rule); (from, to,
    parcels) per move. ``to`` None: the parcel now lies outside every district and keeps its own."""
    live_parcel_districts(session)
    session.execute(text("""
        CREATE UNLOGGED TABLE import_moves AS
        SELECT id, old, new FROM import_parcel_districts WHERE new IS DISTINCT FROM old;
        UPDATE parcels p SET district_code = m.new FROM import_moves m WHERE p.id = m.id AND m.new IS NOT NULL;
    """))
    return [tuple(row) for row in session.execute(text(
        "SELECT old, new, count(*) FROM import_moves GROUP BY old, new ORDER BY old, new NULLS LAST"))]


def written_counts(session: Session) -> tuple[int, int]:
    """(inserted, updated) by the upsert."""
    row = session.execute(text(
        f"SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM {IDS}")).one()
    return int(row[0]), int(row[1])
