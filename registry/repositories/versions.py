"""Versions: numbers the database draws when data changes, so that what was computed from the data
can be kept under them and is never invalidated by hand. Every reader of a version goes through here.

Both kinds are written by statement-level triggers in the writer's transaction, from a sequence (a
number names one state for good: a rolled-back write leaves a gap, never a number reused), and both
lock their row to commit, so writers of one row wait for each other. They number different things,
hence two tables (docs/development.md, "Decisions", "Two kinds of version"):

- **Layer versions** (``layer_versions``, migrations 0005, 0010, 0013): one per map layer
  (``parcels``, ``projects``, ``zones``, ``districts``), moved by any statement that writes a row
  with a geometry of the tables the layer shows (seven tables, some feeding two layers — a parcel's
  status is on the map), and the head of the layer's change log (``layer_changes``: the box of each
  change, by which a cached tile is kept until a change touches it). Read by every tile request,
  the OGC collections' extents and the maps drawn once (``web/drawn_once.py``).
- **Table versions** (``data_versions``, migration 0040): one per table a kept report reads
  (``parcel_outputs``, ``parcels`` — only its code, district, area or geometry: a status edit changes
  no figure —, ``parcel_zones``, ``zones``, ``districts``, ``targets``), and of the tables the
  project list's count reads (``projects``, ``enterprises``: migration 0048), no log. Read by
  ``services/report_cache.py`` for the land-output report and the list's count.

A write with the triggers disabled moves neither: docs/operations.md, "After a write with triggers
disabled", says what an operator runs then.
"""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

_LAYER = text("SELECT 'layer_versions'::regclass::oid, version FROM layer_versions WHERE layer = :l")
_LAYERS = text("SELECT current_database(), layer, version FROM layer_versions")

# The database and the versions' table (a database dropped and made again, a restore that drops and
# makes the table again — ``registry db restore`` — start the sequence again from an older number:
# either oid then differs), the versions in the order asked for, and whether this transaction wrote
# past the per-transaction versions (its own numbers no longer follow its writes).
_TABLES = text("""
    SELECT (SELECT oid FROM pg_database WHERE datname = current_database()), 'data_versions'::regclass::oid,
           array_agg(v.version ORDER BY array_position(s.subjects, v.subject::text)),
           current_setting('registry.data_versions_unsettled', true)
      FROM data_versions v, (SELECT CAST(:subjects AS text[])) s(subjects)
     WHERE v.subject = ANY(s.subjects)
""")


def of_layer(session: Session, layer: str) -> tuple[int, int]:
    """(the versions' table's oid, the version of one map layer): a tile's cache key and ETag, one
    primary-key read. A restore that makes the table anew (``registry db restore``) starts the
    sequence again from the backup's numbers; the oid then differs, so a number drawn again after it
    is not taken for the state it named before."""
    epoch, version = session.execute(_LAYER, {"l": layer}).one()
    return int(epoch), version


def of_all_layers(session: Session) -> tuple[str, dict[str, int]]:
    """(the database's name, the version of each layer): an extent read at a version holds until the
    layer changes."""
    rows = session.execute(_LAYERS).all()
    return (rows[0][0] if rows else ""), {layer: version for _db, layer, version in rows}


def of_layers(session: Session, *layers: str) -> tuple[str, ...]:
    """(the database's name, then each layer's version, -1 for a layer never written): what was
    drawn from these layers at these versions holds until one of them changes."""
    database, versions = of_all_layers(session)
    return (database, *(versions.get(layer, -1) for layer in layers))


def of_tables(session: Session, tables: Sequence[str]) -> tuple[int, ...] | None:
    """The database and the versions of ``tables`` now, as a cache key; None when this transaction's
    own writes have outrun their versions (a report it computes must not be kept, nor a kept one
    given to it)."""
    database, table, numbers, unsettled = session.execute(_TABLES, {"subjects": list(tables)}).one()
    if unsettled == "on" or numbers is None or len(numbers) != len(tables):
        return None
    return (int(database), int(table), *numbers)
