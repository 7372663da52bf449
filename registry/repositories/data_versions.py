"""Versions of the data a kept report was computed from (``data_versions``, migration 0040): one
per input table, drawn from a sequence by a trigger on every statement that changes what the
reports read of it, so equal versions mean equal data."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

# The database and the versions' table (a database dropped and made again, a restore that drops and
# makes the table again — ``registry db restore`` — start the sequence again from an older number:
# either oid then differs), the versions in the order asked for, and whether this transaction wrote
# past the per-transaction versions (its own numbers no longer follow its writes).
_READ = text("""
    SELECT (SELECT oid FROM pg_database WHERE datname = current_database()), 'data_versions'::regclass::oid,
           array_agg(v.version ORDER BY array_position(s.subjects, v.subject::text)),
           current_setting('registry.data_versions_unsettled', true)
      FROM data_versions v, (SELECT CAST(:subjects AS text[])) s(subjects)
     WHERE v.subject = ANY(s.subjects)
""")


def versions(session: Session, subjects: Sequence[str]) -> tuple[int, ...] | None:
    """The database and the versions of ``subjects`` now, as a cache key; None when this
    transaction's own writes have outrun their versions (a report it computes must not be kept,
    nor a kept one given to it)."""
    database, table, numbers, unsettled = session.execute(_READ, {"subjects": list(subjects)}).one()
    if unsettled == "on" or numbers is None or len(numbers) != len(subjects):
        return None
    return (int(database), int(table), *numbers)
