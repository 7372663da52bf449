"""Engine and session handling: one engine per app, one session per request, closed at teardown."""
from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

ENGINE_KEY = "registry.engine"
SESSIONMAKER_KEY = "registry.sessionmaker"


def make_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def make_sessionmaker(bind) -> sessionmaker[Session]:
    # Tests bind to a connection inside an outer transaction; services' commits then
    # release savepoints and the test rolls everything back.
    return sessionmaker(bind=bind, expire_on_commit=False, join_transaction_mode="create_savepoint")


def init_app(app: Flask) -> None:
    bind = app.config.get("DB_BIND")  # a Connection, given by tests
    if bind is None:
        bind = make_engine(app.config["DATABASE_URL"])
        app.extensions[ENGINE_KEY] = bind
    app.extensions[SESSIONMAKER_KEY] = make_sessionmaker(bind)
    app.teardown_appcontext(close_session)


def get_session() -> Session:
    """The request's session, opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions[SESSIONMAKER_KEY]()
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
