"""The land use a parcel had when it was freed (原用途), kept on the parcel: ``parcels.former_use``.

Completing a redevelopment gives the parcel its new use (``land_use_class`` := the plan's
``new_use``), so the use it was freed with — usually industrial — was left in its audit trail only,
and the freed-land list could not show 原用途 → 新用途 side by side.

It is kept on the parcel, beside ``freed_on``, not on the redevelopment record: every freed parcel
has one, planned or not; a withdrawn plan deletes its record; and a split or merge child, inserted
freed, gets its own from the same trigger. The rule (a BEFORE row trigger, so every write path —
the workflow, split and merge, bulk imports, loads — keeps it alike):

- in use: none (the land is not freed);
- freed or redevelopment planned: the parcel's land use, whatever changes it — the land still has
  the use it was freed with, so a corrected land use (an import) corrects the former use too;
- redeveloped: kept as it was; its land use is now the new use, and a later change of that is a
  change of the new use, not of what the land was.

The backfill reads the live values for freed and planned parcels; for redeveloped ones the audit
trail's completion (``complete_redevelopment``: its ``land_use_class`` [before, after]; an entry
without it changed nothing, so the land was freed with the use it was given, the plan's new use),
else none (a parcel loaded as redeveloped: unknown, shown "—").

``ix_parcels_freed`` carries it (INCLUDE), as it carries the other columns the freed-land query
filters by, since the freed land's land-use filter now reads it (docs/freed-land.md).

Revision ID: 0046
Revises: 0045
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0046"
down_revision = "0045"
branch_labels = None
depends_on = None

FUNCTION = """
CREATE FUNCTION registry_parcel_former_use() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'in_use' THEN
        NEW.former_use := NULL;
    ELSIF NEW.status <> 'redeveloped' THEN
        NEW.former_use := NEW.land_use_class;  -- not yet given a new use: the use it was freed with
    END IF;  -- redeveloped: kept as it was (its land_use_class is the new use now)
    RETURN NEW;
END $$;
"""
# A parcel in use with no former use (nearly every row of an import) skips the function.
TRIGGER = ("CREATE TRIGGER parcels_former_use BEFORE INSERT OR UPDATE OF status, land_use_class, former_use "
           "ON parcels FOR EACH ROW WHEN (NEW.status <> 'in_use' OR NEW.former_use IS NOT NULL) "
           "EXECUTE FUNCTION registry_parcel_former_use()")

BACKFILL_REDEVELOPED = """
UPDATE parcels p SET former_use = coalesce(done.changes -> 'land_use_class' ->> 0, r.new_use)
FROM parcel_redevelopments r, LATERAL (
    SELECT a.changes FROM audit_log a
    WHERE a.entity = 'parcel' AND a.entity_id = r.parcel_id::text AND a.action = 'complete_redevelopment'
    ORDER BY a.at DESC, a.id DESC LIMIT 1) done
WHERE r.parcel_id = p.id AND p.status = 'redeveloped'
"""

FREED_INDEX = ("CREATE INDEX ix_parcels_freed ON parcels (district_code, freed_on) INCLUDE ({}) "
               "WHERE status <> 'in_use' AND valid_to IS NULL")
INCLUDED = "status, area_m2, land_use_class, zone_kind"


def upgrade() -> None:
    op.add_column("parcels", sa.Column("former_use", sa.String(8)))
    op.execute(FUNCTION)
    # the backfill writes the column alone, before the trigger exists: freed and planned parcels' own
    # land use, redeveloped ones' from their completion in the audit trail
    op.execute("UPDATE parcels SET former_use = land_use_class WHERE status IN ('freed', 'redevelopment_planned')")
    op.execute(BACKFILL_REDEVELOPED)
    op.execute(TRIGGER)
    op.execute("DROP INDEX ix_parcels_freed")
    op.execute(FREED_INDEX.format(INCLUDED + ", former_use"))


def downgrade() -> None:
    op.execute("DROP INDEX ix_parcels_freed")
    op.execute(FREED_INDEX.format(INCLUDED))
    op.execute("DROP TRIGGER parcels_former_use ON parcels")
    op.execute("DROP FUNCTION registry_parcel_former_use()")
    op.drop_column("parcels", "former_use")
