"""SQL of bulk project loads: checked projects are COPYed into a temporary staging table, then
written by one ``INSERT … SELECT`` (so the statement-level triggers on ``projects`` keeping
``project_history`` and ``rollup_cells`` run once) and their parcel links by another.

Everything happens in the caller's transaction; the temporary tables are dropped at its end
(and explicitly, for callers inside an outer transaction).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterable, Iterator

from psycopg import Copy
from sqlalchemy import Text, any_, cast, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from registry.models import Parcel

STAGED = "import_projects_staged"
IDS = "import_projects_ids"

# Columns of ``projects`` written from the staging table, in staging order.
COLUMNS = (
    "reference", "title", "kind", "year", "status", "district_code", "structural_mode", "inputs",
    "savings_tce", "savings_tce_equal_value", "savings_kwh", "installed_kw", "remanufactured_kw",
    "savings_method", "savings_trace", "investment_wan_yuan", "subsidy_requested_wan_yuan",
    "subsidy_approved_wan_yuan", "output_value_wan_yuan", "planned_completion", "completed_on", "verified_on",
    "is_illustrative",
)
# What a staged row holds: its order, the project's columns, then the keys it is linked by.
STAGED_COLUMNS = ("ord", *COLUMNS, "enterprise_credit_code", "parcel_codes")


def _among(column, values: list[str]):
    """``column = ANY(:array)``: one parameter however many values (IN (...) stops at 65,535)."""
    return column == any_(cast(values, ARRAY(Text)))


def existing(session: Session, column, values: Iterable[str]) -> set[str]:
    """Which of ``values`` are in ``column`` (a model attribute such as Parcel.code) already: one
    query with one array parameter, however many values."""
    values = [v for v in set(values) if v]
    if not values:
        return set()
    return set(session.scalars(select(column).where(_among(column, values))))


def create_staging(session: Session) -> None:
    drop_staging(session)
    session.execute(text(f"""
        CREATE TEMP TABLE {STAGED} ON COMMIT DROP AS
        SELECT 0::bigint AS ord, {", ".join(COLUMNS)},
               ''::text AS enterprise_credit_code, '{{}}'::text[] AS parcel_codes
        FROM projects WITH NO DATA
    """))


def drop_staging(session: Session) -> None:
    session.execute(text(f"DROP TABLE IF EXISTS {STAGED}, {IDS}"))


@contextmanager
def staged_copy(session: Session) -> Iterator[Copy]:
    """A COPY into the staging table: ``write_row`` values in ``STAGED_COLUMNS`` order (JSON columns
    as JSON text). Until it is closed the connection runs nothing else; the server parses and
    stores the rows while the caller computes the next ones."""
    raw = session.connection().connection.driver_connection
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY {STAGED} ({', '.join(STAGED_COLUMNS)}) FROM STDIN") as copy:
            yield copy


# A load of at least this many projects refreshes the statistics of the tables it wrote (below).
ANALYZE_FROM = 1_000


def insert_staged(session: Session) -> list[tuple[int, str]]:
    """Insert the staged projects (a reference already registered, or staged twice, is left as it
    is: the first staged row wins), link them to their parcels; (id, kind) of the new projects."""
    session.execute(text(f"CREATE TEMP TABLE {IDS} (id integer PRIMARY KEY, reference text, kind text) ON COMMIT DROP"))
    session.execute(text(f"""
        WITH inserted AS (
            INSERT INTO projects (enterprise_id, {", ".join(COLUMNS)})
            SELECT e.id, {", ".join("s." + c for c in COLUMNS)}
            FROM {STAGED} s LEFT JOIN enterprises e ON e.credit_code = s.enterprise_credit_code
            ORDER BY s.ord
            ON CONFLICT (reference) DO NOTHING
            RETURNING id, reference, kind
        )
        INSERT INTO {IDS} (id, reference, kind) SELECT id, reference, kind FROM inserted
    """))
    session.execute(text(f"""
        INSERT INTO project_parcels (project_id, parcel_id)
        SELECT DISTINCT i.id, p.id
        FROM (SELECT DISTINCT ON (reference) reference, parcel_codes FROM {STAGED} ORDER BY reference, ord) s
        JOIN {IDS} i ON i.reference = s.reference
        CROSS JOIN LATERAL unnest(s.parcel_codes) AS c(code)
        JOIN parcels p ON p.code = c.code
        ON CONFLICT DO NOTHING
    """))
    inserted = [(id_, kind) for id_, kind in session.execute(text(f"SELECT id, kind FROM {IDS} ORDER BY id"))]
    drop_staging(session)
    if len(inserted) >= ANALYZE_FROM:
        # The statements after this one (the freed land, its parcels' status) join what was just
        # written in this transaction: without fresh statistics the planner took project_parcels for
        # the few rows it held before and joined 100k parcels to it by nested loop (synth of 20k
        # projects: the UPDATE of freed parcels still running after minutes).
        session.execute(text("ANALYZE projects"))
        session.execute(text("ANALYZE project_parcels"))
    return inserted


def parcel_places(session: Session, codes: Iterable[str]) -> dict[str, tuple[str | None, bool]]:
    """(district code, still in force) of the parcels whose code is among ``codes``, by code."""
    values = [v for v in set(codes) if v]
    if not values:
        return {}
    rows = session.execute(select(Parcel.code, Parcel.district_code, Parcel.valid_to.is_(None))
                           .where(_among(Parcel.code, values)))
    return {code: (district, active) for code, district, active in rows}
