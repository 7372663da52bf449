"""SQL of bulk imports: a staging table filled by COPY, set-based checks and derivations, upserts.

Everything happens in the caller's transaction, in work tables of a schema private to the import
(``import_<random>``, first on the transaction's search_path), created in that transaction: a
failed, aborted or killed import leaves nothing behind, since PostgreSQL rolls the schema back with
the rest. Work tables are UNLOGGED tables rather than temporary ones because PostgreSQL runs a
statement over a temporary table in one process only; over these, the costly per-row geometry work
runs in parallel workers (docs/bulk-import.md). Spatial predicates only ever see valid geometries
(GEOS may raise on invalid ones, which would abort the whole statement).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from geo.geometry import SRID_STORAGE
from registry.domain.errors import N_
from registry.repositories.import_params import read_param

STAGING = "import_staging"
ROWS = "import_rows"
PROBLEMS = "import_problems"
IDS = "import_ids"


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not an identifier: {name!r}")
    return name


# Readers of text values, created in the work schema. Date fields are read once, into
# ``<field>_date`` columns of import_rows, by build_rows. PARALLEL SAFE lets parallel workers run
# the statements that use them.
_TEXT_READERS = """
CREATE FUNCTION import_date(value text) RETURNS date LANGUAGE sql STABLE PARALLEL SAFE AS $$
    -- plain SQL, inlined by the planner (STABLE like the text-to-date cast; no exception block,
    -- which would cost a subtransaction per row). 'infinity' marks
    -- a value that is not written as YYYY-MM-DD, '-infinity' one written so whose month or day
    -- does not exist (2017-02-30), for the checks to say which (registry/domain/days.py).
    SELECT CASE
        WHEN value IS NULL OR trim(value) = '' THEN NULL
        WHEN translate(substr(trim(value), 1, 10), '0123456789', '') <> '--' OR substr(trim(value), 5, 1) <> '-'
             OR substr(trim(value), 8, 1) <> '-' OR length(trim(value)) > 10 AND substr(trim(value), 11, 1) NOT IN (' ', 'T')
             OR substr(trim(value), 1, 4)::int < 1 THEN 'infinity'::date
        WHEN substr(trim(value), 6, 2)::int NOT BETWEEN 1 AND 12 OR substr(trim(value), 9, 2)::int < 1
             OR substr(trim(value), 9, 2)::int > (ARRAY[31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[substr(trim(value), 6, 2)::int]
             OR (substr(trim(value), 6, 5) = '02-29' AND NOT (substr(trim(value), 1, 4)::int % 4 = 0
                 AND (substr(trim(value), 1, 4)::int % 100 <> 0 OR substr(trim(value), 1, 4)::int % 400 = 0)))
             THEN '-infinity'::date
        ELSE substr(trim(value), 1, 10)::date END
$$;
CREATE FUNCTION import_flag(value text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN value IS NULL OR trim(value) = '' THEN NULL
                WHEN lower(trim(value)) IN ('1', 'true', 't', 'yes', 'y', '是') THEN true
                WHEN lower(trim(value)) IN ('0', 'false', 'f', 'no', 'n', '否') THEN false END
$$;
"""
DATE_FIELDS = ("valid_from", "valid_to", "freed_on")


def create_staging(session: Session, fields: Sequence[str]) -> None:
    # JIT compiles each big statement (≈ 0.2 s apiece) and buys nothing for PostGIS calls.
    session.execute(text("SET LOCAL jit = off"))
    # Sorts and hash joins over a million staging rows stay in memory (the default 4 MB spills them).
    session.execute(text("SET LOCAL work_mem = '128MB'"))
    _enter_work_schema(session)
    session.execute(text(_TEXT_READERS))
    columns = "".join(f", {_ident(f)} text" for f in fields)
    session.execute(text(f"CREATE UNLOGGED TABLE {STAGING} (row_no bigint NOT NULL{columns}, wkb bytea)"))
    session.execute(text(
        f"CREATE UNLOGGED TABLE {PROBLEMS} (row_no bigint NOT NULL, field text NOT NULL, value text, "
        "msgid text NOT NULL, params jsonb NOT NULL DEFAULT '{}', action text NOT NULL DEFAULT 'refused')"))


WORK_SCHEMA_PREFIX = "import_"
_OUTER_PATH = "registry.import_outer_search_path"


def _enter_work_schema(session: Session) -> None:
    """Create the import's own schema and put it first on the search path, for this transaction."""
    name = WORK_SCHEMA_PREFIX + session.execute(text("SELECT replace(gen_random_uuid()::text, '-', '')")).scalar_one()
    outer = session.execute(text("SELECT current_setting('search_path')")).scalar_one()
    session.execute(text(f'CREATE SCHEMA "{name}"'))
    session.execute(text("SELECT set_config(:key, :outer, true), set_config('search_path', :path, true)"),
                    {"key": _OUTER_PATH, "outer": outer, "path": f'"{name}", {outer}'})


def _work_schema(session: Session) -> str | None:
    name = session.execute(text("SELECT current_schema()")).scalar_one()
    return name if name and name.startswith(WORK_SCHEMA_PREFIX) else None


def copy_rows(session: Session, fields: Sequence[str], rows: Iterable[tuple]) -> None:
    """COPY ``rows`` (row_no, *fields, wkb) into the staging table, binary format."""
    cols = ", ".join(["row_no", *map(_ident, fields), "wkb"])
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY {STAGING} ({cols}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["int8", *(["text"] * len(fields)), "bytea"])
            for row in rows:
                copy.write_row(row)


def build_rows(session: Session, fields: Sequence[str], srid: int, repair: bool) -> None:
    """Staging → ``import_rows``: the geometry in the storage SRID, its validity, what would be
    stored (``geom``: repaired when asked), ``ok`` (a valid polygon), its point on surface
    (``pos``) and its geodesic area, in parallel workers. Parcels are then located by
    ``import_places.locate_rows``; ``key_rows`` adds the primary key last.

    A geometry PostGIS cannot read (a ring of fewer than four points, an unclosed ring) or
    transform makes it raise, which would end the whole statement. The statement therefore runs
    in a savepoint: when it fails so, the rows at fault are found, refused and read as having no
    geometry, and the statement runs again. A file without such rows pays one savepoint."""
    try:
        with session.begin_nested():
            _build_rows(session, fields, srid, repair)
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != _POSTGIS_ERROR or not _refuse_unreadable(session, srid):
            raise
        _build_rows(session, fields, srid, repair)


# lwerror() of PostGIS (and of its WKB parser) raises SQLSTATE XX000, "internal error".
_POSTGIS_ERROR = "XX000"
UNREADABLE_GEOMETRY = {  # a fragment of PostGIS's message → what the report says
    "four points": N_("geometry is unreadable: a ring has fewer than four points"),
    "closed rings": N_("geometry is unreadable: a ring is not closed"),
    "": N_("geometry is unreadable or its coordinates cannot be converted to WGS 84"),
}


def _read_geometry(wkb: str, srid: int) -> str:
    return f"ST_Force2D(ST_Transform(ST_SetSRID(ST_GeomFromWKB({wkb}), {int(srid)}), {SRID_STORAGE}))"


def _refuse_unreadable(session: Session, srid: int) -> int:
    """Refuse each staging row whose geometry cannot be read (and drop it); how many.

    One subtransaction per row, in one process: slow, but only for a file that has such a row."""
    session.execute(text(f"""
        CREATE FUNCTION import_unreadable(wkb bytea) RETURNS text LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE AS $$
        BEGIN
            PERFORM {_read_geometry("wkb", srid)};
            RETURN NULL;
        EXCEPTION WHEN OTHERS THEN
            RETURN SQLERRM;
        END $$"""))
    cases = list(UNREADABLE_GEOMETRY.items())
    found = "".join(f" WHEN strpos(x.error, :fragment{i}) > 0 THEN :msgid{i}" for i in range(len(cases)))
    binds = {f"{key}{i}": value for i, case in enumerate(cases) for key, value in zip(("fragment", "msgid"), case)}
    refused = session.execute(text(f"""
        INSERT INTO {PROBLEMS} (row_no, field, msgid)
        SELECT x.row_no, 'geometry', CASE{found} END
        FROM (SELECT s.row_no, import_unreadable(s.wkb) AS error FROM {STAGING} s WHERE s.wkb IS NOT NULL) x
        WHERE x.error IS NOT NULL"""), binds).rowcount
    session.execute(text(f"UPDATE {STAGING} s SET wkb = NULL FROM {PROBLEMS} p "
                         f"WHERE p.row_no = s.row_no AND p.field = 'geometry'"))
    return refused


def _build_rows(session: Session, fields: Sequence[str], srid: int, repair: bool) -> None:
    cols = "".join(f", s.{_ident(f)}" for f in fields)
    cols += "".join(f", import_date(s.{f}) AS {f}_date" for f in fields if f in DATE_FIELDS)
    read = f"CASE WHEN s.wkb IS NULL THEN NULL ELSE {_read_geometry('s.wkb', srid)} END"
    store = ("CASE WHEN v.valid OR g.geom_in IS NULL THEN g.geom_in "
             "ELSE ST_CollectionExtract(ST_MakeValid(g.geom_in), 3) END") if repair else "g.geom_in"
    ok = ("st.geom IS NOT NULL AND NOT ST_IsEmpty(st.geom) AND GeometryType(st.geom) IN ('POLYGON', 'MULTIPOLYGON') "
          "AND (v.valid OR st.geom IS DISTINCT FROM g.geom_in)")
    session.execute(text(f"""
        CREATE UNLOGGED TABLE {ROWS} AS
        SELECT s.row_no{cols}{", g.geom_in" if repair else ""}, v.valid, st.geom, o.ok, p.pos, {_AREA_M2} AS area_m2
        FROM {STAGING} s
        {_once("g(geom_in)", read)}
        {_once("v(valid)", "ST_IsValid(g.geom_in)")}
        {_once("st(geom)", store)}
        {_once("o(ok)", ok)}
        {_once("p(pos)", "CASE WHEN o.ok THEN ST_PointOnSurface(st.geom) END")}
    """))
    session.execute(text(f"DROP TABLE {STAGING}"))


def key_rows(session: Session) -> None:
    session.execute(text(f"ALTER TABLE {ROWS} ADD PRIMARY KEY (row_no)"))


def _once(alias: str, expression: str) -> str:
    """A lateral column computed once per row: the planner neither inlines it into each use (it
    would recompute it) nor needs an OFFSET 0 fence, which would keep parallel workers out."""
    return f"CROSS JOIN LATERAL unnest(ARRAY[{expression}]) AS {alias}"


# The geodesic area, in parallel workers: the parcel's stored area (written by the upsert, see
# migration 0012) and the plausibility check's. It is the costliest function of the import.
_AREA_M2 = "CASE WHEN o.ok THEN ST_Area(st.geom::geography) END"


def drop_work_schema(session: Session) -> None:
    """Before the import commits: drop its schema and give the transaction its search path back
    (a rollback does both by itself)."""
    name = _work_schema(session)
    if name is None:
        return
    session.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    session.execute(text("SELECT set_config('search_path', current_setting(:key), true)"), {"key": _OUTER_PATH})


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
# The geometry as the file gave it (in the storage SRID), by ``repair``: without repair it is the
# one to store, so import_rows keeps it once (a million geometries less to write and read).
GIVEN_GEOMETRY = {True: "r.geom_in", False: "r.geom"}
NOT_REFUSED = f"NOT EXISTS (SELECT 1 FROM {PROBLEMS} p WHERE p.row_no = r.row_no AND p.action = 'refused')"


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
    params: dict[str, Any]  # a district as a DistrictRef (district_param), a list as Listed
    action: str


def problems(session: Session, limit: int) -> list[ProblemRow]:
    rows = session.execute(text(
        f"SELECT row_no, field, value, msgid, params, action FROM {PROBLEMS} "
        f"ORDER BY row_no, action, field LIMIT :limit"), {"limit": limit})
    return [ProblemRow(no, field, value, msgid, {k: read_param(v) for k, v in params.items()}, action)
            for no, field, value, msgid, params, action in rows]


def problem_total(session: Session) -> int:
    return session.execute(text(f"SELECT count(*) FROM {PROBLEMS}")).scalar_one()
