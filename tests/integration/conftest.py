"""Fixtures of the command-line tests (the database, session and districts are in tests/conftest.py)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from registry import migrations
from registry.cli import _register


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    """A click runner for ``registry.cli.cli``, its subcommands registered."""
    _register()
    return CliRunner()


@pytest.fixture(scope="module")
def cli_database(fresh_database_url) -> str:
    """A migrated database of its own, per module: the CLI commits, unlike the rolled-back test session."""
    url = fresh_database_url("registry_test_cli")
    migrations.upgrade(url)
    return url
