"""``registry audit list`` against a committed database: the same service and filters as the page."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from registry.cli import cli
from registry.domain.permissions import Actor
from registry.services import accounts
from tests.integration.command_line import committed_cli_database


@pytest.fixture(scope="module")
def database(fresh_database_url):
    def seed(session):
        admin = accounts.create_user(session, Actor.system(), "chief", "a-long-password", "admin")
        accounts.create_user(session, Actor.system(), "pudong", "a-long-password", "district_staff", "310115")
        accounts.rename(session, admin.actor(), "pudong", "李雷 Li Lei")

    return committed_cli_database(fresh_database_url, "registry_test_audit_cli", seed)


def run(url, *args):
    return CliRunner().invoke(cli, ["audit", "list", *args], env={"DATABASE_URL": url, "REGISTRY_LANG": "en"})


def test_lists_the_trail_newest_first_and_filters_it(database):
    every = run(database)
    assert every.exit_code == 0, every.output
    lines = every.stdout.strip().splitlines()
    assert len(lines) == 4
    assert lines[0].endswith("  chief  Edited  User account 2 (pudong)  via Unknown  Full name: pudong → 李雷 Li Lei"), lines[0]
    assert lines[-1].split("  ")[1:3] == ["system", "Loaded from a file"]
    inserted = lines[-1].split("Inserted: — → ")[1].split("; ")[0].split(", ")  # jsonb keeps its own key order
    assert sorted(inserted) == ["Districts 16", "Enterprises 0", "Parcels 0", "Projects 0", "Targets 0", "Zones 0"]
    by_user = run(database, "--user", "chief").stdout.strip().splitlines()
    assert len(by_user) == 1 and "Edited" in by_user[0]
    created = run(database, "--entity", "user", "--action", "create", "--limit", "1")
    assert created.exit_code == 0 and len(created.stdout.strip().splitlines()) == 1
    assert "1 of 2 entries" in created.stderr
    before = run(database, "--since", "2000-01-01", "--until", "2000-01-31")
    assert before.stdout == "" and before.stderr == "No entry matches these filters.\n"  # as the page's table


@pytest.fixture(scope="module")
def channels(fresh_database_url):
    """A database of its own: the command below adds to the trail the other tests count."""
    def seed(session):
        accounts.create_user(session, Actor.system(), "chief", "a-long-password", "admin")

    return committed_cli_database(fresh_database_url, "registry_test_audit_cli_channels", seed)


def test_each_line_says_the_channel_and_the_trail_filters_by_it(channels):
    database = channels
    lines = run(database).stdout.strip().splitlines()
    # the seed ran as the system; `registry users create` below is the command line's
    assert all(line.split("  ")[4] in ("via System", "via Unknown") for line in lines), lines
    made = CliRunner().invoke(cli, ["users", "create", "cli-made", "--role", "planner", "--password-stdin"],
                              input="a-long-password\n", env={"DATABASE_URL": database, "REGISTRY_LANG": "en"})
    assert made.exit_code == 0, made.output
    by_cli = run(database, "--channel", "cli").stdout.strip().splitlines()
    assert len(by_cli) == 1 and "(cli-made)" in by_cli[0] and by_cli[0].split("  ")[4] == "via Command line"
    assert run(database, "--channel", "api").stdout == ""
    refused = run(database, "--channel", "fax")
    assert refused.exit_code != 0 and "channel" in refused.output


def test_a_user_filter_naming_nobody_says_so_as_the_page_does(database):
    """An empty list alone read as "this user did nothing": `--user nobody` printed nothing at all."""
    nobody = run(database, "--user", "nobody")
    assert nobody.exit_code == 0 and nobody.stdout == ""
    # the page's notice, then its empty table's line
    assert nobody.stderr == "No user has the user name or full name “nobody”.\nNo entry matches these filters.\n"
    by_full_name = run(database, "--user", "李雷 Li Lei")
    assert by_full_name.stdout == ""  # someone, who has done nothing here
    assert by_full_name.stderr == "No entry matches these filters.\n"


def test_a_bad_filter_is_one_line_naming_the_option(database):
    refused = run(database, "--since", "yesterday")
    assert refused.exit_code == 2 and "since" in refused.output and "Traceback" not in refused.output


def test_lines_speak_the_shells_language_and_json_keeps_the_codes(database):
    lines = CliRunner().invoke(cli, ["audit", "list", "--user", "chief"],
                               env={"DATABASE_URL": database, "REGISTRY_LANG": "zh_CN.UTF-8"}).stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("20") and "年" in lines[0].split("  ")[0]  # 2026年12月5日 14:10
    assert lines[0].endswith("  chief  编辑  用户账户 2（pudong）  渠道：未知  姓名：pudong → 李雷 Li Lei"), lines[0]
    document = json.loads(run(database, "--user", "chief", "--json").stdout)
    assert document["total"] == 1
    [entry] = document["items"]
    assert (entry["action"], entry["entity"], entry["entity_id"], entry["changes"]) == (
        "update", "user", "2", {"display_name": ["pudong", "李雷 Li Lei"]})
    assert entry["at"][:4].isdigit() and entry["at"][10] == "T"


def test_a_password_reset_is_noted_in_the_shells_language(channels):
    """Stored as the code "password reset", it was printed so in a Chinese shell (the page's words now)."""
    reset = CliRunner().invoke(cli, ["users", "reset-password", "chief"], env={"DATABASE_URL": channels})
    assert reset.exit_code == 0, reset.output
    lines = CliRunner().invoke(cli, ["audit", "list", "--entity", "user", "--action", "update", "--limit", "1"],
                               env={"DATABASE_URL": channels, "REGISTRY_LANG": "zh_CN.UTF-8"}).stdout.splitlines()
    assert len(lines) == 1 and lines[0].endswith("备注：管理员重设了密码"), lines
    assert run(channels, "--entity", "user", "--action", "update", "--json").stdout.count('"password reset"') == 1


def test_an_empty_trail_says_so_on_stderr_in_the_shells_language(database):
    empty = CliRunner().invoke(cli, ["audit", "list", "--since", "2000-01-01", "--until", "2000-01-31"],
                               env={"DATABASE_URL": database, "REGISTRY_LANG": "zh_CN.UTF-8"})
    assert empty.exit_code == 0 and empty.stdout == "" and empty.stderr == "没有符合筛选条件的记录。\n", empty.output
    as_json = run(database, "--since", "2000-01-01", "--until", "2000-01-31", "--json")
    assert as_json.stderr == "" and json.loads(as_json.stdout) == {"total": 0, "items": []}
