"""Writing imported parcels: the upsert by code, their zone memberships, and a first load
written the way pg_restore writes (see registry/repositories/imports.py for the work tables)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Collection, Iterator

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry.repositories.import_freed import STATUS_WRITTEN
from registry.repositories.import_rules import create_ids
from registry.repositories.imports import IDS, NOT_REFUSED, ROWS

_PARCEL_VALUES = {
    "status": STATUS_WRITTEN,
    "valid_from": "coalesce(r.valid_from_date, current_date)",
    "valid_to": "r.valid_to_date",
    # blank: the freed date derived from the project that freed the parcel, the former use the trigger's
    # (migrations 0005 and 0046; the checks the file's values pass: import_freed.py)
    "freed_on": "r.freed_on_date",
    "former_use": "upper(nullif(trim(r.former_use), ''))",
    "is_illustrative": "coalesce(import_flag(r.is_illustrative), false)",
}


# A first load (an import bringing ≥ 10,000 rows and more than the table holds) is written the way
# pg_restore writes: inserting row by row into an index costs several times building it in one pass
# (three times for the GiST index), and a foreign key checked row by row (a locking lookup per row,
# two per zone membership) costs far more than validating it afterwards in one join. So the indexes
# no statement of the import reads are dropped and rebuilt, and the foreign keys of the written
# rows, the zone memberships' primary key and the validity check of the geometries (re-run per
# inserted row it costs three times one pass over the table) are dropped and added back — validated
# over every row — inside the same transaction. Both take exclusive locks on parcels and
# parcel_zones until the import commits: map readers wait, which is acceptable for an initial load
# and the reason smaller imports never do it.
FIRST_LOAD_MIN_ROWS = 10_000
_BUILT_LATER = ("ix_parcels_code_key", "ix_parcels_geom", "ix_parcels_district_status", "ix_parcel_zones_zone_id")
_CHECKED_LATER = ("ck_parcels_geom_valid", "fk_parcels_district_code_districts", "fk_parcel_zones_parcel_id_parcels",
                  "fk_parcel_zones_zone_id_zones", "pk_parcel_zones")


def _is_first_load(session: Session, rows: int) -> bool:
    if rows < FIRST_LOAD_MIN_ROWS:  # a small upload never counts a city's parcels
        return False
    existing = session.execute(text("SELECT count(*) FROM (SELECT FROM parcels LIMIT :rows) s"), {"rows": rows})
    return rows > existing.scalar_one()


def _suspend_first_load_checks(session: Session) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Drop the indexes and constraints; return the indexes' definitions and the constraints'
    (table, name, definition), as the catalogue gives them."""
    indexes = list(session.scalars(text(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND indexname = ANY(:names) ORDER BY indexname"),
        {"names": list(_BUILT_LATER)}))
    keys = [tuple(row) for row in session.execute(text(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype IN ('c', 'f', 'p') AND conname = ANY(:names) ORDER BY conname"), {"names": list(_CHECKED_LATER)})]
    for name in _BUILT_LATER:
        session.execute(text(f"DROP INDEX IF EXISTS public.{name}"))
    for table, name, _ in keys:
        session.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    return indexes, keys


def _restore_first_load_checks(session: Session, suspended: tuple[list[str], list[tuple[str, str, str]]]) -> None:
    indexes, keys = suspended
    for definition in indexes:
        session.execute(text(definition))
    for table, name, definition in keys:  # ADD validates every row: one pass, not a million lookups
        session.execute(text(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))


def _written_values(mapped: Collection[str], illustrative: bool) -> tuple[list[str], list[str], str]:
    """The columns an upsert writes, their expressions over ``import_rows r`` and the joins those need."""
    optional = [f for f in _PARCEL_VALUES if f in mapped]
    values = {**_PARCEL_VALUES}
    if illustrative:
        values["is_illustrative"] = "true"
        optional = sorted(set(optional) | {"is_illustrative"})
    joins = " LEFT JOIN import_row_kinds k ON k.row_no = r.row_no"
    if "status" not in mapped and {"freed_on", "former_use"} & set(mapped):
        # ON CONFLICT's proposed row passes the row triggers before it meets the parcel it updates: it
        # carries the parcel's status, or they take it for one in use and clear both (0046, 0047)
        optional, values["status"] = ["status", *optional], "coalesce(s.status, 'in_use')"
        joins += " LEFT JOIN parcels s ON s.code = trim(r.code)"
    cols = ["code", "geom", "area_m2", "land_use_class", "district_code", "zone_kind", *optional]
    exprs = ["trim(r.code)", "ST_Multi(r.geom)", "r.area_m2", "upper(trim(r.land_use_class))", "r.derived_district",
             "coalesce(k.kind, 'other')", *(values[f] for f in optional)]
    return cols, exprs, joins


# A blank freed date of a parcel not in use, as the freed date's trigger fills it in the UPDATE (migrations
# 0005 and 0047): from the project that freed the parcel ``p``. The proposed row does not say it: inserted
# first (ON CONFLICT), it has an id of its own, which no project holds, so its freed date stays blank and a
# freed parcel's derived date compared with that blank counted the same file as an update at every upload.
_DERIVED_FREED_ON = """(SELECT min(coalesce(pr.completed_on, make_date(pr.year, 12, 31)))
    FROM project_parcels pp JOIN projects pr ON pr.id = pp.project_id
    WHERE pp.parcel_id = p.id AND pr.kind = 'structural_adjustment' AND pr.status IN ('completed', 'verified'))"""


def _freed_on_written(row: str) -> str:
    """The freed date the upsert leaves on the parcel ``p`` for the proposed ``row`` (x, EXCLUDED)."""
    return (f"CASE WHEN {row}.status = 'in_use' THEN NULL "
            f"ELSE coalesce({row}.freed_on, {_DERIVED_FREED_ON}) END")


# What the row triggers make of a proposed row's values (0046's former use, 0047's freed date) and the
# stored type (a numeric area), which the upsert compares with the parcel: a dry run compares the same
# without writing.
_AS_PROPOSED = {
    "area_m2": "CAST(x.area_m2 AS numeric)",
    "freed_on": _freed_on_written("x"),
    "former_use": "CASE x.status WHEN 'in_use' THEN NULL WHEN 'redeveloped' THEN x.former_use "
                  "ELSE x.land_use_class END",
}


def would_update(session: Session, mapped: Collection[str], illustrative: bool) -> tuple[int, int]:
    """For a dry run, of the rows not refused: (how many name a registered parcel, how many of those
    the upsert would change) — its comparison, made without writing."""
    cols, exprs, joins = _written_values(mapped, illustrative)
    proposed = ", ".join(_AS_PROPOSED.get(c, f"x.{c}") for c in cols[1:])
    row = session.execute(text(f"""
        SELECT count(*), count(*) FILTER (WHERE ({", ".join(f"p.{c}" for c in cols[1:])}) IS DISTINCT FROM ({proposed}))
        FROM (SELECT {", ".join(f"{e} AS {c}" for c, e in zip(cols, exprs))} FROM {ROWS} r{joins} WHERE {NOT_REFUSED}) x
        JOIN parcels p ON p.code = x.code""")).one()
    return int(row[0]), int(row[1])


def upsert_parcels(session: Session, mapped: Collection[str], illustrative: bool, rows: int) -> None:
    """Insert or update by code the ``rows`` rows not refused; ``import_ids`` gets (id, inserted, code,
    row_no: known for a first load's new rows); the written parcels get the zones found for their rows
    (``import_row_zones``)."""
    create_ids(session, ", code text NOT NULL, row_no bigint")
    cols, exprs, joins = _written_values(mapped, illustrative)
    changed = ", ".join(f"p.{c}" for c in cols[1:])
    new = ", ".join(_freed_on_written("EXCLUDED") if c == "freed_on" else f"EXCLUDED.{c}" for c in cols[1:])
    first_load = _is_first_load(session, rows)
    suspended = _suspend_first_load_checks(session) if first_load else None
    good = f"SELECT {', '.join(exprs)} FROM {ROWS} r{joins} WHERE {NOT_REFUSED}"
    # A first load holds parcels locked (its index is dropped), so no other writer can add a code
    # before it commits: the rows with a known code are upserted and the others inserted plainly,
    # which saves ON CONFLICT's speculative insertion (a fifth of the time of a million-row insert).
    if first_load:
        _read_known_codes(session)
    with _written_by_import(session, "area_written"):  # the geodesic area, as the trigger would (0012)
        _write_ids(session, f"""
            INSERT INTO parcels AS p ({", ".join(cols)}) {good} {f"AND {_KNOWN}" if first_load else ""} {_IN_FILE_ORDER}
            ON CONFLICT (code) DO UPDATE SET {", ".join(f"{c} = EXCLUDED.{c}" for c in cols[1:])},
                version = p.version + 1, updated_at = now()
            WHERE ({changed}) IS DISTINCT FROM ({new})
            RETURNING p.id, (p.xmax = 0) AS inserted, p.code""")
        if first_load:
            suspended[1].extend(_set_aside_unique_codes(session))
            _number_new_rows(session)
            session.execute(text(f"""
                INSERT INTO parcels (id, {", ".join(cols)}) SELECT i.id, {", ".join(exprs)}
                FROM {ROWS} r JOIN {IDS} i ON i.row_no = r.row_no{joins} {_IN_FILE_ORDER}"""))
    session.execute(text(f"ANALYZE {IDS}"))  # for the plan of the joins below
    # Memberships of the written rows: drop those that no longer hold, add the new ones. A row numbered
    # before its insert finds its zones by its row number; an upserted one by its code.
    session.execute(text(f"""
        CREATE UNLOGGED TABLE import_memberships AS
        SELECT i.id AS parcel_id, z.zone_id, i.inserted FROM {IDS} i JOIN import_row_zones z ON z.row_no = i.row_no
        UNION ALL
        SELECT i.id, z.zone_id, i.inserted FROM {IDS} i JOIN {ROWS} r ON trim(r.code) = i.code
        JOIN import_row_zones z ON z.row_no = r.row_no WHERE i.row_no IS NULL AND {NOT_REFUSED}
    """))
    # The rows carry their zone kind already: the insert trigger may skip re-deriving it (migration
    # 0009). New memberships go in first, so the delete trigger then sees the final memberships.
    with _written_by_import(session, "zone_kind_written"):
        session.execute(text("""
            INSERT INTO parcel_zones (parcel_id, zone_id) SELECT parcel_id, zone_id FROM import_memberships WHERE inserted
            UNION ALL
            SELECT m.parcel_id, m.zone_id FROM import_memberships m WHERE NOT m.inserted AND NOT EXISTS
                (SELECT 1 FROM parcel_zones pz WHERE pz.parcel_id = m.parcel_id AND pz.zone_id = m.zone_id)
        """))
    if first_load:
        _restore_first_load_checks(session, suspended)
    session.execute(text(f"""
        DELETE FROM parcel_zones pz USING {IDS} i WHERE pz.parcel_id = i.id AND NOT i.inserted
        AND NOT EXISTS (SELECT 1 FROM import_memberships m WHERE m.parcel_id = pz.parcel_id AND m.zone_id = pz.zone_id)
    """))


# The code's unique index, set aside for the plain insert of a first load's new codes once the known
# ones are upserted (ON CONFLICT needs it). Inserted into row by row it cost as much as the rest of
# the insert (docs/performance.md, session 27); re-adding the constraint builds it in one pass and
# checks every code once more, and nobody else can write a code meanwhile (parcels is locked).
_UNIQUE_LATER = ("uq_parcels_code",)


def _set_aside_unique_codes(session: Session) -> list[tuple[str, str, str]]:
    """Drop the unique constraints of ``_UNIQUE_LATER``; return them as (table, name, definition)."""
    unique = [tuple(row) for row in session.execute(text(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'u' AND conname = ANY(:names) ORDER BY conname"), {"names": list(_UNIQUE_LATER)})]
    for table, name, _ in unique:
        session.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    return unique


# The rows whose code parcels already holds, read before writing: tested against parcels inside the
# INSERT, in file order, the planner may rescan parcels for each row while the same statement fills it.
_KNOWN = "EXISTS (SELECT 1 FROM import_known n WHERE n.row_no = r.row_no)"


def _read_known_codes(session: Session) -> None:
    session.execute(text(f"""
        CREATE UNLOGGED TABLE import_known AS SELECT r.row_no FROM {ROWS} r JOIN parcels e ON e.code = trim(r.code);
        ALTER TABLE import_known ADD PRIMARY KEY (row_no);
        ANALYZE import_known;
    """))


@contextmanager
def _written_by_import(session: Session, setting: str) -> Iterator[None]:
    """The statements inside write a value a trigger would derive: ``registry.<setting>`` tells the
    trigger to skip it, for them only. (On an error the transaction rolls back, and SET LOCAL with it.)"""
    session.execute(text(f"SET LOCAL registry.{setting} = on"))
    yield
    session.execute(text(f"SET LOCAL registry.{setting} = off"))


# New parcels get their ids in the file's order, whatever order parallel workers wrote the work
# tables in: the same file (or synthetic seed) always gives the same ids. (A first load numbers them
# beforehand; its insert keeps the order so that it merges the two row-number indexes, not hashes the
# work rows with their geometries, and writes the table in the ids' order.)
_IN_FILE_ORDER = "ORDER BY r.row_no"


def _write_ids(session: Session, insert: str) -> None:
    """Run ``insert``, returning (id, inserted, code), and keep what it returns in ``import_ids``."""
    session.execute(text(f"WITH up AS ({insert}) INSERT INTO {IDS} (id, inserted, code) SELECT id, inserted, code FROM up"))


def _number_new_rows(session: Session) -> None:
    """A first load's new parcels get their ids before they are written, drawn in file order from
    the parcels' own sequence, into ``import_ids`` with their row numbers: the insert then needs
    no ``RETURNING``, and their zones are found by row number, not by joining a million codes back
    to the work rows (docs/performance.md, session 33)."""
    # the sequence as a literal: read once when the statement is parsed (as a column default is), where
    # a name passed as a parameter would be looked up for every row
    sequence = session.execute(text("SELECT quote_literal(pg_get_serial_sequence('parcels', 'id'))")).scalar_one()
    session.execute(text(f"""
        INSERT INTO {IDS} (id, inserted, code, row_no)
        SELECT nextval({sequence}), true, n.code, n.row_no
        FROM (SELECT r.row_no, trim(r.code) AS code FROM {ROWS} r
              WHERE {NOT_REFUSED} AND NOT {_KNOWN} ORDER BY r.row_no) n;
        CREATE INDEX ON {IDS} (row_no);
    """))
