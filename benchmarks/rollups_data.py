"""Build the rollup benchmark database: 16 real districts, 100k parcels, 1M projects.

    .venv/bin/python benchmarks/rollups_data.py registry_bench_i6 [--projects 1000000 --parcels 100000]

Projects are generated in SQL (one INSERT … SELECT, so the statement-level triggers fill
project_history and rollup_cells exactly as any bulk write would).
"""
from __future__ import annotations

import argparse
import time

from sqlalchemy import create_engine, pool, text
from sqlalchemy.orm import Session

from registry import migrations
from registry.localdb import LocalCluster
from registry.services.demo import load_demo

PROJECTS_SQL = """
INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs,
    savings_tce, savings_tce_equal_value, installed_kw, remanufactured_kw, investment_wan_yuan,
    freed_land_m2, output_value_wan_yuan, completed_on, verified_on, is_illustrative)
SELECT 'B-' || g, k.kind, y.year, s.status, '基准项目 ' || g, :enterprise, d.codes[1 + g % cardinality(d.codes)], '{}',
       round((random() * 2000)::numeric, 3),
       CASE WHEN g % 7 = 0 THEN NULL ELSE round((random() * 2500)::numeric, 3) END,
       CASE WHEN k.kind = 'motor_upgrade' THEN (1 + g % 2000)::numeric END,
       CASE WHEN k.kind = 'motor_upgrade' THEN (1 + g % 2000) * 0.25 END,
       round((random() * 5000)::numeric, 1),
       CASE WHEN k.kind = 'structural_adjustment' THEN round((random() * 50000)::numeric, 1) END,
       round((random() * 80000)::numeric, 1),
       CASE WHEN s.status IN ('completed', 'verified') THEN make_date(y.year, 1 + g % 12, 1 + g % 28) END,
       CASE WHEN s.status = 'verified' THEN make_date(y.year, 1 + g % 12, 1 + g % 28) + (g % 60) END,
       true
FROM generate_series(1, :count) g
CROSS JOIN LATERAL (SELECT (ARRAY['structural_adjustment','boiler_replacement','motor_upgrade','technical_retrofit',
                                  'contract_energy_management','cleaner_production'])[1 + (g * 7) % 6] AS kind) k
CROSS JOIN LATERAL (SELECT 2010 + g % 10 AS year) y
CROSS JOIN LATERAL (SELECT (ARRAY['verified','verified','verified','verified','completed','approved','submitted','draft'])
                           [1 + (g * 13) % 8] AS status) s
CROSS JOIN (SELECT array_agg(code ORDER BY code) AS codes FROM districts) d
"""

PARCELS_SQL = """
INSERT INTO parcels (code, geom, land_use_class, district_code, status, is_illustrative)
SELECT 'BP-' || d.code || '-' || pt.path[1], ST_Multi(ST_Buffer(pt.geom, 0.0005, 2)), 'M1', d.code, 'in_use', true
FROM districts d
CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(d.geom, :per_district, 6)) pt
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--projects", type=int, default=1_000_000)
    parser.add_argument("--parcels", type=int, default=100_000)
    args = parser.parse_args()
    cluster = LocalCluster.default()
    cluster.start()
    url = cluster.recreate_database(args.database)
    migrations.upgrade(url)
    engine = create_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        load_demo(session, parcels=300, projects=60)  # districts, targets, accounts, a few real-looking projects
    with engine.begin() as conn:
        started = time.perf_counter()
        conn.execute(text(PARCELS_SQL), {"per_district": (args.parcels - 300) // 16})
        print(f"parcels: {time.perf_counter() - started:.1f} s")
        enterprise = conn.execute(text("SELECT min(id) FROM enterprises")).scalar_one()
        started = time.perf_counter()
        conn.execute(text(PROJECTS_SQL), {"count": args.projects, "enterprise": enterprise})
        print(f"projects (with triggers): {time.perf_counter() - started:.1f} s")
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("VACUUM ANALYZE"))
        for table in ("projects", "parcels", "project_history", "rollup_cells"):
            print(table, conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    engine.dispose()


if __name__ == "__main__":
    main()
