"""Online monitoring figures near the projects' own claims, for ``bench_monitoring.py``, over a
``registry demo synth`` database (its enterprises hold one or two projects each).

    .venv/bin/python benchmarks/monitoring_claims_data.py <database url> [--every 4] [--big 500] [--file f.csv]

First the first Pudong enterprise is made a *big* one of ``--big`` projects (``monitoring_data.gather``).
Then every ``--every``-th enterprise by id, and the big one, is a key energy user: each year its
projects claim (``monitoring_checks.claim_of``, the first project's claim of the year) is monitored
at that claim times a ratio drawn from the code and year — 6 in 10 within 4 % (consistent), 2 in 10
at 0.7 or 1.5 (flagged: a whole claim deviates, a part exceeds the whole or not), 2 in 10 not
monitored (no data) — and every one is monitored in 2018 too, a year nobody claims (so an enterprise
whose claimed years all went unmonitored is still a candidate). The rows are written to a CSV file
and loaded as an administrator's file is (``services.monitoring.import_monitoring``, the CLI's and
the page's load); a second run replaces the same figures with themselves.
"""
from __future__ import annotations

import argparse
import csv
import time
import zlib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from monitoring_data import cases, gather
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.services.monitoring import import_monitoring
from registry.services.monitoring_checks import claim_of
from registry.services.monitoring_file import COLUMNS
from registry.services.savings import FactorCache

CENT = Decimal("0.01")
UNCLAIMED_YEAR = 2018
SOURCE = "bench monitoring_claims_data.py"


def ratio(code: str, year: int) -> Decimal | None:
    """The monitored figure over the claim for ``code`` in ``year``; ``None``: not monitored."""
    draw = zlib.crc32(f"{code}/{year}".encode()) % 100
    if draw < 60:
        return Decimal(96 + draw % 9) / 100  # 0.96–1.04
    if draw < 80:
        return Decimal("0.7") if draw % 2 else Decimal("1.5")
    return None


def figures(session: Session, every: int) -> list[tuple[str, int, Decimal]]:
    """(code, year, consumption) of the monitored enterprises."""
    big = cases(session.connection())["big"]
    rows = session.execute(text("""
        SELECT e.credit_code, p.inputs FROM enterprises e JOIN projects p ON p.enterprise_id = e.id
        WHERE e.id IN (SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM enterprises) o
                       WHERE (n - 1) % :every = 0) OR e.id = :big
        ORDER BY e.credit_code, p.id"""), {"every": every, "big": big})
    factors, claimed, codes = FactorCache(session), {}, set()
    for code, inputs in rows:
        codes.add(code)
        if (claim := claim_of(inputs, factors)) is not None:
            claimed.setdefault((code, claim.year), claim.consumption_tce)
    out = [(code, UNCLAIMED_YEAR, Decimal(1000)) for code in sorted(codes)]
    for (code, year), tce in sorted(claimed.items()):
        if (r := ratio(code, year)) is not None:
            out.append((code, year, (tce * r).quantize(CENT, ROUND_HALF_UP)))
    return out


def write(path: Path, rows: list[tuple[str, int, Decimal]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        sheet = csv.writer(out)
        sheet.writerow([header for _key, header in COLUMNS])
        sheet.writerows((code, year, str(tce), SOURCE) for code, year, tce in rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--every", type=int, default=4, help="every N-th enterprise is monitored")
    parser.add_argument("--big", type=int, default=500, help="projects of the big enterprise")
    parser.add_argument("--file", type=Path, default=Path("/tmp/bench_monitoring.csv"))
    args = parser.parse_args()
    started = time.perf_counter()
    engine = make_engine(args.url)
    with engine.begin() as conn:
        gather(conn, args.big)
    with Session(engine) as session:
        rows = figures(session, args.every)
    write(args.file, rows)
    with Session(engine) as session:
        load = import_monitoring(session, Actor.system(), args.file)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in ("projects", "enterprises", "energy_monitoring"):
            conn.execute(text(f"VACUUM ANALYZE {table}"))
    engine.dispose()
    print(f"{args.file}: {load.rows_read:,} rows, {load.inserted:,} added, {load.replaced:,} replaced, "
          f"{load.unchanged:,} unchanged, {len(load.problems)} problems ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
