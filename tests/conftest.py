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
from registry.services import accounts

# No time limit per hypothesis example: its 200 ms default is a timed assertion, and a loaded machine
# (CI beside other runs) failed the savings properties by it while every result was right. Speed is
# measured in benchmarks/, never asserted in tests.
settings.register_profile("registry", deadline=None)
settings.load_profile("registry")

# Passwords hashed at a 32nd of the app's scrypt cost (n=1024 instead of werkzeug's 32768): the same
# algorithm and code path, but a sign-in costs ~5 ms instead of ~150 ms, and the suite signs in
# thousands of times (the hostile-input tests once per route and role). The app's own cost is
# checked in tests/web/test_auth.py against ``PRODUCTION_PASSWORD_METHOD``.
PRODUCTION_PASSWORD_METHOD = accounts.PASSWORD_METHOD
accounts.PASSWORD_METHOD = "scrypt:1024:8:1"

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


@pytest.fixture(scope="session")
def _one_app():
    """The app the ``app`` fixture lends each test, built once per worker: building one costs
    0.3–0.9 s (werkzeug compiles ~110 URL rules, flask-smorest writes the OpenAPI document) and
    ~800 tests ask for it. Its database binding is set per test."""
    from registry import create_app

    # CSRF is exercised by its own tests (tests/web/test_auth.py); elsewhere it would only add noise.
    return create_app({"TESTING": True, "DB_BIND": _NOT_BOUND, "SECRET_KEY": "test-secret",
                       "SESSION_COOKIE_SECURE": False, "WTF_CSRF_ENABLED": False})


_NOT_BOUND = object()  # the shared app's binding between tests: a request then fails loudly


@pytest.fixture
def app(_one_app, connection):
    """The app bound to the test's connection; whatever a test changes of it (settings, the WSGI
    callable in front, the rate limits counted, tiles and reports cached) is put back afterwards, so each test
    meets the app as ``create_app`` made it. Tests that add request hooks build their own app."""
    from registry.app_caches import forget_all
    from registry.db import SESSIONMAKER_KEY, make_sessionmaker

    app = _one_app
    config, wsgi_app = dict(app.config), app.wsgi_app
    flask_wsgi = getattr(wsgi_app, "flask_wsgi", None)  # the OGC items shortcut's (tests count its calls)
    app.config["DB_BIND"] = connection
    app.extensions[SESSIONMAKER_KEY] = make_sessionmaker(connection)
    try:
        yield app
    finally:
        app.config.clear()
        app.config.update(config)
        app.wsgi_app = wsgi_app
        if flask_wsgi is not None:
            wsgi_app.flask_wsgi = flask_wsgi
        app.extensions[SESSIONMAKER_KEY] = make_sessionmaker(_NOT_BOUND)
        for limiter in app.extensions.get("limiter", ()):
            limiter.reset()
        forget_all(app)  # tiles, reports and maps kept: each made anew, empty, at its next use


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


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The Jinja templates compiled from then on (their source's start): folium compiled its snippets
    on every drawing of a map (geo/map_shells.py)."""
    import jinja2

    sources: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, *args, **kwargs):
        sources.append(str(source)[:80])
        return compile_(self, source, *args, **kwargs)
    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return sources
