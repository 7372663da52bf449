"""A site and its surroundings for the tests of a map's surroundings (lon/lat boxes, EPSG:4326).

Near 31.2° N, where 0.001° is ~95 m east–west and ~111 m north–south; the distances are S's, the
radius 250 m:

  S   the subject, ~95 × 100 m, in a 198 region and a development zone
  E   ~50 m east of S                     (in)
  N   ~200 m north of S                   (in)
  NE  ~140 m east and ~166 m north: ~219 m (in: the geodesic distance, under 250)
  FAR ~210 m east and ~222 m north: ~305 m (out, though inside the box the index reads)
  W   ~300 m west of S                    (out)
  OLD overlapping E, end-dated            (out: not live)
"""
from __future__ import annotations

from sqlalchemy import text

from geo import queries

BOXES = {
    "S": (121.4000, 31.2000, 121.4010, 31.2009),
    "E": (121.401525, 31.2000, 121.402525, 31.2009),
    "N": (121.4000, 31.2027, 121.4010, 31.2036),
    "NE": (121.4025, 31.2024, 121.4030, 31.2029),
    "FAR": (121.4032, 31.2029, 121.4037, 31.2034),
    "W": (121.3958, 31.2000, 121.39685, 31.2009),
    "OLD": (121.4016, 31.2001, 121.4024, 31.2008),
}
ZONES = {"region_198": (121.399, 31.199, 121.405, 31.205), "development_zone": (121.3995, 31.1995, 121.4015, 31.2015)}


def _box(minx, miny, maxx, maxy) -> str:
    return f"ST_Multi(ST_MakeEnvelope({minx}, {miny}, {maxx}, {maxy}, 4326))"


def seed_site(session) -> dict[str, int]:
    """Insert the zones and parcels above (no district); parcel ids by name. Zones derived in SQL."""
    for kind, bounds in ZONES.items():
        session.execute(text(f"INSERT INTO zones (kind, name_zh, name_en, geom) VALUES (:k, :zh, :en, {_box(*bounds)})"),
                        {"k": kind, "zh": f"测试{kind}", "en": f"Test {kind}"})
    ids = {}
    for name, bounds in BOXES.items():
        ids[name] = session.execute(text(
            f"INSERT INTO parcels (code, geom, land_use_class, valid_from, valid_to) VALUES "
            f"(:code, {_box(*bounds)}, 'M1', DATE '2010-01-01', CAST(:to AS date)) RETURNING id"),
            {"code": f"T-{name}", "to": "2015-01-01" if name == "OLD" else None}).scalar_one()
    queries.derive_parcel_locations(session, list(ids.values()))
    session.flush()
    return ids
