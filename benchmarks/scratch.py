"""Scratch databases of the benchmark scripts on a server given by URL (``--server``), rather than in
the project-local cluster: a shared server where each engineer names their own database."""
from __future__ import annotations

from sqlalchemy import create_engine, pool
from sqlalchemy.engine import make_url

from registry.config import normalise_database_url


def on_server(server_url: str, database: str) -> str:
    """The URL of ``database`` on the server of ``server_url``."""
    return make_url(normalise_database_url(server_url)).set(database=database).render_as_string(hide_password=False)


def _admin(server_url: str):
    url = make_url(normalise_database_url(server_url)).set(database="postgres")
    return create_engine(url, poolclass=pool.NullPool, isolation_level="AUTOCOMMIT")


def recreate_on_server(server_url: str, database: str) -> str:
    """Drop ``database`` on that server (ending its sessions), create it empty; its URL."""
    admin = _admin(server_url)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    admin.dispose()
    return on_server(server_url, database)


def drop_on_server(server_url: str, database: str) -> None:
    admin = _admin(server_url)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    admin.dispose()
