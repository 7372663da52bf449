"""``registry users``: create, disable, enable, set-role, list — against a real database."""
from __future__ import annotations

from tests.integration.command_line import run


def test_user_lifecycle(runner, cli_database):
    created = run(runner, cli_database, "users", "create", "ops", "--role", "planner", "--password-stdin",
                  input="a-long-password\n")
    assert created.exit_code == 0, created.output
    assert run(runner, cli_database, "users", "create", "ops", "--role", "planner").exit_code == 2  # duplicate
    bad = run(runner, cli_database, "users", "create", "x", "--role", "district_staff")
    assert bad.exit_code == 2 and "district" in bad.output
    assert run(runner, cli_database, "users", "disable", "ops").exit_code == 0
    assert "(disabled)" in run(runner, cli_database, "users", "list").output
    assert run(runner, cli_database, "users", "enable", "ops").exit_code == 0
    moved = run(runner, cli_database, "users", "set-role", "ops", "--role", "district_staff", "--district", "999999")
    assert moved.exit_code == 2 and "999999" in moved.output
    generated = run(runner, cli_database, "users", "create", "gen", "--role", "city_reviewer")
    assert generated.exit_code == 0 and "password: " in generated.output
    # a generated password is the administrator's choice: the user must replace it
    assert "gen                  city_reviewer           (password to change)" in run(runner, cli_database, "users", "list").output
    assert "ops                  planner" in run(runner, cli_database, "users", "list").output  # chose their own
    reset = run(runner, cli_database, "users", "reset-password", "ops")
    assert reset.exit_code == 0 and reset.output.startswith("password: ") and len(reset.output.split()[1]) == 16
    assert "ops                  planner                 (password to change)" in run(runner, cli_database, "users", "list").output
    assert run(runner, cli_database, "users", "reset-password", "nobody").exit_code != 0
