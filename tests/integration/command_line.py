"""Running the ``registry`` command in-process, as a shell would, on a database of its own."""
from __future__ import annotations

from typing import Callable

from click.testing import CliRunner, Result
from sqlalchemy import create_engine, pool
from sqlalchemy.orm import Session

from registry import migrations
from registry.cli import _register, cli
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset


def run(runner: CliRunner, url: str, *args: str, input: str | None = None) -> Result:
    """``registry ARGS`` with ``DATABASE_URL=url`` and English messages (``REGISTRY_LANG=en``)."""
    return runner.invoke(cli, list(args), env={"DATABASE_URL": url, "REGISTRY_LANG": "en"}, input=input)


def committed_cli_database(fresh_database_url, name: str, seed: Callable[[Session], None]) -> str:
    """A migrated database of its own with the 16 districts and what ``seed`` commits, for the
    ``registry`` command (registered) to run on; its URL."""
    url = fresh_database_url(name)
    migrations.upgrade(url)
    engine = create_engine(url, poolclass=pool.NullPool)
    with Session(engine) as session:
        load_dataset(session, Dataset(districts=tuple(shipped_districts())))
        seed(session)
    engine.dispose()
    _register()
    return url
