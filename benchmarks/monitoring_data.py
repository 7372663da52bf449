"""Online monitoring figures and the enterprise page's three cases for ``bench_enterprise_page.py``, over
the enterprise directory's database (``search_data.py``: 20,000 enterprises of ten projects each, all of
one year).

    .venv/bin/python benchmarks/monitoring_data.py <database url> [--monitored 5000] [--big 200]

Set-based, in one transaction; a second run changes nothing. ``--monitored`` enterprises (every
len/N-th by id: key energy users) get 3–5 years each of comprehensive consumption, the latest 2017
(the demo's projects are of 2013–2017, an exit claims the year before its own). Three of Pudong's
enterprises are shaped as the page's cases: a *typical* one keeps 2 of its projects and is monitored
5 years; one *without* monitoring keeps 2; their other projects, and then other Pudong enterprises'
(of every year, so its claims fall in each monitored year), go to a *big* one until it has ``--big``,
monitored 5 years. Their ids are the lowest of the district, found again by ``cases()``.
"""
from __future__ import annotations

import argparse
import time

from sqlalchemy import text
from sqlalchemy.engine import Connection

from registry.db import make_engine

PUDONG = "310115"
SOURCE = "bench monitoring_data.py"
KEPT = 2  # projects the typical and the unmonitored enterprise keep


def cases(conn: Connection) -> dict[str, int]:
    """The ids of the page's three enterprises (``big``, ``typical``, ``without``)."""
    first = conn.execute(text("SELECT id FROM enterprises WHERE district_code = :d ORDER BY id LIMIT 3"),
                         {"d": PUDONG}).scalars().all()
    return dict(zip(("big", "typical", "without"), first))


def shape(conn: Connection, monitored: int, big_size: int) -> None:
    gather(conn, big_size)
    monitor(conn, monitored)


def gather(conn: Connection, big_size: int) -> None:
    """The typical and the unmonitored enterprise keep ``KEPT`` projects, the big one gets the rest and
    then other Pudong enterprises' until it has ``big_size``."""
    ids = cases(conn)
    if conn.execute(text("SELECT count(*) FROM projects WHERE enterprise_id = :e"), {"e": ids["big"]}).scalar() < big_size:
        for small in (ids["typical"], ids["without"]):
            conn.execute(text("""UPDATE projects SET enterprise_id = :big WHERE id IN (
                                   SELECT id FROM projects WHERE enterprise_id = :small ORDER BY id OFFSET :kept)"""),
                         {"big": ids["big"], "small": small, "kept": KEPT})
        # then the first projects of each year of other Pudong enterprises, years taking turns
        conn.execute(text("""
            UPDATE projects SET enterprise_id = :big WHERE id IN (
              SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY year ORDER BY id) AS n FROM projects
                              WHERE district_code = :d AND enterprise_id <> ALL(:mine)) turns
              ORDER BY n, id LIMIT :n - (SELECT count(*) FROM projects WHERE enterprise_id = :big))"""),
                     {"big": ids["big"], "d": PUDONG, "mine": list(ids.values()), "n": big_size})


def monitor(conn: Connection, monitored: int) -> None:
    """Figures of arbitrary size for every len/``monitored``-th enterprise and the big and typical ones."""
    ids = cases(conn)
    conn.execute(text("""
        INSERT INTO energy_monitoring (credit_code, year, consumption_tce, source)
        SELECT e.credit_code, y, round(200 + (e.id * 7919 + y * 104729) % 20000 + (e.id % 97) / 100.0, 2), :source
        FROM (SELECT id, credit_code, row_number() OVER (ORDER BY id) AS n FROM enterprises
              WHERE id <> :without) e,
             LATERAL generate_series(2017 - (CASE WHEN e.id IN (:big, :typical) THEN 4 ELSE 2 + e.id % 3 END), 2017) y
        WHERE (e.n - 1) % greatest(1, (SELECT count(*) FROM enterprises) / :monitored) = 0 OR e.id IN (:big, :typical)
        ON CONFLICT ON CONSTRAINT uq_energy_monitoring_credit_code_year DO NOTHING"""),
                 {"source": SOURCE, "monitored": monitored, **ids})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--monitored", type=int, default=5000, help="enterprises with monitored figures")
    parser.add_argument("--big", type=int, default=200, help="projects of the big enterprise")
    args = parser.parse_args()
    started = time.perf_counter()
    engine = make_engine(args.url)
    with engine.begin() as conn:
        shape(conn, args.monitored, args.big)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("projects", "energy_monitoring"):
            conn.execute(text(f"VACUUM ANALYZE {table}"))
        ids = cases(conn)
        counts = conn.execute(text("""
            SELECT (SELECT count(DISTINCT credit_code) FROM energy_monitoring), (SELECT count(*) FROM energy_monitoring),
                   (SELECT count(*) FROM projects WHERE enterprise_id = :big),
                   (SELECT count(*) FROM projects WHERE enterprise_id = :typical),
                   (SELECT count(*) FROM projects WHERE enterprise_id = :without)"""), ids).one()
    engine.dispose()
    print(f"{counts[0]:,} enterprises monitored ({counts[1]:,} figures); big {ids['big']}: {counts[2]} projects, "
          f"typical {ids['typical']}: {counts[3]}, without monitoring {ids['without']}: {counts[4]} "
          f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
