"""Shared fixtures: a real PostGIS database built by ``alembic upgrade head`` once per run,
and one rolled-back transaction per test (SQLAlchemy's ``create_savepoint`` recipe)."""
from __future__ import annotations

import os

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, pool
from sqlalchemy.orm import Session

from registry import migrations
from registry.db import engine_options

# No time limit per hypothesis example: its 200 ms default is a timed assertion, and a loaded machine
# (CI beside other runs) failed the savings properties by it while every result was right. Speed is
# measured in benchmarks/, never asserted in tests.
settings.register_profile("registry", deadline=None)
settings.load_profile("registry")

# Parallel test runs on one server each set their own REGISTRY_TEST_DB; pytest-xdist's workers (gw0,
# gw1, …) each add their name, so every database a worker makes is its own.
TEST_DATABASE = os.environ.get("REGISTRY_TEST_DB", "registry_test") + (
    f"_{os.environ['PYTEST_XDIST_WORKER']}" if os.environ.get("PYTEST_XDIST_WORKER") else "")

def _fresh_database_url(name: str) -> str:
    """A new, empty database: on TEST_DATABASE_URL's server if set, else in the local cluster."""
    if not name.startswith(TEST_DATABASE):
        name = name.replace("registry_test", TEST_DATABASE, 1)
    given = os.environ.get("TEST_DATABASE_URL")
    if given:
        from sqlalchemy.engine import make_url

        from registry.config import normalise_database_url

        url = make_url(normalise_database_url(given))
        admin = create_engine(url.set(database="postgres"), poolclass=pool.NullPool, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
        return url.set(database=name).render_as_string(hide_password=False)
    from registry.localdb import LocalCluster

    cluster = LocalCluster.default()
    cluster.start()
    return cluster.recreate_database(name)


@pytest.fixture(scope="session")
def fresh_database_url():
    """Factory for extra throw-away databases (migration and restore tests)."""
    return _fresh_database_url


@pytest.fixture(scope="session")
def database_url() -> str:
    url = _fresh_database_url(TEST_DATABASE)
    migrations.upgrade(url)
    return url


@pytest.fixture(scope="session")
def engine(database_url):
    # The app's connection set-up (the Shanghai TimeZone), so tests bound to it see what the app sees.
    eng = create_engine(database_url, poolclass=pool.NullPool, **engine_options(database_url))
    yield eng
    eng.dispose()


@pytest.fixture
def connection(engine):
    with engine.connect() as conn:
        outer = conn.begin()
        try:
            yield conn
        finally:
            outer.rollback()


@pytest.fixture
def session(connection) -> Session:
    with Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as s:
        yield s


@pytest.fixture
def app(connection):
    from registry import create_app

    # CSRF is exercised by its own tests (tests/web/test_auth.py); elsewhere it would only add noise.
    return create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "test-secret",
                       "SESSION_COOKIE_SECURE": False, "WTF_CSRF_ENABLED": False})


TEST_PASSWORD = "test-password-1"


@pytest.fixture
def make_user(session):
    """Create a user: ``make_user("pudong", "district_staff", "310115")`` (districts are created as needed)."""
    from sqlalchemy import text

    from registry.domain.permissions import Actor
    from registry.services import accounts

    def make(username: str, role: str, district_code: str | None = None):
        if district_code:
            session.execute(text(
                "INSERT INTO districts (code, name_zh, name_en, geom) VALUES (CAST(:c AS text), CAST(:c AS text), CAST(:c AS text), "
                "ST_Multi(ST_MakeEnvelope(121.5, 31.1, 121.7, 31.3, 4326))) ON CONFLICT DO NOTHING"), {"c": district_code})
        return accounts.create_user(session, Actor.system(), username, TEST_PASSWORD, role, district_code)

    return make


@pytest.fixture
def login(client, make_user):
    """Sign the test client in as a new user of ``role``: ``login("planner")``."""
    def sign_in(role: str = "admin", district_code: str | None = None, username: str | None = None):
        account = make_user(username or f"{role}-{district_code or 'city'}", role, district_code)
        response = client.post("/login", data={"username": account.username, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return account

    return sign_in


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def districts(session):
    """The 16 real districts (the demo's boundaries) in the test's transaction. Modules whose every
    test needs them say ``pytestmark = pytest.mark.usefixtures("districts")``; the bulk-import tests
    load them through the importer instead (tests/integration/imports/conftest.py)."""
    from registry.services.demo.districts import shipped_districts
    from registry.services.loading import load_dataset
    from registry.services.records import Dataset

    load_dataset(session, Dataset(districts=tuple(shipped_districts())))


@pytest.fixture
def ids(session):
    """The land test map (tests/integration/land_data.py) in the test's transaction: parcel ids by name.
    Modules with data of their own define their own ``ids``."""
    from tests.integration.land_data import seed_land

    return seed_land(session)
