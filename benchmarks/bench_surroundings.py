"""A site's surroundings at city scale (``services.surroundings.surroundings``: the zones a parcel
lies in and the live parcels within 250 m, at most 60) for the parcels of the densest plots, the
largest ones and a project's site, over synthetic parcels.

    DATABASE_URL=<url of an empty database> .venv/bin/registry db upgrade
    DATABASE_URL=<same> .venv/bin/registry demo synth --parcels 200000 --projects 2000 --seed 7
    .venv/bin/python benchmarks/bench_surroundings.py <same url> [--runs 30] [--explain]

Median and p95 of ``--runs`` after a warm-up; ``--explain`` prints EXPLAIN ANALYZE of the neighbour
query for each case (it should read ``ix_parcels_geom``, never the whole table). Results go to
docs/freed-land.md ("A parcel's surroundings on its maps").
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from command_line import database_arguments, table_counts
from geo import queries
from registry.db import make_engine
from registry.services.surroundings import NEARBY_LIMIT, NEARBY_RADIUS_M, surroundings
from timing import median, p95, timed

# name: the statement choosing the parcels whose surroundings a page draws
CASES = {
    "the smallest live parcel (dense plots)": "SELECT ARRAY[id] FROM parcels WHERE valid_to IS NULL ORDER BY area_m2, id LIMIT 1",
    "the largest live parcel": "SELECT ARRAY[id] FROM parcels WHERE valid_to IS NULL ORDER BY area_m2 DESC, id LIMIT 1",
    "the project with the most parcels": ("SELECT array_agg(parcel_id) FROM project_parcels WHERE project_id = "
                                          "(SELECT project_id FROM project_parcels GROUP BY project_id "
                                          "ORDER BY count(*) DESC, project_id LIMIT 1)"),
}


def main() -> None:
    parser = database_arguments(runs=30)
    parser.add_argument("--explain", action="store_true")
    options = parser.parse_args()
    engine = make_engine(options.url)
    with Session(engine) as session:
        parcels, zones = table_counts(session, "parcels", "zones")
        print(f"{parcels:,} parcels, {zones:,} zones; radius {NEARBY_RADIUS_M} m, at most {NEARBY_LIMIT}")
        for name, chosen in CASES.items():
            ids = session.execute(text(chosen)).scalar_one()
            around = surroundings(session, ids)
            ms = timed(lambda: surroundings(session, ids), options.runs)
            print(f"{name} ({len(ids)} parcels): {len(around.zones)} zones, {len(around.nearby)} nearby; "
                  f"median {median(ms):.1f} ms, p95 {p95(ms):.1f} ms")
            if options.explain:
                params = {"ids": ids, "radius_m": NEARBY_RADIUS_M, "limit": NEARBY_LIMIT, "simplify_deg": 0.00001}
                for (line,) in session.execute(text("EXPLAIN (ANALYZE, BUFFERS OFF) " + queries.NEAR_PARCELS.text), params):
                    print("   ", line)
            session.rollback()


if __name__ == "__main__":
    main()
