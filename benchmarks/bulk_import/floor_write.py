"""Steps 2 and 3 of floor.sh: write the rows of ``ogr_parcels`` (loaded there by ogr2ogr) into
``parcels`` and time it, then roll back. Step 3 sets aside and restores exactly what the import's
first load does (``parcel_writes``' own functions), so the floor follows the import if that changes.

    .venv/bin/python benchmarks/bulk_import/floor_write.py DATABASE_URL OGR2OGR_SECONDS
"""
from __future__ import annotations

import sys
import time

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from registry.repositories import parcel_writes

INSERT = text("""
    INSERT INTO parcels (code, geom, area_m2, land_use_class, district_code, status, valid_from, valid_to,
                         is_illustrative)
    SELECT code, geom, area_m2, land_use_class, district_code, status, valid_from::date, valid_to::date,
           is_illustrative::boolean FROM ogr_parcels ORDER BY fid""")


def timed(label: str, step) -> float:
    started = time.perf_counter()
    step()
    seconds = time.perf_counter() - started
    print(f"   {label:<40} {seconds:7.2f} s")
    return seconds


def write(engine, first_load: bool, ogr_seconds: float) -> None:
    with Session(engine) as session:
        session.execute(text("CHECKPOINT"))
        session.commit()
        # the area comes with the row, as the import writes it
        session.execute(text("SET LOCAL registry.area_written = on; SET LOCAL work_mem = '128MB'"))
        total = 0.0
        suspended = None
        if first_load:
            def suspend():
                nonlocal suspended
                suspended = parcel_writes._suspend_first_load_checks(session)
                suspended[1].extend(parcel_writes._set_aside_unique_codes(session))
            total += timed("drop indexes, set aside constraints", suspend)
        total += timed("INSERT … SELECT into parcels", lambda: session.execute(INSERT))
        if first_load:
            total += timed("rebuild indexes, re-validate constraints",
                           lambda: parcel_writes._restore_first_load_checks(session, suspended))
        print(f"   total {total:.2f} s = {total / ogr_seconds:.2f} x ogr2ogr")
        session.rollback()


def main(url: str, ogr_seconds: float) -> None:
    engine = create_engine(url)
    print("2. INSERT into parcels, indexes and constraints live:")
    write(engine, first_load=False, ogr_seconds=ogr_seconds)
    print("3. the same as a first load (registry/repositories/parcel_writes.py):")
    write(engine, first_load=True, ogr_seconds=ogr_seconds)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
