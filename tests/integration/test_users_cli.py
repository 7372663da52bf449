"""``registry users``: create, disable, enable, set-role, list — against a real database."""
from __future__ import annotations

import pytest

from registry.cli import cli
from tests.integration.command_line import committed_cli_database, run


def test_user_lifecycle(runner, cli_database):
    created = run(runner, cli_database, "users", "create", "ops", "--role", "planner", "--password-stdin",
                  input="a-long-password\n")
    assert created.exit_code == 0, created.output
    assert run(runner, cli_database, "users", "create", "ops", "--role", "planner").exit_code == 2  # duplicate
    bad = run(runner, cli_database, "users", "create", "x", "--role", "district_staff")
    assert bad.exit_code == 2 and "district" in bad.output
    assert run(runner, cli_database, "users", "disable", "ops").exit_code == 0
    assert "ops  ops  Planner  —  Disabled  Never" in run(runner, cli_database, "users", "list").output
    assert run(runner, cli_database, "users", "enable", "ops").exit_code == 0
    moved = run(runner, cli_database, "users", "set-role", "ops", "--role", "district_staff", "--district", "999999")
    assert moved.exit_code == 2 and "999999" in moved.output
    generated = run(runner, cli_database, "users", "create", "gen", "--role", "city_reviewer")
    assert generated.exit_code == 0 and "password: " in generated.output
    # a generated password is the administrator's choice: the user must replace it
    assert "gen  gen  City reviewer  —  Enabled, Password to change  Never" in run(runner, cli_database, "users", "list").output
    assert "ops  ops  Planner  —  Enabled  Never" in run(runner, cli_database, "users", "list").output  # chose their own
    reset = run(runner, cli_database, "users", "reset-password", "ops")
    assert reset.exit_code == 0 and reset.output.startswith("password: ") and len(reset.output.split()[1]) == 16
    assert "ops  ops  Planner  —  Enabled, Password to change  Never" in run(runner, cli_database, "users", "list").output
    assert run(runner, cli_database, "users", "reset-password", "nobody").exit_code != 0


@pytest.fixture(scope="module")
def districts_database(fresh_database_url):
    return committed_cli_database(fresh_database_url, "registry_test_users_cli", lambda session: None)


def test_roles_and_districts_are_named_as_the_user_pages_name_them(runner, districts_database):
    cli_database = districts_database
    created = runner.invoke(cli, ["users", "create", "pd-staff", "--role", "district_staff", "--district", "310115",
                                  "--password-stdin"], input="a-long-password\n",
                            env={"DATABASE_URL": cli_database, "REGISTRY_LANG": "zh_CN.UTF-8"})
    assert created.exit_code == 0, created.output
    assert created.output == "已创建用户 pd-staff（区级工作人员、浦东新区（310115））\n"
    moved = run(runner, cli_database, "users", "set-role", "pd-staff", "--role", "district_staff", "--district", "310112")
    assert moved.output == "pd-staff is now District staff, Minhang (310112)\n"
    assert "pd-staff  pd-staff  District staff  Minhang (310112)  Enabled  Never" in run(
        runner, cli_database, "users", "list").output
