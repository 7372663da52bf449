"""``registry factors list|set-equal-value`` against a committed database."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.integration.command_line import committed_cli_database


@pytest.fixture(scope="module")
def database(fresh_database_url):
    return committed_cli_database(fresh_database_url, "registry_test_factors_cli", lambda session: None)


def run(url, *args):
    from registry.cli import cli

    return CliRunner().invoke(cli, ["factors", *args], env={"DATABASE_URL": url, "REGISTRY_LANG": "en"})


def test_records_a_year_and_lists_it(database):
    done = run(database, "set-equal-value", "2016", "0.312", "--source", "国家统计局", "--source-en", "NBS")
    assert done.exit_code == 0, done.output
    assert "equal value 2016: 0.312 kgce/kWh; 0 projects recomputed, 0 changed" in done.output
    again = run(database, "set-equal-value", "2016", "0.3115", "--source", "国家统计局", "--reason", "revised")
    assert "(was 0.312)" in again.output
    listed = run(database, "list").output
    assert "等价值 2016  0.3115 kgce/kWh  国家统计局" in listed and "raw_coal" in listed


def test_a_wrong_unit_is_refused_with_the_field_and_exit_code(database):
    refused = run(database, "set-equal-value", "2014", "319", "--source", "x")
    assert refused.exit_code != 0
    assert "value_kgce_per_kwh" in refused.output and "between 0.2 and 0.5 kgce/kWh" in refused.output
    assert "等价值 2014" not in run(database, "list").output
