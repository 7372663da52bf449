"""The project list's download at city scale: time and peak memory of ``export_projects`` — what the
page, the API and ``registry projects export`` call — writing every project as XLSX and as CSV.

    DATABASE_URL=$URL .venv/bin/registry demo synth --parcels 200000 --projects 100000 --seed 7
    .venv/bin/python benchmarks/bench_project_export.py $URL [--runs 3]

Each case runs in a process of its own (this script calls itself with ``--case``), so its peak
resident memory (``ru_maxrss``) is that export's alone; the process's memory before the export
(Python, the registry's modules, a connection) is printed beside it. The file goes to a temporary
file, as a download's does (``registry.downloads.export_response``). Results go to
docs/performance.md ("Downloading the project list").
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time

from sqlalchemy.orm import Session

from openpyxl.xml import LXML

from registry.catalogues import translator
from registry.db import make_engine
from registry.domain.permissions import Actor
from registry.services.project_exports import export_projects
from registry.services.projects.listing import ProjectFilter
from timing import median

# name → (actor, filters, format)
CASES = {
    "every project, XLSX (administrator)": (Actor.system(), ProjectFilter(), "xlsx"),
    "every project, CSV (administrator)": (Actor.system(), ProjectFilter(), "csv"),
    "every project by enterprise, XLSX": (Actor.system(), ProjectFilter(sort="enterprise", descending=False), "xlsx"),
    "one district's staff, every district, CSV": (Actor(None, "pudong", "district_staff", "310115"), ProjectFilter(), "csv"),
    "text 电机, XLSX": (Actor.system(), ProjectFilter(text="电机"), "xlsx"),
}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_case(url: str, name: str) -> dict:
    actor, filters, fmt = CASES[name]
    engine = make_engine(url)
    with Session(engine) as session:
        session.connection()
        before = _rss_mb()
        with tempfile.TemporaryFile() as out:
            started = time.perf_counter()
            written = export_projects(session, actor, filters, fmt, out, translator("zh_Hans_CN"))
            seconds = time.perf_counter() - started
            size = out.tell()
    engine.dispose()
    return {"seconds": seconds, "rows": written.count, "bytes": size, "rss_before_mb": before, "peak_rss_mb": _rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="run the cases whose name holds this text")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.url, args.case)))
        return
    print(f"{'case':44} {'rows':>8} {'MB':>6} {'median s':>9} {'all s':>18} {'RSS before':>10} {'peak RSS':>9}")
    print(f"openpyxl writes XML with {'lxml' if LXML else 'its own serialiser (no lxml)'}")
    for name in (n for n in CASES if args.only is None or args.only in n):
        results = [json.loads(subprocess.run([sys.executable, __file__, args.url, "--case", name], check=True,
                                             capture_output=True, text=True).stdout) for _ in range(args.runs)]
        seconds = [r["seconds"] for r in results]
        last = results[-1]
        print(f"{name:44} {last['rows']:>8,} {last['bytes'] / 1e6:>6.1f} {median(seconds):>9.1f} "
              f"{' '.join(f'{s:.1f}' for s in seconds):>18} {last['rss_before_mb']:>8.0f} MB "
              f"{max(r['peak_rss_mb'] for r in results):>6.0f} MB")


if __name__ == "__main__":
    main()
