"""``registry tokens create|list|revoke`` against a committed database."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, pool
from sqlalchemy.orm import Session

from registry.cli import cli
from registry.domain.permissions import Actor
from registry.services import accounts, tokens
from tests.integration.command_line import committed_cli_database


@pytest.fixture(scope="module")
def database(fresh_database_url):
    def seed(session):
        accounts.create_user(session, Actor.system(), "pudong", "a-long-password", "district_staff", "310115")
        accounts.create_user(session, Actor.system(), "tokenless", "a-long-password", "planner")

    return committed_cli_database(fresh_database_url, "registry_test_tokens_cli", seed)


def run(url, *args):
    return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": url, "REGISTRY_LANG": "en"})


def test_create_list_use_and_revoke(database):
    created = run(database, "tokens", "create", "--user", "pudong", "--name", "stats bureau", "--days", "5")
    assert created.exit_code == 0, created.output
    header, secret = created.output.strip().splitlines()
    token_id = int(header.split()[1])
    assert secret.startswith("rgy_")
    listed = run(database, "tokens", "list", "--user", "pudong")
    assert "  Active  Read and write  Expires " in listed.output and "Last used Never  stats bureau" in listed.output
    assert secret not in listed.output

    engine = create_engine(database, poolclass=pool.NullPool)
    with Session(engine) as session:
        assert tokens.authenticate_token(session, secret).account.district_code == "310115"
    assert run(database, "tokens", "revoke", str(token_id)).exit_code == 0
    with Session(engine) as session:
        assert tokens.authenticate_token(session, secret) is None
    engine.dispose()
    assert "  Revoked  " in run(database, "tokens", "list", "--user", "pudong").output
    in_chinese = CliRunner().invoke(cli, ["tokens", "list", "--user", "pudong"],
                                    env={"DATABASE_URL": database, "REGISTRY_LANG": "zh_CN.UTF-8"}).output
    assert "  已吊销  读写  到期时间 " in in_chinese and "最近使用 " in in_chinese


def test_create_with_an_expiry_date(database):
    result = run(database, "tokens", "create", "--user", "pudong", "--expires", "2099-01-01")
    assert result.exit_code == 2 and "730" in result.output  # at most two years ahead
    from datetime import date, timedelta

    from babel.dates import format_date

    soon = date.today() + timedelta(days=30)
    result = run(database, "tokens", "create", "--user", "pudong", "--expires", soon.isoformat())
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith(f"expires {format_date(soon, 'medium', locale='en')}")


@pytest.mark.parametrize("args, text", [
    (["--user", "nobody"], "no user named nobody"),
    (["--user", "pudong", "--days", "0"], "days"),
])
def test_bad_requests_exit_2_with_one_line(database, args, text):
    result = run(database, "tokens", "create", *args)
    assert result.exit_code == 2 and text in result.output and "Traceback" not in result.output


def test_revoking_an_unknown_token_exits_2(database):
    assert run(database, "tokens", "revoke", "999999").exit_code == 2


def test_a_read_only_token_from_the_command_line(database):
    created = run(database, "tokens", "create", "--user", "pudong", "--name", "gis", "--read-only")
    assert created.exit_code == 0 and "(Read only)" in created.output, created.output
    secret = created.output.strip().splitlines()[-1]
    assert "  Read only  " in run(database, "tokens", "list", "--user", "pudong").output
    engine = create_engine(database, poolclass=pool.NullPool)
    with Session(engine) as session:
        assert tokens.authenticate_token(session, secret).read_only
    engine.dispose()


def test_a_disabled_users_tokens_are_listed_as_suspended(database):
    created = run(database, "tokens", "create", "--user", "pudong", "--name", "while away", "--days", "5")
    assert created.exit_code == 0, created.output
    assert run(database, "users", "disable", "pudong").exit_code == 0
    try:
        listed = run(database, "tokens", "list", "--user", "pudong").output
        line = next(line for line in listed.splitlines() if line.endswith("while away"))
        assert "  Suspended: the account is disabled  Read and write  " in line
    finally:
        assert run(database, "users", "enable", "pudong").exit_code == 0
    listed = run(database, "tokens", "list", "--user", "pudong").output
    assert "  Active  " in next(line for line in listed.splitlines() if line.endswith("while away"))


def test_a_user_without_tokens_is_said_to_have_none_on_stderr(database):
    # it printed nothing: an empty stdout read as a command that did not run (the page: 尚无 API 令牌。)
    for lang, said in (("en", "No API token yet.\n"), ("zh_CN.UTF-8", "尚无 API 令牌。\n")):
        empty = CliRunner().invoke(cli, ["tokens", "list", "--user", "tokenless"],
                                   env={"DATABASE_URL": database, "REGISTRY_LANG": lang})
        assert empty.exit_code == 0 and empty.stdout == "" and empty.stderr == said, empty.output
