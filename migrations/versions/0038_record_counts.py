"""The overview's figures are counted by the database as rows are written, not by counting every row
on every visit.

The overview (everybody's landing page) counted live parcels, enterprises and projects, the freed
parcels and their area, and projects by status, all in full on every request: at 1M parcels and
100k projects ≈ 0.6 s of a 0.7 s page (docs/performance.md, "The overview at city scale").
``record_counts`` now holds them as signed changes whose sum by key is the count: for live parcels
(``valid_to`` empty) by district and status, with their area; projects by district and status, with
how many are illustrative; enterprises by district. Reading it is one pass over a few hundred rows,
whatever the registry's size, and as exact as the rows themselves: each write's change commits (or
rolls back) with the write, under the same MVCC snapshot a reader counts rows by.

Statement-level triggers with transition tables (one function per table, as migration 0010's), so
a bulk load adds one row per district and status it touched, not a row per parcel. Every statement
*inserts* its change, never updates a running total: a total updated by every statement is one row
locked by every writer until it commits (an import would hold up every edit), and one row updated
again and again in one transaction leaves a chain of versions every later update walks — quadratic
for a million single-row INSERTs in one transaction (``ogr2ogr -append``; 2,000 updates of one row
took 0.11 s here, 8,000 took 0.97 s: the trap migration 0013 got out of). The log is folded — its
rows summed into one per key — by a transaction's first counted write when it holds more than
``FOLD_AT`` rows, rows other writers hold locked (folding themselves) skipped rather than awaited.
Only under READ COMMITTED: a REPEATABLE READ writer meeting rows folded since its snapshot would
fail to serialize instead.

TRUNCATE (no transition tables) forgets its table's counts. A write with triggers disabled
(``session_replication_role = replica``) is not counted: ``SELECT registry_recount_records()``
counts the tables again (docs/operations.md), as the migration does.

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None

FOLD_AT = 1000  # log rows beyond which a writer folds them

# table: (what its rows add to a key, which rows count)
COUNTED = {
    "parcels": ("count(*), 0, coalesce(sum(r.area_m2), 0)", "r.valid_to IS NULL"),
    "projects": ("count(*), count(*) FILTER (WHERE r.is_illustrative), 0", "true"),
    "enterprises": ("count(*), 0, 0", "true"),
}
KEYS = {"parcels": "r.district_code, r.status", "projects": "r.district_code, r.status",
        "enterprises": "r.district_code, NULL"}
COLUMNS = "subject, district_code, status, n, illustrative, area_m2"
CHANGED = "HAVING sum(d.n) <> 0 OR sum(d.illustrative) <> 0 OR sum(d.area_m2) <> 0"

FOLD_FUNCTION = f"""
CREATE FUNCTION registry_fold_record_counts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('registry.record_counts_folded', 'on', true);
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RETURN;
    END IF;
    IF (SELECT count(*) FROM (SELECT FROM record_counts LIMIT {FOLD_AT + 1}) l) <= {FOLD_AT} THEN
        RETURN;
    END IF;
    WITH d AS (
        DELETE FROM record_counts WHERE ctid = ANY (ARRAY(SELECT ctid FROM record_counts FOR UPDATE SKIP LOCKED))
        RETURNING *)
    INSERT INTO record_counts ({COLUMNS})
    SELECT d.subject, d.district_code, d.status, sum(d.n), sum(d.illustrative), sum(d.area_m2)
    FROM d GROUP BY 1, 2, 3 {CHANGED};
END $$;
"""


def _count_function(table: str) -> str:
    adds, counts = COUNTED[table]
    added = f"SELECT '{table}', {KEYS[table]}, {adds} FROM %s r WHERE {counts} GROUP BY 2, 3"  # of rows %s
    removed = f"SELECT d.subject, d.district_code, d.status, -d.n, -d.illustrative, -d.area_m2 FROM ({added}) d({COLUMNS})"
    changed = (f"SELECT d.subject, d.district_code, d.status, sum(d.n), sum(d.illustrative), sum(d.area_m2) "
               f"FROM ({added % 'new_rows'} UNION ALL {removed % 'old_rows'}) d({COLUMNS}) GROUP BY 1, 2, 3 {CHANGED}")
    return f"""
    CREATE FUNCTION registry_count_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('registry.record_counts_folded', true) IS DISTINCT FROM 'on' THEN
            PERFORM registry_fold_record_counts();  -- a transaction's first counted write only
        END IF;
        IF TG_OP = 'INSERT' THEN
            INSERT INTO record_counts ({COLUMNS}) {added % 'new_rows'};
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO record_counts ({COLUMNS}) {removed % 'old_rows'};
        ELSIF TG_OP = 'UPDATE' THEN
            INSERT INTO record_counts ({COLUMNS}) {changed};
        ELSE  -- TRUNCATE
            DELETE FROM record_counts WHERE subject = '{table}';
        END IF;
        RETURN NULL;
    END $$;"""


RECOUNT_FUNCTION = f"""
CREATE FUNCTION registry_recount_records() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- No writer between the count and the log: SHARE waits for those under way and holds off the next.
    LOCK TABLE {", ".join(COUNTED)} IN SHARE MODE;
    DELETE FROM record_counts;
    {"".join(f"INSERT INTO record_counts ({COLUMNS}) SELECT '{t}', {KEYS[t]}, {COUNTED[t][0]} FROM {t} r "
             f"WHERE {COUNTED[t][1]} GROUP BY 2, 3; " for t in COUNTED)}
END $$;
"""

EVENTS = {"insert": "REFERENCING NEW TABLE AS new_rows", "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
          "delete": "REFERENCING OLD TABLE AS old_rows", "truncate": ""}


def upgrade() -> None:
    op.create_table(
        "record_counts",  # a log of changes, no key: the sum of a (subject, district, status)'s rows is its count
        sa.Column("subject", sa.String(16), nullable=False),
        sa.Column("district_code", sa.String(6)),
        sa.Column("status", sa.String(32)),
        sa.Column("n", sa.BigInteger, nullable=False),
        sa.Column("illustrative", sa.BigInteger, nullable=False),
        sa.Column("area_m2", sa.Numeric, nullable=False),
        sa.CheckConstraint("subject IN ('parcels', 'projects', 'enterprises')", name="ck_record_counts_subject"),
    )
    op.execute(FOLD_FUNCTION)
    for table in COUNTED:
        op.execute(_count_function(table))
        for event, clause in EVENTS.items():
            op.execute(f"CREATE TRIGGER {table}_count_{event} AFTER {event.upper()} ON {table} {clause} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION registry_count_{table}()")
    op.execute(RECOUNT_FUNCTION)
    op.execute("SELECT registry_recount_records()")  # what the tables hold now


def downgrade() -> None:
    for table in COUNTED:
        for event in EVENTS:
            op.execute(f"DROP TRIGGER {table}_count_{event} ON {table}")
        op.execute(f"DROP FUNCTION registry_count_{table}()")
    op.execute("DROP FUNCTION registry_fold_record_counts()")
    op.execute("DROP FUNCTION registry_recount_records()")
    op.drop_table("record_counts")
