"""Build the rollup benchmark database: 16 real districts, 100k parcels, 1M projects.

    .venv/bin/python benchmarks/rollups_data.py registry_bench_i6 [--projects 1000000 --parcels 100000]
    .venv/bin/python benchmarks/rollups_data.py registry_bench_i6 --server <url of a server's postgres db>

The database is made (dropped first) in the project-local cluster, or with ``--server`` (default:
``BENCH_SERVER_URL``) on that server, e.g. a shared test server beside other engineers' databases.

Projects are generated in SQL (one INSERT … SELECT, so the statement-level triggers fill
project_history and rollup_cells exactly as any bulk write would). Their history is then spread
over the years it took (``HISTORY_SQL``; ``--flat-history`` keeps every state stamped at the load,
as the first measurement had it): each project registered before its completion, approved until
then, completed until verified, and one verified project in twenty corrected 100 days after its
verification — about 2.1M states, so a report as of a past day has something to say. Only the
stamps and the earlier states change: the states open now, and so the cells, are the load's.
"""
from __future__ import annotations

import argparse
import os
import time

from sqlalchemy import create_engine, pool, text
from sqlalchemy.orm import Session

from registry import migrations
from registry.localdb import LocalCluster
from scratch import recreate_on_server
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

# Stamps at 10:00 (registration, completion) and 15:00 (verification, the day after the date: a
# project completed and verified the same day is completed first), Shanghai time.
_STAMPS = """
    WITH p AS (
        SELECT h.id, h.status, h.completed_on, h.verified_on, h.project_id % 20 = 0 AND h.status = 'verified' AS corrected,
               (coalesce(h.completed_on - (30 + h.project_id % 150), make_date(h.year, 1 + h.project_id % 12,
                                                                               1 + h.project_id % 28))
                + time '10:00') AT TIME ZONE 'Asia/Shanghai' AS registered,
               (h.completed_on + 1 + time '10:00') AT TIME ZONE 'Asia/Shanghai' AS completed,
               (h.verified_on + 1 + time '15:00') AT TIME ZONE 'Asia/Shanghai' AS verified
        FROM project_history h WHERE h.reference LIKE 'B-%' AND h.valid_to IS NULL)
"""
_KEPT = ("project_id, reference, title, kind, year, district_code, savings_tce_equal_value, installed_kw, "
         "remanufactured_kw, investment_wan_yuan, freed_land_m2, output_value_wan_yuan, savings_method, "
         "is_illustrative, subsidy_requested_wan_yuan, subsidy_approved_wan_yuan")
HISTORY_SQL = [
    # the states before the present one: approved (no dates), completed (not yet verified), and the
    # verified figures before a correction (savings 10 % higher)
    f"""{_STAMPS}
    INSERT INTO project_history ({_KEPT}, status, savings_tce, completed_on, verified_on, valid_from, valid_to)
    SELECT {", ".join("h." + c.strip() for c in _KEPT.split(","))}, s.status, s.savings_tce, s.completed_on,
           s.verified_on, s.valid_from, s.valid_to
    FROM p JOIN project_history h ON h.id = p.id
    CROSS JOIN LATERAL (VALUES
        ('approved', h.savings_tce, NULL::date, NULL::date, p.registered, p.completed, p.completed_on IS NOT NULL),
        ('completed', h.savings_tce, h.completed_on, NULL, p.completed, p.verified, p.status = 'verified'),
        ('verified', round(h.savings_tce * 1.1, 3), h.completed_on, h.verified_on, p.verified,
         p.verified + interval '100 days', p.corrected)
    ) s(status, savings_tce, completed_on, verified_on, valid_from, valid_to, wanted)
    WHERE s.wanted""",
    f"""{_STAMPS}
    UPDATE project_history h SET valid_from = CASE
        WHEN p.corrected THEN p.verified + interval '100 days' WHEN p.status = 'verified' THEN p.verified
        WHEN p.status = 'completed' THEN p.completed
        ELSE p.registered END
    FROM p WHERE h.id = p.id""",
]

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
    parser.add_argument("--flat-history", action="store_true",
                        help="keep every state stamped at the load (no earlier states)")
    parser.add_argument("--server", default=os.environ.get("BENCH_SERVER_URL"),
                        help="a server's URL to make the database on (default: the project-local cluster)")
    args = parser.parse_args()
    if args.server:
        url = recreate_on_server(args.server, args.database)
    else:
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
        if not args.flat_history:
            started = time.perf_counter()
            for sql in HISTORY_SQL:
                conn.execute(text(sql))
            print(f"history spread over the years: {time.perf_counter() - started:.1f} s")
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("VACUUM ANALYZE"))
        for table in ("projects", "parcels", "project_history", "rollup_cells"):
            print(table, conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    engine.dispose()


if __name__ == "__main__":
    main()
