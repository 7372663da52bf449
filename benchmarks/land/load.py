"""Fill a benchmark database with N synthetic parcels by COPY (freed-land benchmarks).

    .venv/bin/python benchmarks/land/load.py registry_bench_i5 1000000

Real districts and generated zones go through the normal loader; the parcels (geo.synth) are
streamed with COPY, their district and zone taken from the generator (each lies inside exactly
one district), so no spatial derivation is needed. 10 % are freed (2013–2017), a tenth of those
planned and a tenth redeveloped. Prints the database URL.
"""
from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta
from itertools import islice

import shapely
from sqlalchemy import text
from sqlalchemy.orm import Session

from geo.synth import generate_parcels, generate_zones
from registry import migrations
from registry.db import make_engine
from registry.localdb import LocalCluster
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset, ZoneRecord

FREED_SHARE = 0.10
BATCH = 100_000


def main(name: str, count: int, seed: int = 20131) -> str:
    cluster = LocalCluster.default()
    cluster.start()
    url = cluster.recreate_database(name)
    migrations.upgrade(url)
    engine = make_engine(url)
    districts = shipped_districts()
    tuples = [(d.code, d.name_zh, d.name_en, d.geometry) for d in districts]
    zones = generate_zones(tuples, seed=seed)
    with Session(engine) as session:
        load_dataset(session, Dataset(districts=tuple(districts), zones=tuple(
            ZoneRecord(z.kind, z.name_zh, z.name_en, z.geometry, z.district_code, True) for z in zones)), illustrative=True)
        ids = dict(((k, n), i) for k, n, i in session.execute(text("SELECT kind, name_zh, id FROM zones")))
    zone_ids = [ids[(z.kind, z.name_zh)] for z in zones]
    rng = random.Random(seed)
    started = time.perf_counter()
    specs = generate_parcels(zones, tuples, count, seed=seed)
    parcel_id = 0
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        while batch := list(islice(specs, BATCH)):
            geoms = shapely.set_srid(shapely.from_wkb(shapely.to_wkb([s.geometry for s in batch])), 4326)
            hexes = shapely.to_wkb(geoms, hex=True, include_srid=True)
            links = []
            with cursor.copy("COPY parcels (id, code, geom, land_use_class, district_code, status, freed_on, "
                             "valid_from, is_illustrative) FROM STDIN") as copy:
                for spec, wkb in zip(batch, hexes):
                    parcel_id += 1
                    status, freed_on = "in_use", None
                    if rng.random() < FREED_SHARE:
                        freed_on = date(2013, 1, 1) + timedelta(days=rng.randint(0, 5 * 365 - 1))
                        roll = rng.random()
                        status = "redeveloped" if roll < 0.1 else "redevelopment_planned" if roll < 0.2 else "freed"
                    copy.write_row((parcel_id, spec.code, wkb, spec.land_use_class, spec.district_code, status,
                                    freed_on, date(2010, 1, 1), True))
                    if spec.zone_index is not None:
                        links.append((parcel_id, zone_ids[spec.zone_index]))
            with cursor.copy("COPY parcel_zones (parcel_id, zone_id) FROM STDIN") as copy:
                for row in links:
                    copy.write_row(row)
            raw.commit()
            print(f"{parcel_id:>9,} parcels  {time.perf_counter() - started:6.1f} s", file=sys.stderr)
        cursor.execute("SELECT setval('parcels_id_seq', %s)", (parcel_id,))
        raw.commit()
    finally:
        raw.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()
    return url


if __name__ == "__main__":
    print(main(sys.argv[1], int(sys.argv[2])))
