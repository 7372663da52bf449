"""A parcel in use has no freed date: ``parcels.freed_on`` is cleared whenever a parcel is (or goes
back to) ``in_use``, as migration 0046 clears its former use.

The freed date's trigger (migrations 0005 and 0009) only filled a freed parcel's missing date from
the project that freed it, so an import that took a freed parcel back to in use (a status column
without a freed-date column) left the date on it: a parcel in use with a freed date, which the
export, the freed land and the tiles had to hide (they read the date of freed land only). The rule is
now kept by the same BEFORE row trigger, for every write path — imports, loads, the workflow, a hand
edit:

- in use: no freed date (a date written with it is not kept either);
- freed, planned or redeveloped without one: derived from the structural-adjustment project that
  freed it, as before (so a parcel freed again gets the date of what frees it).

Nothing needs the cleared date: the freed date was never in a parcel's audit trail (the workflow's
entries are the project's, an import's a summary of counts), and no list, rollup or export read it on
a parcel in use. The backfill clears the dates so left; the way down gives back the trigger of before
(the cleared dates stay cleared: they were the state being put right).

A parcel in use with no freed date (nearly every row of an import) still skips the function.

Revision ID: 0047
Revises: 0046
Create Date: 2026-12-07
"""
from alembic import op

revision = "0047"
down_revision = "0046"
branch_labels = None
depends_on = None

_DERIVE = """
        SELECT min(coalesce(pr.completed_on, make_date(pr.year, 12, 31))) INTO NEW.freed_on
        FROM project_parcels pp JOIN projects pr ON pr.id = pp.project_id
        WHERE pp.parcel_id = NEW.id AND pr.kind = 'structural_adjustment'
          AND pr.status IN ('completed', 'verified');"""

FUNCTION = f"""
CREATE OR REPLACE FUNCTION registry_parcel_freed_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'in_use' THEN
        NEW.freed_on := NULL;  -- not freed (any more)
    ELSIF NEW.freed_on IS NULL THEN{_DERIVE}
    END IF;
    RETURN NEW;
END $$;
"""
# Migration 0005's, as 0009 left it.
FUNCTION_BEFORE = f"""
CREATE OR REPLACE FUNCTION registry_parcel_freed_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> 'in_use' AND NEW.freed_on IS NULL THEN{_DERIVE}
    END IF;
    RETURN NEW;
END $$;
"""

EVENTS = "BEFORE INSERT OR UPDATE OF status, freed_on ON parcels FOR EACH ROW"
WHEN = ("(NEW.status <> 'in_use' AND NEW.freed_on IS NULL) OR (NEW.status = 'in_use' AND NEW.freed_on IS NOT NULL)")
WHEN_BEFORE = "NEW.status <> 'in_use' AND NEW.freed_on IS NULL"


def _trigger(when: str) -> None:
    op.execute("DROP TRIGGER parcels_freed_on ON parcels")
    op.execute(f"CREATE TRIGGER parcels_freed_on {EVENTS} WHEN ({when}) EXECUTE FUNCTION registry_parcel_freed_on()")


def upgrade() -> None:
    op.execute(FUNCTION)
    _trigger(WHEN)
    op.execute("UPDATE parcels SET freed_on = NULL WHERE status = 'in_use' AND freed_on IS NOT NULL")


def downgrade() -> None:
    _trigger(WHEN_BEFORE)
    op.execute(FUNCTION_BEFORE)
