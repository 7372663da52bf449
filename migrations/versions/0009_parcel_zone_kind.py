"""The parcel's zone kind, stored: planners filter and group freed land by it at city scale.

A parcel's zone kind is the highest-ranking kind among the zones it lies in (development zone,
104 block, 195 region, 198 region, other) and 'other' when it lies in none. It was computed per
row from parcel_zones in every query; at a million parcels that correlated lookup dominated the
freed-land query. Now ``parcels.zone_kind`` holds it, kept by statement-level triggers on
``parcel_zones`` (insert, delete) and ``zones`` (a kind changed), so every writer — the importer,
the registration wizard, demo loads, SQL by hand — keeps it right. The triggers write only rows
whose kind changes: a writer that already stores the right kind (the bulk import) pays one
aggregate, not a second write of every row.

Also: the freed-on trigger of migration 0005 gets a WHEN clause (the function acts only on freed
parcels without a date), so bulk loads of in-use parcels no longer call it row by row.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

FREED_ON_EVENTS = "BEFORE INSERT OR UPDATE OF status, freed_on ON parcels FOR EACH ROW"
ZONE_KINDS = ("development_zone", "block_104", "region_195", "region_198", "other")

FUNCTIONS = f"""
CREATE FUNCTION registry_zone_kind_of(kinds text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    -- one CASE, so the planner inlines it (a subquery would run as a statement of its own per call)
    SELECT CASE {" ".join(f"WHEN '{k}' = ANY(kinds) THEN '{k}'" for k in ZONE_KINDS)} ELSE 'other' END
$$;

CREATE FUNCTION registry_refresh_zone_kind(parcel_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    UPDATE parcels p SET zone_kind = k.kind
    FROM (SELECT i.id, registry_zone_kind_of(array_agg(z.kind) FILTER (WHERE z.kind IS NOT NULL)) AS kind
          FROM unnest(parcel_ids) AS i(id)
          LEFT JOIN parcel_zones pz ON pz.parcel_id = i.id LEFT JOIN zones z ON z.id = pz.zone_id
          GROUP BY i.id) k
    WHERE p.id = k.id AND p.zone_kind IS DISTINCT FROM k.kind
$$;

CREATE FUNCTION registry_parcel_zones_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The bulk import stores each new parcel's kind with the row, computed by this same function
    -- from the memberships it inserts, and says so for its transaction: re-deriving a million
    -- kinds it just wrote would cost seconds and change nothing.
    IF TG_OP = 'INSERT' AND current_setting('registry.zone_kind_written', true) = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM registry_refresh_zone_kind(ARRAY(SELECT DISTINCT parcel_id FROM changed));
    RETURN NULL;
END $$;

CREATE FUNCTION registry_zone_kind_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM registry_refresh_zone_kind(ARRAY(
        SELECT DISTINCT pz.parcel_id FROM parcel_zones pz
        JOIN new_zones n ON n.id = pz.zone_id JOIN old_zones o ON o.id = n.id
        WHERE n.kind IS DISTINCT FROM o.kind));
    RETURN NULL;
END $$;
"""


def upgrade() -> None:
    kinds = ", ".join(f"'{k}'" for k in ZONE_KINDS)
    op.add_column("parcels", sa.Column("zone_kind", sa.String(32), nullable=False, server_default="other"))
    op.create_check_constraint("zone_kind", "parcels", f"zone_kind IN ({kinds})")
    op.execute(FUNCTIONS)
    op.execute("SELECT registry_refresh_zone_kind(ARRAY(SELECT DISTINCT parcel_id FROM parcel_zones))")
    for event, table in (("INSERT", "NEW TABLE AS changed"), ("DELETE", "OLD TABLE AS changed")):
        op.execute(f"CREATE TRIGGER parcel_zones_{event.lower()}_zone_kind AFTER {event} ON parcel_zones "
                   f"REFERENCING {table} FOR EACH STATEMENT EXECUTE FUNCTION registry_parcel_zones_changed()")
    op.execute("CREATE TRIGGER zones_kind_zone_kind AFTER UPDATE ON zones "
               "REFERENCING NEW TABLE AS new_zones OLD TABLE AS old_zones "
               "FOR EACH STATEMENT EXECUTE FUNCTION registry_zone_kind_changed()")
    # The freed-on trigger acts only on a freed parcel without a date: say so in its WHEN clause, so
    # the many in-use rows of a bulk load do not each call the PL/pgSQL function.
    op.execute("DROP TRIGGER parcels_freed_on ON parcels")
    op.execute(f"CREATE TRIGGER parcels_freed_on {FREED_ON_EVENTS} "
               "WHEN (NEW.status <> 'in_use' AND NEW.freed_on IS NULL) EXECUTE FUNCTION registry_parcel_freed_on()")
    # The freed-land index covers the zone kind too, so district + years + kind needs no heap visit.
    op.execute("DROP INDEX ix_parcels_freed")
    op.execute(
        "CREATE INDEX ix_parcels_freed ON parcels (district_code, freed_on) "
        "INCLUDE (status, area_m2, land_use_class, zone_kind) WHERE status <> 'in_use' AND valid_to IS NULL"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER parcels_freed_on ON parcels")
    op.execute(f"CREATE TRIGGER parcels_freed_on {FREED_ON_EVENTS} EXECUTE FUNCTION registry_parcel_freed_on()")
    op.execute("DROP INDEX ix_parcels_freed")
    op.execute(
        "CREATE INDEX ix_parcels_freed ON parcels (district_code, freed_on) "
        "INCLUDE (status, area_m2, land_use_class) WHERE status <> 'in_use' AND valid_to IS NULL"
    )
    op.execute("DROP TRIGGER zones_kind_zone_kind ON zones")
    op.execute("DROP TRIGGER parcel_zones_insert_zone_kind ON parcel_zones")
    op.execute("DROP TRIGGER parcel_zones_delete_zone_kind ON parcel_zones")
    op.execute("DROP FUNCTION registry_zone_kind_changed(), registry_parcel_zones_changed(), "
               "registry_refresh_zone_kind(bigint[]), registry_zone_kind_of(text[])")
    op.execute("ALTER TABLE parcels DROP CONSTRAINT ck_parcels_zone_kind")
    op.drop_column("parcels", "zone_kind")
