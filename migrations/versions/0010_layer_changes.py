"""Where each layer changed: the map's tile cache keeps a tile until a change touches it.

Migration 0005 bumps a layer's version on every write, so a cache keyed by the version forgets
every tile of the layer at each edit — at a million parcels a detailed tile costs ~100 ms to
render, and staff edit all day. Now every bump also logs the bounding box of what changed
(``layer_changes``: old and new geometries of the rows written, in EPSG:4326). A cached tile
rendered at version v is still right at version w if v is in the log (a committed state the log
still reaches back to) and no change after v touches its envelope (a NULL box means "anywhere":
TRUNCATE). The log keeps the last ``KEEP`` changes per layer; a tile older than that is
re-rendered. Versions now come from one sequence, so a number names one state for good: a
rolled-back write leaves a gap instead of a number the next write would reuse for other data.

Statement-level triggers with transition tables (one per event: PostgreSQL allows transition
tables only on single-event triggers), so a bulk load logs one box, not a row per parcel. A
statement that writes no row with geometry (a project with no parcels yet) changes no tile and
bumps nothing.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

KEEP = 1000  # changes kept per layer

# table: (layers it feeds, how a changed row finds its geometry)
#   geom: the row's own geometry; parcel: parcels.geom by parcel_id; project: its parcels' geometries
TABLES = {
    "parcels": (("parcels", "projects"), "geom"),
    "parcel_zones": (("parcels",), "parcel"),
    "projects": (("projects",), "project"),
    "project_parcels": (("projects", "parcels"), "parcel"),
    "zones": (("zones",), "geom"),
    "districts": (("districts",), "geom"),
    "parcel_redevelopments": (("parcels",), "parcel"),
}
EVENTS = {"INSERT": "NEW TABLE AS new_rows", "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
          "DELETE": "OLD TABLE AS old_rows"}
BOX_OF = {  # the bounding box of what rows (a transition table, %s) cover
    "geom": "SELECT ST_Extent(r.geom) FROM %s r",
    "parcel": "SELECT ST_Extent(p.geom) FROM %s r JOIN parcels p ON p.id = r.parcel_id",
    "project": "SELECT ST_Extent(p.geom) FROM %s r JOIN project_parcels pp ON pp.project_id = r.id "
               "JOIN parcels p ON p.id = pp.parcel_id",
}

LOG_FUNCTION = f"""
CREATE FUNCTION registry_log_layer_change(layers text[], box geometry) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    l text;
    v bigint;
BEGIN
    -- In one order for every writer (by name), so two writers locking two layers cannot deadlock.
    FOREACH l IN ARRAY (SELECT array_agg(x ORDER BY x) FROM unnest(layers) x) LOOP
        -- Lock the layer's row before drawing the number and hold it to commit: versions of a layer
        -- then commit in increasing order, so a reader that saw version v never later meets a
        -- smaller, newly committed one it would not look for.
        PERFORM 1 FROM layer_versions WHERE layer = l FOR UPDATE;
        v := nextval('layer_versions_seq');
        UPDATE layer_versions SET version = v, changed_at = now() WHERE layer = l;
        INSERT INTO layer_changes (layer, version, box) VALUES (l, v, box);
        DELETE FROM layer_changes WHERE layer = l AND version <= (
            SELECT version FROM layer_changes WHERE layer = l ORDER BY version DESC OFFSET {KEEP} LIMIT 1);
    END LOOP;
END $$;
"""

# Replaces 0005's: TRUNCATE (no transition tables) changes the whole layer.
BUMP_FUNCTION = """
CREATE OR REPLACE FUNCTION registry_bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM registry_log_layer_change(TG_ARGV, NULL);
    RETURN NULL;
END $$;
"""


def _box_function(source: str) -> str:
    box = BOX_OF[source]
    return f"""
CREATE FUNCTION registry_layer_change_by_{source}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed box2d;
BEGIN
    IF TG_OP = 'INSERT' THEN
        changed := ({box % 'new_rows'});
    ELSIF TG_OP = 'DELETE' THEN
        changed := ({box % 'old_rows'});
    ELSE
        changed := ({box % '(SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows)'});
    END IF;
    IF changed IS NOT NULL THEN  -- NULL: no row with a geometry was written, no tile changed
        PERFORM registry_log_layer_change(TG_ARGV, ST_SetSRID(changed::geometry, 4326));
    END IF;
    RETURN NULL;
END $$;
"""


def _trigger_name(table: str, event: str) -> str:
    return f"{table}_layer_change_{event.lower()}"


def upgrade() -> None:
    op.execute("CREATE SEQUENCE layer_versions_seq")
    op.execute("SELECT setval('layer_versions_seq', (SELECT max(version) FROM layer_versions))")
    op.create_table(
        "layer_changes",
        sa.Column("layer", sa.String(32), sa.ForeignKey("layer_versions.layer"), primary_key=True),
        sa.Column("version", sa.BigInteger, primary_key=True),
        sa.Column("box", Geometry(srid=4326, spatial_index=False)),  # NULL: anywhere
        sa.Column("changed_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    op.execute(LOG_FUNCTION)
    op.execute(BUMP_FUNCTION)
    for source in BOX_OF:
        op.execute(_box_function(source))
    for table, (layers, source) in TABLES.items():
        args = ", ".join(f"'{layer}'" for layer in layers)
        op.execute(f"DROP TRIGGER {table}_layer_version ON {table}")
        for event, referencing in EVENTS.items():
            op.execute(f"CREATE TRIGGER {_trigger_name(table, event)} AFTER {event} ON {table} "
                       f"REFERENCING {referencing} FOR EACH STATEMENT "
                       f"EXECUTE FUNCTION registry_layer_change_by_{source}({args})")
        op.execute(f"CREATE TRIGGER {table}_layer_version AFTER TRUNCATE ON {table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION registry_bump_layer_version({args})")


def downgrade() -> None:
    for table, (layers, _source) in TABLES.items():
        args = ", ".join(f"'{layer}'" for layer in layers)
        for event in EVENTS:
            op.execute(f"DROP TRIGGER {_trigger_name(table, event)} ON {table}")
        op.execute(f"DROP TRIGGER {table}_layer_version ON {table}")
        op.execute(f"CREATE TRIGGER {table}_layer_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                   f"FOR EACH STATEMENT EXECUTE FUNCTION registry_bump_layer_version({args})")
    for source in BOX_OF:
        op.execute(f"DROP FUNCTION registry_layer_change_by_{source}()")
    op.execute("""
CREATE OR REPLACE FUNCTION registry_bump_layer_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE layer_versions SET version = version + 1, changed_at = now() WHERE layer = ANY(TG_ARGV);
    RETURN NULL;
END $$;
""")
    op.execute("DROP FUNCTION registry_log_layer_change(text[], geometry)")
    op.drop_table("layer_changes")
    op.execute("DROP SEQUENCE layer_versions_seq")
