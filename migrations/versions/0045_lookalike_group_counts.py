"""How many projects each enterprise has in each year, and how many projects each parcel is linked to,
kept by the database as projects and links are written: the possible duplicates' grouping
(``project_checks.possible_duplicate_ids``: the project list's ``check=possible_duplicates``, the
data-quality page's count) reads the few keys held by two or more (a partial index, ``n > 1``)
instead of counting the 100,000 entries of ``ix_projects_enterprise_readable`` and the 75,000
parcel links on every list (≈ 93 ms of a 100 ms list at 100,000 projects, quiet; docs/performance.md,
"The lookalikes' groups kept").

A kept row is a running total (``n``), not a log as ``record_counts``' (migration 0038): a reader wants
the keys whose total exceeds one, which a log could only give by summing all of them. Statement-level
triggers with transition tables add each statement's change per key (``INSERT … ON CONFLICT DO
UPDATE``, in the keys' order, so two writers lock shared keys in one order), and a key whose total
falls to nought is removed. Only a write that adds, removes or moves a project between enterprises or
years (or a link between parcels) changes a total; an edit of anything else adds nothing. The cost:
two writers of projects of the *same* enterprise and year (or links of the same parcel) wait for each
other's commit — an import holds the keys it wrote until it commits.

TRUNCATE forgets its table's totals. A write with triggers disabled (``session_replication_role =
replica``) is not counted: ``SELECT registry_recount_lookalike_groups()`` counts again
(docs/operations.md), as the migration does.

Revision ID: 0045
Revises: 0044
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0045"
down_revision = "0044"
branch_labels = None
depends_on = None

# kept table: (the table counted, its key)
KEPT = {
    "projects_per_enterprise_year": ("projects", ("enterprise_id", "year")),
    "projects_per_parcel": ("project_parcels", ("parcel_id",)),
}
EVENTS = {"insert": "REFERENCING NEW TABLE AS new_rows", "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
          "delete": "REFERENCING OLD TABLE AS old_rows", "truncate": ""}


def _count_function(kept: str) -> str:
    _table, key = KEPT[kept]
    keys = ", ".join(key)
    counted = f"SELECT {keys}, count(*) AS n FROM %s GROUP BY {keys}"  # of rows %s
    removed = f"SELECT {keys}, -n AS n FROM ({counted}) r"
    add = (f"INSERT INTO {kept} AS t ({keys}, n) SELECT {keys}, sum(n)::integer FROM (%s) c "
           f"GROUP BY {keys} HAVING sum(n) <> 0 ORDER BY {keys} ON CONFLICT ({keys}) DO UPDATE SET n = t.n + EXCLUDED.n")
    emptied = f"DELETE FROM {kept} t WHERE t.n = 0 AND ({keys}) IN (SELECT {keys} FROM old_rows)"
    return f"""
    CREATE FUNCTION registry_count_{kept}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            {add % (counted % 'new_rows')};
        ELSIF TG_OP = 'DELETE' THEN
            {add % (removed % 'old_rows')};
            {emptied};
        ELSIF TG_OP = 'UPDATE' THEN
            {add % (counted % 'new_rows' + ' UNION ALL ' + removed % 'old_rows')};
            {emptied};
        ELSE  -- TRUNCATE
            DELETE FROM {kept};
        END IF;
        RETURN NULL;
    END $$;"""


RECOUNT_FUNCTION = f"""
CREATE FUNCTION registry_recount_lookalike_groups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- No writer between the count and the totals: SHARE waits for those under way and holds off the next.
    LOCK TABLE {", ".join(table for table, _key in KEPT.values())} IN SHARE MODE;
    {"".join(f"DELETE FROM {kept}; INSERT INTO {kept} ({', '.join(key)}, n) SELECT {', '.join(key)}, count(*) "
             f"FROM {table} GROUP BY {', '.join(key)}; " for kept, (table, key) in KEPT.items())}
END $$;
"""


def upgrade() -> None:
    for kept, (table, key) in KEPT.items():
        op.create_table(
            kept,  # a key's total; no row for none
            # parcels' ids are bigint (project_parcels.parcel_id follows them); the others integer
            *(sa.Column(k, sa.BigInteger if k == "parcel_id" else sa.Integer, primary_key=True) for k in key),
            sa.Column("n", sa.Integer, nullable=False),
        )
        op.create_index(f"ix_{kept}_shared", kept, list(key), postgresql_where=sa.text("n > 1"))
        op.execute(_count_function(kept))
        for event, clause in EVENTS.items():
            op.execute(f"CREATE TRIGGER {table}_{kept}_{event} AFTER {event.upper()} ON {table} {clause} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION registry_count_{kept}()")
    op.execute(RECOUNT_FUNCTION)
    op.execute("SELECT registry_recount_lookalike_groups()")  # what the tables hold now


def downgrade() -> None:
    op.execute("DROP FUNCTION registry_recount_lookalike_groups()")
    for kept, (table, _key) in KEPT.items():
        for event in EVENTS:
            op.execute(f"DROP TRIGGER {table}_{kept}_{event} ON {table}")
        op.execute(f"DROP FUNCTION registry_count_{kept}()")
        op.drop_table(kept)
