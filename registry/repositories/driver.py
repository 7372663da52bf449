"""A read-only stand-in for the ORM session on the hottest read path (the OGC items shortcut):
SQLAlchemy statements, compiled once per shape, run straight on the psycopg connection.

Why: on a 100-feature items page, SQLAlchemy's Session and its execution machinery (connection
hand-out, execution context, result metadata) cost 40 % of the worker's instructions; psycopg alone
does the same work (docs/performance.md, session 8). The statements stay SQLAlchemy statements in
their repositories, shared with the ORM path.

It offers only what the repositories on that path call, ``connection().execute(statement,
parameters)`` returning ``.one()`` / ``.one_or_none()``; anything else fails loudly. Statements
whose parameters or columns need SQLAlchemy's type processing are refused when first compiled,
so a typed column added later cannot come back silently different from the ORM path.
"""
from __future__ import annotations

import functools
from typing import Any, Mapping, Protocol, Sequence

from psycopg.rows import namedtuple_row
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement


class Rows(Protocol):
    def one(self) -> Any: ...
    def one_or_none(self) -> Any: ...


class Executes(Protocol):
    def execute(self, statement: Any, parameters: Mapping[str, Any] | None = None) -> Rows: ...


class ReadSession(Protocol):
    """What the hot-path repositories need of a session: an ORM ``Session`` or a ``DriverReader``."""

    def connection(self) -> Executes: ...


class DriverRows:
    def __init__(self, rows: Sequence[Any]) -> None:
        self._rows = rows

    def one(self) -> Any:
        if len(self._rows) != 1:
            raise LookupError(f"expected one row, got {len(self._rows)}")
        return self._rows[0]

    def one_or_none(self) -> Any:
        if len(self._rows) > 1:
            raise LookupError(f"expected at most one row, got {len(self._rows)}")
        return self._rows[0] if self._rows else None


class DriverReader:
    """Runs statements on ``dbapi_connection`` (psycopg 3), rows as named tuples like SQLAlchemy's.

    ``connection_info`` is a dict that lives exactly as long as the DBAPI connection (the pool's
    ``info``): the reader keeps its cursor there, made once per connection instead of once per
    statement."""

    def __init__(self, dbapi_connection: Any, dialect: Dialect, connection_info: dict | None = None) -> None:
        info = connection_info if connection_info is not None else {}
        cursor = info.get(_CURSOR)
        if cursor is None:
            cursor = info[_CURSOR] = dbapi_connection.cursor(row_factory=namedtuple_row)
        self._dialect, self._cursor = dialect, cursor

    def connection(self) -> DriverReader:
        return self

    def execute(self, statement: ClauseElement, parameters: Mapping[str, Any] | None = None) -> DriverRows:
        sql, compiled = _compiled(statement, self._dialect)
        # SQLAlchemy adds the values of literal binds; without any, the caller's parameters are all
        parameters = compiled.construct_params(parameters or {}) if compiled is not None else (parameters or {})
        self._cursor.execute(sql, parameters)
        return DriverRows(self._cursor.fetchall())


_CURSOR = "registry.driver_reader.cursor"


@functools.lru_cache(maxsize=256)
def _compiled(statement: ClauseElement, dialect: Dialect) -> tuple[str, Any]:
    """(SQL text for psycopg, the compiled statement when its literal binds need filling in)."""
    compiled = statement.compile(dialect=dialect)
    # SQLAlchemy's own records of the parameters and columns it would convert (private, but the
    # test of this module fails first if they move)
    if compiled._bind_processors:
        raise TypeError(f"statement needs SQLAlchemy's parameter processing: {sorted(compiled._bind_processors)}")
    typed = [c.keyname for c in compiled._result_columns if c.type.result_processor(dialect, None) is not None]
    if typed:
        raise TypeError(f"statement needs SQLAlchemy's result processing: {typed}")
    literals = any(b.value is not None or b.callable is not None for b in compiled.binds.values())
    return compiled.string, compiled if literals else None
