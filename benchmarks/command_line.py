"""What the benchmark scripts run against a database share on their command line and in their first
line of output: the database's URL, how many timed runs of each case, and the sizes of the tables the
figures depend on (a figure means little without them)."""
from __future__ import annotations

import argparse

from sqlalchemy import text


def database_arguments(runs: int) -> argparse.ArgumentParser:
    """A parser of ``url`` (the benchmarked database) and ``--runs`` (timed runs per case, after one
    warm-up); a script adds its own options."""
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--runs", type=int, default=runs)
    return parser


def table_counts(connection, *tables: str) -> tuple[int, ...]:
    """The rows of each of ``tables``, in one statement (names from the script, never from input)."""
    counts = ", ".join(f"(SELECT count(*) FROM {table})" for table in tables)
    return tuple(connection.execute(text(f"SELECT {counts}")).one())
