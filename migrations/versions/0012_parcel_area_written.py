"""A parcel's geodesic area is kept by a trigger instead of a generated column, so a bulk import
can write the area it has already computed.

``parcels.area_m2`` was ``GENERATED ALWAYS AS (ST_Area(geom::geography))``: every inserted row
computed its geodesic area inside the one process running the INSERT — 8 to 16 s of a million-row
import. The import now computes it while checking the rows, in parallel workers, and the value is
exactly the one the column would compute (the same expression over the same geometry). A trigger
keeps every other write as before: an insert, or an update changing ``geom`` or ``area_m2``, gets
``ST_Area(geom::geography)`` — unless the bulk import says, for its own transaction and statement,
that it wrote that value itself (``registry.area_written``, as ``registry.zone_kind_written`` in
migration 0009). A test checks that every imported area equals the expression.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

FUNCTION = """
CREATE FUNCTION registry_parcel_area() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.area_m2 := ST_Area(NEW.geom::geography);
    RETURN NEW;
END $$;
"""
NOT_WRITTEN = "current_setting('registry.area_written', true) IS DISTINCT FROM 'on'"
# The WHEN clause compares the geometries as bytes: a restore (pg_restore, an empty search_path)
# cannot resolve PostGIS's own = operator there, and any change of the stored bytes counts.


def upgrade() -> None:
    op.execute("ALTER TABLE parcels ALTER COLUMN area_m2 DROP EXPRESSION")
    op.execute(FUNCTION)
    op.execute(f"CREATE TRIGGER parcels_area_insert BEFORE INSERT ON parcels FOR EACH ROW "
               f"WHEN ({NOT_WRITTEN}) EXECUTE FUNCTION registry_parcel_area()")
    op.execute(f"CREATE TRIGGER parcels_area_update BEFORE UPDATE ON parcels FOR EACH ROW "
               f"WHEN ((NEW.geom::bytea, NEW.area_m2) IS DISTINCT FROM (OLD.geom::bytea, OLD.area_m2) AND {NOT_WRITTEN}) "
               f"EXECUTE FUNCTION registry_parcel_area()")


def downgrade() -> None:
    op.execute("DROP TRIGGER parcels_area_update ON parcels")
    op.execute("DROP TRIGGER parcels_area_insert ON parcels")
    op.execute("DROP FUNCTION registry_parcel_area()")
    op.execute("ALTER TABLE parcels DROP COLUMN area_m2")  # drops ix_parcels_freed, which includes it
    op.execute("ALTER TABLE parcels ADD COLUMN area_m2 numeric GENERATED ALWAYS AS (ST_Area(geom::geography)) STORED")
    op.execute("CREATE INDEX ix_parcels_freed ON parcels (district_code, freed_on) "
               "INCLUDE (status, area_m2, land_use_class, zone_kind) WHERE status <> 'in_use' AND valid_to IS NULL")
