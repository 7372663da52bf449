"""Versions of the land-output report's inputs, so a computed report is kept until one changes.

The land-output report (土地产出) aggregated ``parcel_outputs`` afresh on every view: 1–2 s a
statement at 1,000,000 parcels, 5–7 s a page (docs/performance.md), for figures that change
once a year. ``data_versions`` holds one version per input the report reads, drawn from a
sequence by a statement-level trigger on every write to it, and the app keeps what it computed
keyed by those versions (``services/report_cache.py``): a repeat view reads one row per input.

Inputs (the rows of ``data_versions``, named by table):
- ``parcel_outputs``, ``parcel_zones``, ``zones``, ``districts``, ``targets``: any write.
- ``parcels``: only an UPDATE naming ``code``, ``district_code``, ``area_m2`` or ``geom`` (the area
  follows the geometry, migration 0012), and TRUNCATE. A status edit (staff's all day) changes no
  figure; a new parcel has no output yet, and one with outputs cannot be deleted (their foreign key).

As migration 0010's layer versions: numbers come from one sequence, so a number names one state
for good (a rolled-back write leaves a gap, never a number reused for other data — a report
computed inside a transaction at its own uncommitted version is right for that version only); and
the row is locked to commit, so writers of one input wait for each other — of the same table
only, each input being its own row. A transaction's first ``PER_TRANSACTION`` statements on an
input draw numbers of their own (a reader inside it, the tests, sees each); after that it stops
(migration 0013: a row updated again and again in one transaction is quadratic) and sets
``registry.data_versions_unsettled``, by which its readers neither keep nor take a kept report.

A write with triggers disabled (``session_replication_role = replica``) bumps nothing:
``SELECT registry_bump_data_versions()`` does (docs/operations.md).

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = "0040"
down_revision = "0039"
branch_labels = None
depends_on = None

PER_TRANSACTION = 100  # statements on one input in one transaction that draw a version of their own
# table: the events that change what the report reads of it
EVENTS = {
    "parcel_outputs": ("INSERT", "UPDATE", "DELETE", "TRUNCATE"),
    "parcels": ("UPDATE OF code, district_code, area_m2, geom", "TRUNCATE"),
    "parcel_zones": ("INSERT", "UPDATE", "DELETE", "TRUNCATE"),
    "zones": ("INSERT", "UPDATE", "DELETE", "TRUNCATE"),
    "districts": ("INSERT", "UPDATE", "DELETE", "TRUNCATE"),
    "targets": ("INSERT", "UPDATE", "DELETE", "TRUNCATE"),
}

BUMP_FUNCTION = f"""
CREATE FUNCTION registry_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    setting text := 'registry.data_version_' || TG_TABLE_NAME;
    bumped int := coalesce(nullif(current_setting(setting, true), ''), '0')::int;
BEGIN
    IF bumped >= {PER_TRANSACTION} THEN
        RETURN NULL;  -- the version drawn last stands for the rest; its readers skip the cache
    END IF;
    UPDATE data_versions SET version = nextval('data_versions_seq'), changed_at = now()
     WHERE subject = TG_TABLE_NAME;
    PERFORM set_config(setting, (bumped + 1)::text, true);
    IF bumped + 1 = {PER_TRANSACTION} THEN
        PERFORM set_config('registry.data_versions_unsettled', 'on', true);
    END IF;
    RETURN NULL;
END $$;
"""

BUMP_ALL_FUNCTION = """
CREATE FUNCTION registry_bump_data_versions() RETURNS void LANGUAGE sql AS $$
    UPDATE data_versions SET version = nextval('data_versions_seq'), changed_at = now();
$$;
"""


def _trigger(table: str, event: str) -> str:
    return f"{table}_data_version_{event.split()[0].lower()}"


def upgrade() -> None:
    op.execute("CREATE SEQUENCE data_versions_seq")
    table = op.create_table(
        "data_versions",
        sa.Column("subject", sa.String(32), primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.bulk_insert(table, [{"subject": subject, "version": 0} for subject in EVENTS])
    op.execute(BUMP_FUNCTION)
    op.execute(BUMP_ALL_FUNCTION)
    op.execute("SELECT registry_bump_data_versions()")  # numbers the sequence alone hands out
    for table_name, events in EVENTS.items():
        for event in events:
            op.execute(f"CREATE TRIGGER {_trigger(table_name, event)} AFTER {event} ON {table_name} "
                       f"FOR EACH STATEMENT EXECUTE FUNCTION registry_bump_data_version()")


def downgrade() -> None:
    for table_name, events in EVENTS.items():
        for event in events:
            op.execute(f"DROP TRIGGER {_trigger(table_name, event)} ON {table_name}")
    op.execute("DROP FUNCTION registry_bump_data_versions()")
    op.execute("DROP FUNCTION registry_bump_data_version()")
    op.drop_table("data_versions")
    op.execute("DROP SEQUENCE data_versions_seq")
