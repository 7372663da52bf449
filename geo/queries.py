"""Spatial SQL that derives facts from geometry, set-based (one statement per step, not per row).

Takes a SQLAlchemy session or connection; never imports the registry's models.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import text

# A parcel's district: the one that covers it; where none does (a parcel over a boundary),
# the one holding the largest part of it.
_COVERED_DISTRICT = text("""
    UPDATE parcels p SET district_code = d.code
    FROM districts d
    WHERE p.id = ANY(:ids) AND ST_Covers(d.geom, p.geom)
""")

_LARGEST_OVERLAP_DISTRICT = text("""
    UPDATE parcels p SET district_code = (
        SELECT d.code FROM districts d
        WHERE ST_Intersects(d.geom, p.geom)
        ORDER BY ST_Area(ST_Intersection(d.geom, p.geom)) DESC, d.code
        LIMIT 1)
    WHERE p.id = ANY(:ids) AND p.district_code IS NULL
""")

# Zone membership by the parcel's point on surface: one rule, cheap, and unambiguous for
# the parcels that straddle a zone's edge.
_CLEAR_ZONES = text("DELETE FROM parcel_zones WHERE parcel_id = ANY(:ids)")
_DERIVE_ZONES = text("""
    INSERT INTO parcel_zones (parcel_id, zone_id)
    SELECT p.id, z.id FROM parcels p
    JOIN zones z ON ST_Intersects(z.geom, ST_PointOnSurface(p.geom))
    WHERE p.id = ANY(:ids)
    ON CONFLICT DO NOTHING
""")

_OUTSIDE_EVERY_DISTRICT = text("SELECT id, code FROM parcels WHERE id = ANY(:ids) AND district_code IS NULL ORDER BY id")


def derive_parcel_locations(session, parcel_ids: Sequence[int]) -> list[tuple[int, str]]:
    """Set district and zones of the given parcels; return (id, code) of those in no district."""
    ids = list(parcel_ids)
    if not ids:
        return []
    params = {"ids": ids}
    for statement in (_COVERED_DISTRICT, _LARGEST_OVERLAP_DISTRICT, _CLEAR_ZONES, _DERIVE_ZONES):
        session.execute(statement, params)
    return [tuple(row) for row in session.execute(_OUTSIDE_EVERY_DISTRICT, params)]


_ZONE_DISTRICT = text("""
    UPDATE zones z SET district_code = (
        SELECT d.code FROM districts d
        WHERE ST_Intersects(d.geom, ST_PointOnSurface(z.geom)) LIMIT 1)
    WHERE z.id = ANY(:ids) AND z.district_code IS NULL
""")


def derive_zone_districts(session, zone_ids: Sequence[int]) -> None:
    """Give zones loaded without a district the district under their point on surface."""
    if zone_ids:
        session.execute(_ZONE_DISTRICT, {"ids": list(zone_ids)})


_FREED_LAND = text("""
    UPDATE projects pr SET freed_land_m2 = sub.area
    FROM (SELECT pp.project_id, sum(p.area_m2) AS area
          FROM project_parcels pp JOIN parcels p ON p.id = pp.parcel_id
          WHERE pp.project_id = ANY(:ids) GROUP BY pp.project_id) sub
    WHERE pr.id = sub.project_id AND pr.kind = 'structural_adjustment'
""")


def derive_freed_land(session, project_ids: Sequence[int]) -> None:
    """Freed land of structural-adjustment projects = geodesic area of their parcels, m²."""
    if project_ids:
        session.execute(_FREED_LAND, {"ids": list(project_ids)})


_MARK_FREED = text("""
    UPDATE parcels p SET status = 'freed', version = p.version + 1
    FROM project_parcels pp JOIN projects pr ON pr.id = pp.project_id
    WHERE pp.parcel_id = p.id AND pp.project_id = ANY(:ids) AND p.status = 'in_use'
      AND pr.kind = 'structural_adjustment' AND pr.status IN ('completed', 'verified')
""")


def mark_freed_parcels(session, project_ids: Sequence[int]) -> None:
    """Parcels of completed structural-adjustment projects become freed land (腾出土地)."""
    if project_ids:
        session.execute(_MARK_FREED, {"ids": list(project_ids)})


_DISTRICT_COVERS = text("""
    SELECT ST_Covers(geom, ST_GeomFromWKB(:wkb, 4326)) FROM districts WHERE code = :code
""")


def district_covers(session, district_code: str, wkb: bytes) -> bool | None:
    """Whether the district covers the geometry; None when the district does not exist."""
    return session.execute(_DISTRICT_COVERS, {"wkb": wkb, "code": district_code}).scalar_one_or_none()


# Active parcels (not end-dated) overlapping a geometry by more than a tolerance, with the
# shared area and its share of the new geometry, so the user can judge and confirm.
_OVERLAPS = text("""
    WITH g AS (SELECT ST_GeomFromWKB(:wkb, 4326) AS geom)
    SELECT p.id, p.code, ST_Area(ST_Intersection(p.geom, g.geom)::geography) AS overlap_m2,
           ST_AsGeoJSON(ST_Intersection(p.geom, g.geom), 7) AS overlap_geojson
    FROM parcels p, g
    WHERE p.valid_to IS NULL AND ST_Intersects(p.geom, g.geom) AND NOT ST_Touches(p.geom, g.geom)
      AND p.id <> ALL(:exclude)
    ORDER BY overlap_m2 DESC
""")


def overlapping_parcels(session, wkb: bytes, min_overlap_m2: float, exclude_ids=()) -> list[tuple]:
    """(id, code, overlap_m2, overlap GeoJSON) of active parcels sharing more than ``min_overlap_m2``."""
    rows = session.execute(_OVERLAPS, {"wkb": wkb, "exclude": list(exclude_ids)})
    return [tuple(r) for r in rows if r[2] > min_overlap_m2]


@dataclass(frozen=True)
class NearParcel:
    """A live parcel near the ones a map shows: what its tooltip and link need, and how far it lies
    from the nearest of them (geodesic metres, 0 when they touch or overlap)."""

    id: int
    code: str
    status: str
    land_use_class: str
    distance_m: float
    geometry_geojson: str


# The parcels within :radius_m of any of :ids, nearest first, at most :limit. The bounding-box test
# (&&) against each subject's box grown by the radius in degrees of longitude at its northern edge
# (more than a degree of latitude there, +10 % for the spheroid) is what the GiST index on
# parcels.geom answers; the geodesic test then keeps only those truly within the radius, among a
# few dozen rows rather than the whole table (ST_DWithin on geography cannot use a geometry index).
NEAR_PARCELS = text("""
    SELECT p.id, p.code, p.status, p.land_use_class, near.distance_m,
           ST_AsGeoJSON(ST_SimplifyPreserveTopology(p.geom, :simplify_deg), 6)
    FROM (SELECT n.id, min(ST_Distance(n.geom::geography, s.geom::geography)) AS distance_m
          FROM parcels s
          JOIN parcels n ON n.geom && ST_Expand(
                   s.geom, 1.1 * :radius_m / (111320.0 * greatest(cos(radians(ST_YMax(s.geom))), 0.01)))
                AND ST_DWithin(n.geom::geography, s.geom::geography, :radius_m)
          WHERE s.id = ANY(:ids) AND n.valid_to IS NULL AND n.id <> ALL(:ids)
          GROUP BY n.id
          ORDER BY distance_m, n.id
          LIMIT :limit) near
    JOIN parcels p ON p.id = near.id
    ORDER BY near.distance_m, p.id
""")


def near_parcels(session, parcel_ids: Sequence[int], radius_m: float, limit: int,
                 simplify_deg: float = 0.00001) -> list[NearParcel]:
    """The live parcels (not end-dated, not among ``parcel_ids``) within ``radius_m`` metres of any of
    ``parcel_ids``, nearest first, at most ``limit``; outlines simplified by ``simplify_deg``."""
    ids = list(parcel_ids)
    if not ids or limit <= 0:
        return []
    rows = session.execute(NEAR_PARCELS, {"ids": ids, "radius_m": radius_m, "limit": limit,
                                           "simplify_deg": simplify_deg})
    return [NearParcel(*row) for row in rows]
