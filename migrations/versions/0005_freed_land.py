"""Freed land: redevelopment records, recorded output per parcel and year, the date a parcel was
freed, and layer versions for tile/feature cache keys.

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen copy of the land-use classes at this revision.
LAND_USE = ("M1", "M2", "M3", "W1", "W2", "W3", "B1", "B2", "A35", "R", "G", "E")
# Tables whose writes change what a map layer shows (cache keys of tiles and feature pages).
VERSIONED = {
    "parcels": ("parcels", "projects"),
    "parcel_zones": ("parcels",),
    "projects": ("projects",),
    "project_parcels": ("projects", "parcels"),
    "zones": ("zones",),
    "districts": ("districts",),
    "parcel_redevelopments": ("parcels",),
}

# A parcel's freed_on: the completion date of the structural-adjustment project that freed it
# (end of the project's year when no date was given). A trigger, so every write path — loads,
# the workflow, bulk imports — sets it the same way.
FREED_ON_FUNCTION = """
CREATE FUNCTION registry_parcel_freed_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> 'in_use' AND NEW.freed_on IS NULL THEN
        SELECT min(coalesce(pr.completed_on, make_date(pr.year, 12, 31))) INTO NEW.freed_on
        FROM project_parcels pp JOIN projects pr ON pr.id = pp.project_id
        WHERE pp.parcel_id = NEW.id AND pr.kind = 'structural_adjustment'
          AND pr.status IN ('completed', 'verified');
    END IF;
    RETURN NEW;
END $$;
"""

BUMP_FUNCTION = """
CREATE FUNCTION registry_bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE layer_versions SET version = version + 1, changed_at = now()
    WHERE layer = ANY(TG_ARGV);
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    op.add_column("parcels", sa.Column("freed_on", sa.Date))
    op.execute(FREED_ON_FUNCTION)
    op.execute(
        "CREATE TRIGGER parcels_freed_on BEFORE INSERT OR UPDATE OF status, freed_on ON parcels "
        "FOR EACH ROW EXECUTE FUNCTION registry_parcel_freed_on()"
    )
    op.execute("UPDATE parcels SET freed_on = NULL WHERE status <> 'in_use'")  # fires the trigger
    # The freed-land query: live freed parcels by district and date (a small part of all parcels).
    # INCLUDE makes it covering for the common filters, so the planner can skip the heap.
    op.execute(
        "CREATE INDEX ix_parcels_freed ON parcels (district_code, freed_on) "
        "INCLUDE (status, area_m2, land_use_class) WHERE status <> 'in_use' AND valid_to IS NULL"
    )

    op.create_table(
        "parcel_redevelopments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("parcel_id", sa.BigInteger, sa.ForeignKey("parcels.id"), nullable=False, unique=True),
        sa.Column("new_use", sa.String(8), nullable=False),
        sa.Column("description", sa.Text, nullable=False, server_default=""),
        sa.Column("investment_wan_yuan", sa.Numeric),
        sa.Column("expected_output_wan_yuan", sa.Numeric),
        sa.Column("actual_output_wan_yuan", sa.Numeric),
        sa.Column("planned_on", sa.Date, nullable=False),
        sa.Column("completed_on", sa.Date),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(f"new_use IN ({', '.join(repr(v) for v in LAND_USE)})", name="new_use"),
        sa.CheckConstraint("completed_on IS NULL OR completed_on >= planned_on", name="dates"),
        *[sa.CheckConstraint(f"{c} >= 0", name=f"{c}_non_negative")
          for c in ("investment_wan_yuan", "expected_output_wan_yuan", "actual_output_wan_yuan")],
    )

    op.create_table(
        "parcel_outputs",
        sa.Column("parcel_id", sa.BigInteger, sa.ForeignKey("parcels.id"), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("output_wan_yuan", sa.Numeric, nullable=False),
        sa.Column("source", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("output_wan_yuan >= 0", name="output_non_negative"),
        sa.CheckConstraint("year BETWEEN 2000 AND 2100", name="year"),
    )
    op.create_index("ix_parcel_outputs_year", "parcel_outputs", ["year"])

    op.create_table(
        "layer_versions",
        sa.Column("layer", sa.String(32), primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False, server_default="1"),
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.execute("INSERT INTO layer_versions (layer) VALUES ('parcels'), ('projects'), ('zones'), ('districts')")
    op.execute(BUMP_FUNCTION)
    for table, layers in VERSIONED.items():
        args = ", ".join(f"'{layer}'" for layer in layers)
        op.execute(
            f"CREATE TRIGGER {table}_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION registry_bump_layer_version({args})"
        )


def downgrade() -> None:
    for table in VERSIONED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_layer_version ON {table}")
    op.execute("DROP FUNCTION registry_bump_layer_version()")
    op.drop_table("layer_versions")
    op.drop_table("parcel_outputs")
    op.drop_table("parcel_redevelopments")
    op.execute("DROP INDEX ix_parcels_freed")
    op.execute("DROP TRIGGER parcels_freed_on ON parcels")
    op.execute("DROP FUNCTION registry_parcel_freed_on()")
    op.drop_column("parcels", "freed_on")
