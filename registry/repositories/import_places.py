"""Where each staged parcel lies: its district and zones, found set-based over ``import_rows``
(see registry/repositories/imports.py), with the registry's rules (geo.queries)."""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from registry.repositories.imports import ROWS

_GEOMS = "import_geoms"  # import_rows before its district is known


def locate_rows(session: Session) -> None:
    """Replace ``import_rows`` by the same rows with ``derived_district`` and ``on_edge``; fill
    ``import_row_zones`` and ``import_row_kinds``."""
    place_pieces(session)
    session.execute(text(f"ALTER TABLE {ROWS} RENAME TO {_GEOMS}"))
    _row_zones(session)
    _row_districts(session)
    _largest_part_district(session)


# Districts are large polygons with thousands of vertices: testing a million parcels against
# them directly costs minutes. Cut into small pieces (and their boundaries into short lines),
# the same answers come from cheap index probes.
PIECE_VERTICES = 64
# Boundary pieces stay short so that their boxes rarely overlap a parcel away from the boundary:
# the exact test then runs only for the few parcels near it.
EDGE_VERTICES = 8


def place_district_pieces(session: Session) -> None:
    """(Re)build the cut-up districts and their boundary pieces from ``districts`` as it is now."""
    session.execute(text(f"""
        DROP TABLE IF EXISTS import_district_pieces, import_district_edges;
        CREATE UNLOGGED TABLE import_district_pieces AS
        SELECT code, ST_Subdivide(geom, {PIECE_VERTICES}) AS geom FROM districts;
        CREATE INDEX ON import_district_pieces USING gist (geom);
        CREATE UNLOGGED TABLE import_district_edges AS
        SELECT code, ST_Subdivide(ST_Boundary(geom), {EDGE_VERTICES}) AS geom FROM districts;
        CREATE INDEX ON import_district_edges USING gist (geom);
        ANALYZE import_district_pieces; ANALYZE import_district_edges;
    """))


# The registry's district rule (geo.queries.derive_parcel_locations) at city scale, over the pieces:
# a geometry touching no district boundary is covered by the district its point on surface lies in;
# one on a boundary goes to the district holding its largest part (none: outside Shanghai).
def district_of_largest_part(geom: str) -> str:
    """SQL around a geometry expression (alias dd stays clear of the caller's)."""
    return (f"(SELECT dd.code FROM districts dd WHERE ST_Intersects(dd.geom, {geom}) "
            f"ORDER BY ST_Area(ST_Intersection(dd.geom, {geom})) DESC, dd.code LIMIT 1)")


def place_pieces(session: Session) -> None:
    place_district_pieces(session)
    session.execute(text(f"""
        CREATE UNLOGGED TABLE import_zone_pieces AS
        SELECT id AS zone_id, ST_Subdivide(geom, {PIECE_VERTICES}) AS geom FROM zones;
        CREATE INDEX ON import_zone_pieces USING gist (geom);
        ANALYZE import_zone_pieces;
    """))


def _row_zones(session: Session) -> None:
    """Zones of each row by its point on surface (geo.queries' rule), against the cut-up zones,
    and the row's zone kind (stored with the parcel, so the parcel_zones triggers find it right).

    The points get an index and each zone piece looks up the points in it: PostGIS then prepares a
    piece once for all its points (its prepared-geometry cache), where looking up each point's
    pieces tests every point against a freshly read polygon — at 1M rows 2.5 s (+1.5 s for the
    index) instead of 16.5 s, the same pairs (docs/performance.md, session 6)."""
    session.execute(text(f"""
        CREATE INDEX ON {_GEOMS} USING gist (pos);
        CREATE UNLOGGED TABLE import_row_zones AS
        SELECT DISTINCT r.row_no, z.zone_id FROM import_zone_pieces z JOIN {_GEOMS} r ON ST_Intersects(z.geom, r.pos)
        WHERE r.ok;
        CREATE INDEX ON import_row_zones (row_no);
        CREATE UNLOGGED TABLE import_row_kinds AS
        SELECT rz.row_no, registry_zone_kind_of(array_agg(z.kind)) AS kind
        FROM import_row_zones rz JOIN zones z ON z.id = rz.zone_id GROUP BY rz.row_no ORDER BY rz.row_no;
        ALTER TABLE import_row_kinds ADD PRIMARY KEY (row_no);
    """))


def _find_districts(session: Session, table: str, key: str) -> None:
    """For the rows of ``table`` (``key``, ``ok``, ``geom``, ``pos`` with a GiST index):
    ``import_row_districts`` (row_no, code), the district their point on surface lies in, and
    ``import_row_edges`` (row_no), those touching a district boundary — found as the zones are
    (pieces look up the points; a point on the cut between two pieces takes the smaller code, and
    touches a boundary anyway), by joins, not a lookup per row, so that parallel workers share the work."""
    session.execute(text(f"""
        DROP TABLE IF EXISTS import_row_districts, import_row_edges;
        CREATE UNLOGGED TABLE import_row_districts AS
        SELECT r.{key} AS row_no, min(dp.code) AS code FROM import_district_pieces dp
        JOIN {table} r ON ST_Intersects(dp.geom, r.pos) WHERE r.ok GROUP BY r.{key};
        CREATE INDEX ON {table} USING gist (geom) WHERE ok;
        CREATE UNLOGGED TABLE import_row_edges AS
        SELECT DISTINCT r.{key} AS row_no FROM import_district_edges de JOIN {table} r ON ST_Intersects(de.geom, r.geom)
        WHERE r.ok;
        ANALYZE {table}; ANALYZE import_row_districts; ANALYZE import_row_edges;
    """))


def _row_districts(session: Session) -> None:
    """``import_rows``: the rows with the district their point on surface lies in and whether they
    touch a district boundary."""
    _find_districts(session, _GEOMS, "row_no")
    session.execute(text(f"""
        CREATE UNLOGGED TABLE {ROWS} AS
        SELECT g.*, d.code AS derived_district, g.ok AND e.row_no IS NOT NULL AS on_edge
        FROM {_GEOMS} g LEFT JOIN import_row_districts d ON d.row_no = g.row_no
        LEFT JOIN import_row_edges e ON e.row_no = g.row_no;
        DROP TABLE {_GEOMS};
    """))


def live_parcel_districts(session: Session) -> None:
    """``import_parcel_districts`` (id, old, new): each live parcel's district, and the one the
    boundaries in ``districts`` now give it by the same rule as an import's rows."""
    place_district_pieces(session)  # again: the boundaries may have just changed
    session.execute(text("""
        CREATE UNLOGGED TABLE import_parcel_places AS
        SELECT id, true AS ok, geom, ST_PointOnSurface(geom) AS pos FROM parcels WHERE valid_to IS NULL;
        CREATE INDEX ON import_parcel_places USING gist (pos);
    """))
    _find_districts(session, "import_parcel_places", "id")
    session.execute(text(f"""
        CREATE UNLOGGED TABLE import_parcel_districts AS
        SELECT p.id, p.district_code AS old,
               CASE WHEN d.code IS NULL OR e.row_no IS NOT NULL THEN {district_of_largest_part('g.geom')}
                    ELSE d.code END AS new
        FROM import_parcel_places g JOIN parcels p ON p.id = g.id
        LEFT JOIN import_row_districts d ON d.row_no = g.id LEFT JOIN import_row_edges e ON e.row_no = g.id
    """))


def _largest_part_district(session: Session) -> None:
    """District of each row: the one covering it, else the one holding its largest part (the rule
    of geo.queries.derive_parcel_locations, set-based over the staging table).

    A row whose point on surface lies in district D and that touches no district boundary is
    covered by D; the few rows on a boundary (or in no piece) get the district holding their
    largest part — or none, outside Shanghai.
    """
    session.execute(text(f"""
        UPDATE {ROWS} r SET derived_district = {district_of_largest_part('r.geom')}
        WHERE r.ok AND (r.derived_district IS NULL OR r.on_edge)
    """))
