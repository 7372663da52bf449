"""A long transaction of row-by-row writes logs its layer changes at a constant cost per statement.

Migration 0010 logs every statement's change of a layer: it updates the layer's row in
``layer_versions``, inserts a row in ``layer_changes`` and trims the log to its last ``KEEP``
rows. Inside one transaction each of those grows with the statements before it: the repeated
updates of one row leave a chain of versions that every later lock and update walks, and every
trim passes again over the log rows this transaction deleted (they stay in the index until it
commits). A script writing parcels one INSERT per row in one transaction (``ogr2ogr -append``, a
QGIS edit session committing thousands of features) was quadratic: 2,000 rows took 1.3 s, 8,000
took 9.1 s, a million did not finish.

Now, per transaction (counted in a transaction-local setting, ``registry.layer_changes_<layer>``,
which a rolled-back savepoint rolls back with the rows):
- the log is trimmed at the transaction's first change of the layer only;
- its first ``PER_TRANSACTION`` changes of a layer are versions of their own, as before — so a
  reader inside the transaction (the tests, which run in one) still sees every statement's version;
- later changes widen the last logged box instead, by a quarter of its size beyond what they
  touch, so a creeping sequence of writes widens it a few dozen times, not once per row. A wider
  box only makes more cached tiles render again. No reader outside the transaction can tell: it
  sees the transaction's versions only once it commits, and the last one covers everything the
  transaction touched after the first ``PER_TRANSACTION``.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""
import importlib.util
from pathlib import Path

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

KEEP = 1000  # changes kept per layer (as in 0010)
PER_TRANSACTION = 100  # changes of a layer in one transaction that get versions of their own

LOG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION registry_log_layer_change(layers text[], box geometry) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    l text;
    v bigint;
    logged_before int;
    last_box geometry;
    covering box2d;
    widened geometry;
BEGIN
    -- In one order for every writer (by name), so two writers locking two layers cannot deadlock.
    FOREACH l IN ARRAY (SELECT array_agg(x ORDER BY x) FROM unnest(layers) x) LOOP
        logged_before := coalesce(nullif(current_setting('registry.layer_changes_' || l, true), ''), '0')::int;
        IF logged_before >= {PER_TRANSACTION} THEN
            -- The log's last row of the layer is this transaction's: it holds the layer's lock.
            SELECT c.version, c.box INTO v, last_box FROM layer_changes c
             WHERE c.layer = l ORDER BY c.version DESC LIMIT 1;
            IF last_box IS NOT NULL AND (box IS NULL OR NOT last_box ~ box) THEN
                covering := ST_CombineBBox(last_box::box2d, box);
                widened := CASE WHEN box IS NOT NULL THEN ST_SetSRID(ST_Expand(covering,
                    greatest(ST_XMax(covering) - ST_XMin(covering), ST_YMax(covering) - ST_YMin(covering)) / 4
                    )::geometry, 4326) END;  -- NULL: anywhere (TRUNCATE)
                UPDATE layer_changes c SET box = widened WHERE c.layer = l AND c.version = v;
            END IF;
            CONTINUE;
        END IF;
        -- Lock the layer's row before drawing the number and hold it to commit: versions of a layer
        -- then commit in increasing order, so a reader that saw version v never later meets a
        -- smaller, newly committed one it would not look for.
        PERFORM 1 FROM layer_versions WHERE layer = l FOR UPDATE;
        v := nextval('layer_versions_seq');
        UPDATE layer_versions SET version = v, changed_at = now() WHERE layer = l;
        INSERT INTO layer_changes (layer, version, box) VALUES (l, v, box);
        IF logged_before = 0 THEN
            DELETE FROM layer_changes WHERE layer = l AND version <= (
                SELECT version FROM layer_changes WHERE layer = l ORDER BY version DESC OFFSET {KEEP} LIMIT 1);
        END IF;
        PERFORM set_config('registry.layer_changes_' || l, (logged_before + 1)::text, true);
    END LOOP;
END $$;
"""


def _migration_0010():
    """0010's module (its file name is not an importable module name)."""
    path = Path(__file__).with_name("0010_layer_changes.py")
    spec = importlib.util.spec_from_file_location("registry_migration_0010", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    op.execute(LOG_FUNCTION)


def downgrade() -> None:
    op.execute("DROP FUNCTION registry_log_layer_change(text[], geometry)")
    op.execute(_migration_0010().LOG_FUNCTION)
