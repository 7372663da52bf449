"""SQL of bulk imports: a staging table filled by COPY, set-based checks and derivations, upserts.

Everything happens in the caller's transaction, in temporary tables dropped at its end: a
failed, aborted or killed import leaves nothing behind. Spatial predicates only ever see valid
geometries (GEOS may raise on invalid ones, which would abort the whole statement).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from geo.geometry import SRID_STORAGE
from registry.models import ImportMapping

STAGING = "import_staging"
ROWS = "import_rows"
PROBLEMS = "import_problems"
IDS = "import_ids"


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not an identifier: {name!r}")
    return name


# Readers of text values, created per import transaction (pg_temp). Date fields are read once,
# into ``<field>_date`` columns of import_rows, by build_rows.
_TEXT_READERS = """
CREATE OR REPLACE FUNCTION pg_temp.import_date(value text) RETURNS date LANGUAGE sql STABLE AS $$
    -- plain SQL, inlined by the planner (STABLE like the text-to-date cast; no exception block,
    -- which would cost a subtransaction per row). 'infinity' marks
    -- a value that is not a real YYYY-MM-DD date, for the check to report.
    SELECT CASE
        WHEN value IS NULL OR trim(value) = '' THEN NULL
        WHEN translate(substr(trim(value), 1, 10), '0123456789', '') <> '--' OR substr(trim(value), 5, 1) <> '-'
             OR substr(trim(value), 8, 1) <> '-' OR length(trim(value)) > 10 AND substr(trim(value), 11, 1) NOT IN (' ', 'T')
             OR substr(trim(value), 1, 4)::int < 1 OR substr(trim(value), 6, 2)::int NOT BETWEEN 1 AND 12
             OR substr(trim(value), 9, 2)::int < 1 THEN 'infinity'::date
        WHEN substr(trim(value), 9, 2)::int > (ARRAY[31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[substr(trim(value), 6, 2)::int]
             OR (substr(trim(value), 6, 5) = '02-29' AND NOT (substr(trim(value), 1, 4)::int % 4 = 0
                 AND (substr(trim(value), 1, 4)::int % 100 <> 0 OR substr(trim(value), 1, 4)::int % 400 = 0)))
             THEN 'infinity'::date
        ELSE substr(trim(value), 1, 10)::date END
$$;
CREATE OR REPLACE FUNCTION pg_temp.import_flag(value text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL OR trim(value) = '' THEN NULL
                WHEN lower(trim(value)) IN ('1', 'true', 't', 'yes', 'y', '是') THEN true
                WHEN lower(trim(value)) IN ('0', 'false', 'f', 'no', 'n', '否') THEN false END
$$;
"""
DATE_FIELDS = ("valid_from", "valid_to")


def create_staging(session: Session, fields: Sequence[str]) -> None:
    # JIT compiles each big statement (≈ 0.2 s apiece) and buys nothing for PostGIS calls.
    session.execute(text("SET LOCAL jit = off"))
    # Sorts and hash joins over a million staging rows stay in memory (the default 4 MB spills them).
    session.execute(text("SET LOCAL work_mem = '128MB'"))
    session.execute(text(_TEXT_READERS))
    columns = "".join(f", {_ident(f)} text" for f in fields)
    session.execute(text(f"CREATE TEMP TABLE {STAGING} (row_no bigint NOT NULL{columns}, wkb bytea) ON COMMIT DROP"))
    session.execute(text(
        f"CREATE TEMP TABLE {PROBLEMS} (row_no bigint NOT NULL, field text NOT NULL, value text, "
        "msgid text NOT NULL, params jsonb NOT NULL DEFAULT '{}', action text NOT NULL DEFAULT 'refused') "
        "ON COMMIT DROP"))


def copy_rows(session: Session, fields: Sequence[str], rows: Iterable[tuple]) -> None:
    """COPY ``rows`` (row_no, *fields, wkb) into the staging table, binary format."""
    cols = ", ".join(["row_no", *map(_ident, fields), "wkb"])
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY {STAGING} ({cols}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int8", *(["text"] * len(fields)), "bytea"])
            for row in rows:
                copy.write_row(row)


def build_rows(session: Session, fields: Sequence[str], srid: int, repair: bool, with_district: bool) -> None:
    """Staging → ``import_rows``: the geometry in the storage SRID, its validity, what would be
    stored (``geom``: repaired when asked), ``ok`` (a valid polygon), its point on surface
    (``pos``), its area for the plausibility check and, for parcels, its district (see
    ``_largest_part_district``) and zones (``import_row_zones``)."""
    cols = "".join(f", s.{_ident(f)}" for f in fields)
    cols += "".join(f", pg_temp.import_date(s.{f}) AS {f}_date" for f in fields if f in DATE_FIELDS)
    store = ("CASE WHEN g.valid OR g.geom_in IS NULL THEN g.geom_in "
             "ELSE ST_CollectionExtract(ST_MakeValid(g.geom_in), 3) END") if repair else "g.geom_in"
    if with_district:
        _place_pieces(session)
        district = f"CASE WHEN k.ok THEN {district_of_point('k.pos')} END"
        edge = f"k.ok AND {on_district_edge('k.geom')}"
    else:
        district, edge = "NULL::text", "false"
    session.execute(text(f"""
        CREATE TEMP TABLE {ROWS} ON COMMIT DROP AS
        SELECT k.*, {_CHECK_AREA_M2} AS area_m2, {district} AS derived_district, {edge} AS on_edge
        FROM (
            SELECT m.*, CASE WHEN m.ok THEN ST_PointOnSurface(m.geom) END AS pos
            FROM (
                SELECT m.*, (m.geom IS NOT NULL AND NOT ST_IsEmpty(m.geom)
                             AND GeometryType(m.geom) IN ('POLYGON', 'MULTIPOLYGON')
                             AND (m.valid OR m.geom IS DISTINCT FROM m.geom_in)) AS ok
                FROM (
                    SELECT s.row_no{cols}, g.geom_in, g.valid, {store} AS geom
                    FROM {STAGING} s
                    CROSS JOIN LATERAL (SELECT t.geom_in, ST_IsValid(t.geom_in) AS valid FROM (
                        SELECT CASE WHEN s.wkb IS NULL THEN NULL
                                    ELSE ST_Force2D(ST_Transform(ST_SetSRID(ST_GeomFromWKB(s.wkb), :srid), {SRID_STORAGE}))
                               END AS geom_in OFFSET 0) t) g
                    OFFSET 0  -- fences: without them the planner inlines and recomputes each expression
                ) m
                OFFSET 0
            ) m
            OFFSET 0
        ) k
    """), {"srid": srid})
    session.execute(text(f"DROP TABLE {STAGING}"))
    session.execute(text(f"ALTER TABLE {ROWS} ADD PRIMARY KEY (row_no)"))
    if with_district:
        _largest_part_district(session)
        _row_zones(session)


# The area check (10 m² to 50 km²) needs no geodesic precision except near its bounds: a spherical
# estimate (within 0.1 % of the ellipsoid at Shanghai's latitude) decides most rows, and the exact
# geodesic area — the costliest function of the import — is computed only for rows within 2 % of
# a bound. The stored area is always the table's own generated ST_Area(geom::geography).
_SPHERE_M2_PER_DEG2 = (6371008.8 * 3.141592653589793 / 180) ** 2
_APPROX_M2 = f"ST_Area(k.geom) * {_SPHERE_M2_PER_DEG2!r} * cos(radians(ST_Y(k.pos)))"
_CHECK_AREA_M2 = (f"CASE WHEN NOT k.ok THEN NULL "
                  f"WHEN {_APPROX_M2} BETWEEN 10.0 * 1.02 AND 50e6 / 1.02 THEN {_APPROX_M2} "
                  f"ELSE ST_Area(k.geom::geography) END")


TEMPORARIES = (STAGING, ROWS, PROBLEMS, IDS, "import_row_zones", "import_row_kinds", "import_memberships",
               "import_district_pieces", "import_district_edges", "import_zone_pieces", "import_moves")


def drop_temporaries(session: Session) -> None:
    """ON COMMIT DROP covers a real commit; inside an outer transaction (tests, savepoints) a
    "commit" only releases a savepoint, so drop them explicitly."""
    session.execute(text(f"DROP TABLE IF EXISTS {', '.join(TEMPORARIES)}"))


def count_rows(session: Session) -> int:
    return session.execute(text(f"SELECT count(*) FROM {ROWS}")).scalar_one()


def add_problems(session: Session, field: str, msgid: str, where: str, value: str = "NULL",
                 params: str = "'{}'::jsonb", action: str = "refused", binds: dict | None = None) -> None:
    """One rule, set-based: a problem for every row matching ``where`` (SQL over import_rows r)."""
    session.execute(text(f"""
        INSERT INTO {PROBLEMS} (row_no, field, value, msgid, params, action)
        SELECT r.row_no, CAST(:field AS text), ({value})::text, CAST(:msgid AS text), {params}, CAST(:action AS text) FROM {ROWS} r WHERE {where}
    """), {"field": field, "msgid": msgid, "action": action, **(binds or {})})


GEOMETRY_OK = "r.ok"  # a valid polygon (as given, or repaired)
NOT_REFUSED = f"NOT EXISTS (SELECT 1 FROM {PROBLEMS} p WHERE p.row_no = r.row_no AND p.action = 'refused')"


# Districts are large polygons with thousands of vertices: testing a million parcels against
# them directly costs minutes. Cut into small pieces (and their boundaries into short lines),
# the same answers come from cheap index probes.
PIECE_VERTICES = 64
# Boundary pieces stay short so that their boxes rarely overlap a parcel away from the boundary:
# the exact test then runs only for the few parcels near it.
EDGE_VERTICES = 8


def place_district_pieces(session: Session) -> None:
    """(Re)build the cut-up districts and their boundary pieces from ``districts`` as it is now."""
    session.execute(text(f"""
        DROP TABLE IF EXISTS import_district_pieces, import_district_edges;
        CREATE TEMP TABLE import_district_pieces ON COMMIT DROP AS
        SELECT code, ST_Subdivide(geom, {PIECE_VERTICES}) AS geom FROM districts;
        CREATE INDEX ON import_district_pieces USING gist (geom);
        CREATE TEMP TABLE import_district_edges ON COMMIT DROP AS
        SELECT code, ST_Subdivide(ST_Boundary(geom), {EDGE_VERTICES}) AS geom FROM districts;
        CREATE INDEX ON import_district_edges USING gist (geom);
        ANALYZE import_district_pieces; ANALYZE import_district_edges;
    """))


# The registry's district rule (geo.queries.derive_parcel_locations) at city scale, over the pieces
# (SQL fragments around a geometry expression; their aliases dp/de/dd stay clear of the caller's):
# a geometry touching no district boundary is covered by the district its point on surface lies in;
# one on a boundary goes to the district holding its largest part (none: outside Shanghai).
def district_of_point(pos: str) -> str:
    return f"(SELECT dp.code FROM import_district_pieces dp WHERE ST_Intersects(dp.geom, {pos}) LIMIT 1)"


def on_district_edge(geom: str) -> str:
    return f"EXISTS (SELECT 1 FROM import_district_edges de WHERE ST_Intersects(de.geom, {geom}))"


def district_of_largest_part(geom: str) -> str:
    return (f"(SELECT dd.code FROM districts dd WHERE ST_Intersects(dd.geom, {geom}) "
            f"ORDER BY ST_Area(ST_Intersection(dd.geom, {geom})) DESC, dd.code LIMIT 1)")


def _place_pieces(session: Session) -> None:
    place_district_pieces(session)
    session.execute(text(f"""
        CREATE TEMP TABLE import_zone_pieces ON COMMIT DROP AS
        SELECT id AS zone_id, ST_Subdivide(geom, {PIECE_VERTICES}) AS geom FROM zones;
        CREATE INDEX ON import_zone_pieces USING gist (geom);
        ANALYZE import_zone_pieces;
    """))


def _row_zones(session: Session) -> None:
    """Zones of each row by its point on surface (geo.queries' rule), against the cut-up zones,
    and the row's zone kind (stored with the parcel, so the parcel_zones triggers find it right).

    The points get an index and each zone piece looks up the points in it: PostGIS then prepares a
    piece once for all its points (its prepared-geometry cache), where looking up each point's
    pieces tests every point against a freshly read polygon — at 1M rows 2.5 s (+1.5 s for the
    index) instead of 16.5 s, the same pairs (docs/performance.md, session 6)."""
    session.execute(text(f"""
        CREATE INDEX ON {ROWS} USING gist (pos);
        CREATE TEMP TABLE import_row_zones ON COMMIT DROP AS
        SELECT DISTINCT r.row_no, z.zone_id FROM import_zone_pieces z JOIN {ROWS} r ON ST_Intersects(z.geom, r.pos)
        WHERE r.ok;
        CREATE INDEX ON import_row_zones (row_no);
        CREATE TEMP TABLE import_row_kinds ON COMMIT DROP AS
        SELECT rz.row_no, registry_zone_kind_of(array_agg(z.kind)) AS kind
        FROM import_row_zones rz JOIN zones z ON z.id = rz.zone_id GROUP BY rz.row_no;
        ALTER TABLE import_row_kinds ADD PRIMARY KEY (row_no);
    """))


def _largest_part_district(session: Session) -> None:
    """District of each row: the one covering it, else the one holding its largest part (the rule
    of geo.queries.derive_parcel_locations, set-based over the staging table).

    A row whose point on surface lies in district D and that touches no district boundary is
    covered by D; the few rows on a boundary (or in no piece) get the district holding their
    largest part — or none, outside Shanghai.
    """
    session.execute(text(f"""
        UPDATE {ROWS} r SET derived_district = {district_of_largest_part('r.geom')}
        WHERE r.ok AND (r.derived_district IS NULL OR r.on_edge)
    """))


def problem_counts(session: Session) -> tuple[int, int]:
    """(rows refused, rows repaired)."""
    row = session.execute(text(
        f"SELECT count(DISTINCT row_no) FILTER (WHERE action = 'refused'), "
        f"count(DISTINCT row_no) FILTER (WHERE action = 'repaired') FROM {PROBLEMS}")).one()
    return int(row[0]), int(row[1])


@dataclass(frozen=True)
class ProblemRow:
    row_no: int
    field: str
    value: str | None
    msgid: str
    params: dict[str, Any]
    action: str


def problems(session: Session, limit: int) -> list[ProblemRow]:
    rows = session.execute(text(
        f"SELECT row_no, field, value, msgid, params, action FROM {PROBLEMS} "
        f"ORDER BY row_no, action, field LIMIT :limit"), {"limit": limit})
    return [ProblemRow(*row) for row in rows]


def problem_total(session: Session) -> int:
    return session.execute(text(f"SELECT count(*) FROM {PROBLEMS}")).scalar_one()


def save_mapping(session: Session, target: str, name: str, profile: dict, user_id: int | None) -> None:
    statement = insert(ImportMapping).values(target=target, name=name, profile=profile, created_by=user_id)
    session.execute(statement.on_conflict_do_update(
        constraint="uq_import_mappings_target_name", set_={"profile": profile, "updated_at": text("now()")}))


def load_mapping(session: Session, target: str, name: str) -> dict | None:
    return session.scalar(select(ImportMapping.profile).where(ImportMapping.target == target,
                                                              ImportMapping.name == name))


def mapping_names(session: Session, target: str) -> list[str]:
    return list(session.scalars(select(ImportMapping.name).where(ImportMapping.target == target)
                                .order_by(ImportMapping.name)))
