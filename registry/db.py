"""Engine and session handling: one engine per app, one session per request, closed at teardown."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from registry.clock import ZONE_NAME
from registry.domain.json_text import dump_json, load_stored_json
from registry.repositories.driver import DriverReader

ENGINE_KEY = "registry.engine"
READER_ENGINE_KEY = "registry.reader_engine"
SESSIONMAKER_KEY = "registry.sessionmaker"
_READS_ONLY = "registry_reads_only"


def engine_options(url: str) -> dict:
    """``create_engine`` arguments every connection the registry opens needs: the session's
    ``TimeZone`` is Shanghai's (``registry.clock``), whatever the server's, so ``CURRENT_DATE`` and
    ``now()::date`` in column defaults (``parcels.valid_from``) and SQL give the registry's day, and
    timestamps come back in Shanghai time. Sent in the connection's start-up packet: no extra round
    trip. Options already in the URL (``?options=…``) are kept."""
    given = make_url(url).query.get("options")
    given = " ".join(given) if isinstance(given, tuple) else given
    # jsonb documents (a project's inputs, a stored API response) may hold the exact decimals the API
    # reads: written as JSON numbers, which jsonb keeps exactly, and read back as Decimals, on every
    # json/jsonb value of every statement (docs/development.md, "Exact numbers").
    return {"connect_args": {"options": " ".join(filter(None, [given, f"-c TimeZone={ZONE_NAME}"]))},
            "json_serializer": dump_json, "json_deserializer": load_stored_json}


def make_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10, **engine_options(url))


def make_reader_engine(url: str) -> Engine:
    """The driver reader's pool. Small: it serves one request at a time per worker thread.
    Autocommit, as ``reads_only`` views read. No pre-ping, which cost a round trip on every
    request: a connection lost since its last use fails the reader's first statement instead, the
    items shortcut leaves that request to Flask (whose session pings), and the pool drops it."""
    return create_engine(url, pool_pre_ping=False, pool_size=2, max_overflow=8, isolation_level="AUTOCOMMIT",
                         **engine_options(url))


def make_sessionmaker(bind) -> sessionmaker[Session]:
    # Tests bind to a connection inside an outer transaction; services' commits then
    # release savepoints and the test rolls everything back.
    return sessionmaker(bind=bind, expire_on_commit=False, join_transaction_mode="create_savepoint")


def init_app(app: Flask) -> None:
    bind = app.config.get("DB_BIND")  # a Connection, given by tests
    if bind is None:
        bind = make_engine(app.config["DATABASE_URL"])
        app.extensions[ENGINE_KEY] = bind
        app.extensions[READER_ENGINE_KEY] = make_reader_engine(app.config["DATABASE_URL"])
    app.extensions[SESSIONMAKER_KEY] = make_sessionmaker(bind)
    app.teardown_appcontext(close_session)


def reads_only(view):
    """Mark a view that only reads: on GET its session runs without a transaction (autocommit),
    which saves the BEGIN and ROLLBACK round trips (two of the five of a small OGC items request).
    The data read is the same: under PostgreSQL's READ COMMITTED each statement takes its own
    snapshot inside a transaction as well. Never mark a view that writes more than one statement
    that must commit together: each would commit alone (a bearer token's one-row ``last_used_at``
    update, committed at once anyway, is fine)."""
    setattr(view, _READS_ONLY, True)
    return view


def _request_reads_only() -> bool:
    view = current_app.view_functions.get(request.endpoint) if has_request_context() else None
    return view is not None and request.method in ("GET", "HEAD") and getattr(view, _READS_ONLY, False)


def open_session(app: Flask, reads_only: bool) -> Session:
    """A new session of ``app``'s database; ``reads_only``: without a transaction (see ``reads_only``)."""
    session = app.extensions[SESSIONMAKER_KEY]()
    # Not when tests bind the app to a connection inside their own transaction.
    if reads_only and ENGINE_KEY in app.extensions:
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return session


@contextmanager
def driver_reader(app: Flask) -> Iterator[DriverReader]:
    """A ``DriverReader`` on a connection of the reader's pool (``make_reader_engine``); under
    tests, on the connection the app is bound to, inside the test's transaction."""
    engine = app.extensions.get(READER_ENGINE_KEY)
    if engine is None:
        bind = app.config["DB_BIND"]
        yield DriverReader(bind.connection.driver_connection, bind.dialect, bind.connection.info)
        return
    pooled = engine.raw_connection()
    try:
        yield DriverReader(pooled.driver_connection, engine.dialect, pooled.info)
    finally:
        pooled.close()  # a lost connection fails the pool's reset and is dropped


def dispose_engines(app: Flask) -> None:
    """Close every pooled connection of ``app`` (tests and tools that create apps in a loop)."""
    for key in (ENGINE_KEY, READER_ENGINE_KEY):
        if key in app.extensions:
            app.extensions[key].dispose()


def get_session() -> Session:
    """The request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = open_session(current_app, _request_reads_only())
    return g.db_session


def side_engine() -> Engine:
    """The engine for work outside the request's transaction that other requests must see at once
    (upload progress): the app's engine; under tests, that of the connection the app is bound to."""
    engine = current_app.extensions.get(ENGINE_KEY)
    return engine if engine is not None else current_app.config["DB_BIND"].engine


def close_session(exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        if exc is not None:
            session.rollback()
        session.close()
