"""Views marked ``reads_only`` read in autocommit (no BEGIN/ROLLBACK round trips); the connection
goes back to the pool transactional, so the next request's writes are atomic again."""
from __future__ import annotations

import pytest
from psycopg import DataError, OperationalError
from sqlalchemy import text
from sqlalchemy.orm import Session

from registry import create_app
from registry.db import close_session, dispose_engines, driver_reader, get_session, make_engine
from registry.domain.permissions import Actor
from registry.services import accounts, tokens
from tests.integration.land_data import committed_land_database


def _dbapi(session):
    return session.connection().connection.dbapi_connection


@pytest.fixture
def real_app(database_url):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "t"})
    yield app
    dispose_engines(app)


def _session_for(app, path: str, method: str = "GET"):
    with app.test_request_context(path, method=method):
        session = get_session()
        connection, autocommit = _dbapi(session), _dbapi(session).autocommit
        close_session()
    return connection, autocommit


def test_reads_only_views_read_in_autocommit_and_hand_back_a_transactional_connection(real_app):
    first, autocommit = _session_for(real_app, "/ogc/collections/parcels/items")
    assert autocommit is True
    second, autocommit = _session_for(real_app, "/projects/new")  # not marked: a transaction
    assert second is first and autocommit is False
    assert _session_for(real_app, "/tiles/parcels/14/13722/6693.mvt")[1] is True


@pytest.mark.parametrize("path, method", [("/ogc/collections", "POST"), ("/no/such/page", "GET"), ("/land/", "GET")])
def test_other_requests_keep_their_transaction(real_app, path, method):
    assert _session_for(real_app, path, method)[1] is False


@pytest.fixture(scope="module")
def committed(fresh_database_url):
    """A database with committed land, a planner and the planner's token (requests commit for real)."""
    url = committed_land_database(fresh_database_url, "registry_test_reads")
    engine = make_engine(url)
    with Session(engine) as session:
        accounts.create_user(session, Actor.system(), "reads-planner", "reads-password", "planner")
        secret = tokens.create_token(session, Actor.system(), "reads-planner", "t", tokens.expiry(days=1)).secret
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False,
                      "WTF_CSRF_ENABLED": False})
    yield app, engine, secret
    dispose_engines(app)
    engine.dispose()


def test_autocommitted_reads_serve_features_tiles_and_record_a_tokens_use(committed):
    app, engine, secret = committed
    client = app.test_client()
    items = client.get("/ogc/collections/parcels/items?limit=3", headers={"Authorization": f"Bearer {secret}"})
    assert items.status_code == 200 and items.get_json()["numberReturned"] == 3
    with engine.connect() as connection:  # the token's one-row update was committed on its own
        assert connection.execute(text("SELECT last_used_at FROM api_tokens")).scalar_one() is not None
    assert client.post("/login", data={"username": "reads-planner", "password": "reads-password"}).status_code == 302
    signed_in = client.get("/ogc/collections/parcels/items?limit=2")  # the shortcut's driver reader
    assert signed_in.status_code == 200 and signed_in.get_json()["numberReturned"] == 2
    tile = client.get("/tiles/parcels/14/13722/6693.mvt")
    assert tile.status_code == 200 and tile.headers["ETag"]
    assert client.get("/ogc/collections/parcels/items/999999").status_code == 404  # errors still map


def test_the_driver_reader_reads_in_autocommit_from_its_own_pool(real_app):
    with driver_reader(real_app) as db:
        assert db._cursor.connection.autocommit is True
        with pytest.raises(DataError):  # in a transaction, the next statement would be refused
            db.connection().execute(text("SELECT 1 / 0"))
        assert db.connection().execute(text("SELECT 7 AS seven")).one().seven == 7
        reader_connection, cursor = db._cursor.connection, db._cursor
    with driver_reader(real_app) as db:  # the same connection, and its cursor kept with it
        assert db._cursor.connection is reader_connection and db._cursor is cursor
    orm_connection, autocommit = _session_for(real_app, "/projects/new")
    assert orm_connection is not reader_connection and autocommit is False


def test_the_driver_reader_leaves_a_broken_connection_out_of_the_pool(real_app, engine):
    with pytest.raises(OperationalError):
        with driver_reader(real_app) as db:
            broken, broken_cursor = db._cursor.connection, db._cursor
            with engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": broken.info.backend_pid})
            db.connection().execute(text("SELECT 1"))
    with driver_reader(real_app) as db:
        assert db._cursor.connection is not broken and db._cursor is not broken_cursor
        assert db.connection().execute(text("SELECT 1 AS one")).one().one == 1


def test_after_the_database_drops_its_connections_flask_answers_once_then_the_reader_again(committed, caplog):
    app, engine, _ = committed
    client = app.test_client()
    assert client.post("/login", data={"username": "reads-planner", "password": "reads-password"}).status_code == 302
    items = "/ogc/collections/parcels/items?limit=1"
    assert client.get(items).status_code == 200  # the reader's pool now holds a connection
    with engine.connect() as connection:  # as a database restart would
        connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    assert client.get(items).status_code == 200
    assert caplog.text.count("to Flask") == 1  # the lost connection's request, answered by Flask
    assert client.get(items).status_code == 200
    assert caplog.text.count("to Flask") == 1  # the reader has a new connection
