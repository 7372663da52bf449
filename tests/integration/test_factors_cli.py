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
    listed = run(database, "list").output.splitlines()
    assert "Equal value of electricity (等价值)  2016  0.3115 kgce/kWh  国家统计局" in listed
    assert "Raw coal  0.7143 kgce/kg  GB/T 2589-2008  in force from Jun 1, 2008" in listed
    assert not any(line.startswith("raw_coal") for line in listed)


def test_a_wrong_unit_is_refused_with_the_field_and_exit_code(database):
    refused = run(database, "set-equal-value", "2014", "319", "--source", "x")
    assert refused.exit_code != 0
    assert "error: VALUE “319”: must be between 0.2 and 0.5 kgce/kWh" in refused.output
    assert "(等价值)  2014" not in run(database, "list").output


def test_the_list_speaks_the_shells_language(database):
    from registry.cli import cli

    listed = CliRunner().invoke(cli, ["factors", "list"], env={"DATABASE_URL": database, "REGISTRY_LANG": "zh_CN.UTF-8"})
    assert listed.exit_code == 0, listed.output
    assert "原煤  0.7143 千克标准煤/千克  GB/T 2589-2008  自 2008年6月1日 起施行" in listed.output.splitlines()
