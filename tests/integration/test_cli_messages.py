"""The command line's error line speaks the shell's language and names districts by their names."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, pool, text

from registry.cli import cli
from tests.integration.command_line import run

SQUARE = "ST_Multi(ST_MakeEnvelope(121.5, 31.1, 121.7, 31.3, 4326))"


@pytest.fixture(scope="module")
def pudong_staff(runner, cli_database):
    engine = create_engine(cli_database, poolclass=pool.NullPool)
    with engine.begin() as conn:
        conn.execute(text(f"INSERT INTO districts (code, name_zh, name_en, geom) VALUES "
                          f"('310115', '浦东新区', 'Pudong New Area', {SQUARE}), ('310112', '闵行区', 'Minhang', {SQUARE})"))
    engine.dispose()
    created = run(runner, cli_database, "users", "create", "pudong", "--role", "district_staff",
                  "--district", "310115", "--password-stdin", input="a-long-password\n")
    assert created.exit_code == 0, created.output
    return "pudong"


@pytest.mark.parametrize("lang, line", [
    ("en", "error: District staff of Pudong New Area may not act in district Minhang."),
    ("zh_CN.UTF-8", "错误：浦东新区的区级工作人员不能在闵行区操作。"),
])
def test_a_refusal_names_both_districts_in_the_shells_language(cli_database, pudong_staff, tmp_path, lang, line):
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "out.gpkg"), "--district", "310112",
                                      "--as-user", pudong_staff],
                                env={"DATABASE_URL": cli_database, "REGISTRY_LANG": lang})
    assert result.exit_code == 2
    assert result.output.strip() == line
