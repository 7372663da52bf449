"""What the download benchmarks share (``bench_project_export.py``, ``bench_enterprise_export.py``): each
case runs in a process of its own (the script calls itself with ``--case``), so its peak resident memory
(``ru_maxrss``) is that export's alone, printed beside the process's memory before the export (Python,
the registry's modules, a connection); the file goes to a temporary file, as a download's does
(``registry.downloads.export_response``)."""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from typing import BinaryIO, Callable

from sqlalchemy.orm import Session

from openpyxl.xml import LXML

from command_line import database_arguments
from registry.db import make_engine
from timing import median

# a case's export: (session, the file) → what was written (``ExportedFile``: its ``count``)
Export = Callable[[Session, BinaryIO], object]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_case(url: str, export: Export) -> dict:
    engine = make_engine(url)
    with Session(engine) as session:
        session.connection()
        before = _rss_mb()
        with tempfile.TemporaryFile() as out:
            started = time.perf_counter()
            written = export(session, out)
            seconds = time.perf_counter() - started
            size = out.tell()
    engine.dispose()
    return {"seconds": seconds, "rows": written.count, "bytes": size, "rss_before_mb": before, "peak_rss_mb": _rss_mb()}


def main(script: str, cases: dict[str, Export]) -> None:
    """The command line of a download benchmark ``script`` (its ``__file__``) over ``cases``."""
    parser = database_arguments(runs=3)
    parser.add_argument("--only", help="run the cases whose name holds this text")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.url, cases[args.case])))
        return
    print(f"{'case':44} {'rows':>8} {'MB':>6} {'median s':>9} {'all s':>18} {'RSS before':>10} {'peak RSS':>9}")
    print(f"openpyxl writes XML with {'lxml' if LXML else 'its own serialiser (no lxml)'}")
    for name in (n for n in cases if args.only is None or args.only in n):
        results = [json.loads(subprocess.run([sys.executable, script, args.url, "--case", name], check=True,
                                             capture_output=True, text=True).stdout) for _ in range(args.runs)]
        seconds = [r["seconds"] for r in results]
        last = results[-1]
        print(f"{name:44} {last['rows']:>8,} {last['bytes'] / 1e6:>6.1f} {median(seconds):>9.1f} "
              f"{' '.join(f'{s:.1f}' for s in seconds):>18} {last['rss_before_mb']:>8.0f} MB "
              f"{max(r['peak_rss_mb'] for r in results):>6.0f} MB")
