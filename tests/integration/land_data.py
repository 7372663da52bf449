"""A small, hand-laid map for the freed-land tests (lon/lat boxes, EPSG:4326).

Districts A (310101) and B (310104) share the meridian 121.50. Zones: a development zone and a
198 region in A, a 104 block in B. Parcels (freed unless said otherwise):

  P1  A, development zone, M1, ~42,300 m², freed 2014-05-01
  P2  B, 104 block, M2, ~10,600 m², freed 2016-03-01
  P3  over the A/B boundary (¼ in A, ¾ in B → district B), no zone, W1, ~42,200 m², freed 2015
  P4  A, 198 region, M1, ~10,600 m², redevelopment planned, freed 2013
  P5  A, development zone, in use (never freed)
  P6  A, freed but end-dated (split long ago) → never in results
  P7  A, no zone, A35, ~10,600 m², redeveloped, freed 2017
"""
from __future__ import annotations

from sqlalchemy import text

from geo import queries

A, B = "310101", "310104"
BOXES = {
    "A": (121.40, 31.20, 121.50, 31.30), "B": (121.50, 31.20, 121.60, 31.30),
    "Z1": (121.41, 31.21, 121.45, 31.25), "Z2": (121.51, 31.21, 121.55, 31.25), "Z3": (121.46, 31.21, 121.49, 31.25),
    "P1": (121.420, 31.220, 121.422, 31.222), "P2": (121.520, 31.220, 121.521, 31.221),
    "P3": (121.499, 31.260, 121.503, 31.261), "P4": (121.470, 31.230, 121.471, 31.231),
    "P5": (121.430, 31.230, 121.431, 31.231), "P6": (121.440, 31.240, 121.441, 31.241),
    "P7": (121.480, 31.280, 121.481, 31.281),
}
PARCELS = {  # name: (land use, status, freed_on, valid_to)
    "P1": ("M1", "freed", "2014-05-01", None), "P2": ("M2", "freed", "2016-03-01", None),
    "P3": ("W1", "freed", "2015-07-01", None), "P4": ("M1", "redevelopment_planned", "2013-09-01", None),
    "P5": ("M1", "in_use", None, None), "P6": ("M1", "freed", "2014-01-01", "2015-01-01"),
    "P7": ("A35", "redeveloped", "2017-02-01", None),
}


def box(name: str) -> str:
    minx, miny, maxx, maxy = BOXES[name]
    return f"ST_Multi(ST_MakeEnvelope({minx}, {miny}, {maxx}, {maxy}, 4326))"


def polygon(minx: float, miny: float, maxx: float, maxy: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[minx, miny], [maxx, miny], [maxx, maxy], [minx, maxy], [minx, miny]]]}


def seed_land(session) -> dict[str, int]:
    """Insert the map; return parcel ids by name (P1…P7). District and zones are derived in SQL."""
    for code, name in ((A, "A"), (B, "B")):
        session.execute(text(f"INSERT INTO districts (code, name_zh, name_en, geom) VALUES "
                             f"(:c, :zh, :en, {box(name)})"), {"c": code, "zh": f"测试{name}区", "en": f"Test {name}"})
    for zone, kind in (("Z1", "development_zone"), ("Z2", "block_104"), ("Z3", "region_198")):
        session.execute(text(f"INSERT INTO zones (kind, name_zh, name_en, geom) VALUES (:k, :zh, :zh, {box(zone)})"),
                        {"k": kind, "zh": f"测试{zone}"})
    ids = {}
    for name, (use, status, freed_on, valid_to) in PARCELS.items():
        ids[name] = session.execute(text(
            f"INSERT INTO parcels (code, geom, land_use_class, status, freed_on, valid_from, valid_to) VALUES "
            f"(:code, {box(name)}, :use, :status, CAST(:freed AS date), DATE '2010-01-01', CAST(:to AS date)) RETURNING id"),
            {"code": f"T-{name}", "use": use, "status": status, "freed": freed_on, "to": valid_to}).scalar_one()
    queries.derive_parcel_locations(session, list(ids.values()))
    session.flush()
    return ids


def committed_land_database(fresh_database_url, name: str) -> str:
    """A fresh, migrated database ``name`` holding the map above, committed (for tests whose requests
    or CLI commands commit for real); its URL."""
    from tests.databases import committed_database

    return committed_database(fresh_database_url, name, seed_land)


# (parcel code, year, 万元 per m²: 0.6 is 60 亿元/km²): the outputs of the land-output tests on a committed database
OUTPUTS = (("T-P5", 2016, "0.5"), ("T-P5", 2017, "0.6"), ("T-P2", 2017, "0.9"))


def record_outputs(session, outputs=OUTPUTS) -> None:
    from decimal import Decimal

    for code, year, per_m2 in outputs:
        session.execute(text("INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) "
                             "SELECT id, :y, area_m2 * :f FROM parcels WHERE code = :c"),
                        {"c": code, "y": year, "f": Decimal(per_m2)})
