"""Views marked ``reads_only`` read in autocommit (no BEGIN/ROLLBACK round trips); the connection
goes back to the pool transactional, so the next request's writes are atomic again."""
from __future__ import annotations

import pytest

from registry import create_app
from registry.db import ENGINE_KEY, close_session, get_session


def _dbapi(session):
    return session.connection().connection.dbapi_connection


@pytest.fixture
def real_app(database_url):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "t"})
    yield app
    app.extensions[ENGINE_KEY].dispose()


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
