"""``registry projects export`` against a committed database: the list's service and filters, a file
written whole or not at all, a bad filter as one line naming the option."""
from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import create_engine, pool, text

from registry.cli import cli
from registry.domain.permissions import Actor
from registry.services import accounts
from tests.integration import rollup_data
from tests.integration.command_line import committed_cli_database


@pytest.fixture(scope="module")
def database(fresh_database_url):
    def seed(session):
        rollup_data.load(session)
        # P9 still under review: Pudong's own, out of other districts' sight
        session.execute(text("UPDATE projects SET status = 'submitted' WHERE reference = 'P9'"))
        accounts.create_user(session, Actor.system(), "minhang", "a-long-password", "district_staff", "310112")
        session.commit()

    return committed_cli_database(fresh_database_url, "registry_test_projects_cli", seed)


def _exports(url) -> list[tuple]:
    """The project list's export entries made as a user (the other tests export as the system)."""
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(
                "SELECT u.username, a.channel, a.changes FROM audit_log a JOIN users u ON u.id = a.user_id "
                "WHERE a.action = 'export' AND a.entity = 'project_list' ORDER BY a.id"))]
    finally:
        engine.dispose()


def run(url, *args, lang="en"):
    return CliRunner().invoke(cli, ["projects", "export", *args], env={"DATABASE_URL": url, "REGISTRY_LANG": lang})


def test_writes_the_filtered_projects_as_csv(database, tmp_path):
    output = tmp_path / "motors.csv"
    done = run(database, "--format", "csv", "-o", str(output), "--kind", "motor_upgrade", "--year", "2013",
               "--sort", "reference", "--ascending")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == f"2 projects written to {output}"
    rows = list(csv.reader(io.StringIO(output.read_bytes().decode("utf-8-sig"))))
    assert rows[0][:2] == ["Reference", "Project name"] and [r[0] for r in rows[1:]] == ["P10", "P4"]


def test_writes_a_chinese_workbook_of_a_district(database, tmp_path):
    output = tmp_path / "浦东.xlsx"
    done = run(database, "-o", str(output), "--district", "310115", lang="zh_CN.UTF-8")
    assert done.exit_code == 0, done.output
    sheet = load_workbook(output).worksheets[0]
    assert sheet["A1"].value == "项目编号" and {sheet.cell(r, 5).value for r in range(2, sheet.max_row + 1)} == {"浦东新区"}
    assert sheet.max_row == 1 + 5  # P1, P2, P6, P7, P9


def test_a_bad_filter_is_one_line_naming_the_option_and_writes_nothing(database, tmp_path):
    output = tmp_path / "out.xlsx"
    refused = run(database, "-o", str(output), "--year", "twenty", "--kind", "boilers")
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert "year" in refused.output and "kind" in refused.output
    assert not output.exists() and list(tmp_path.iterdir()) == []


def test_as_a_user_it_exports_what_they_read(database, tmp_path):
    output = tmp_path / "pudong.csv"
    done = run(database, "--format", "csv", "-o", str(output), "--district", "310115", "--as", "minhang")
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(io.StringIO(output.read_bytes().decode("utf-8-sig"))))
    assert sorted(r[0] for r in rows[1:]) == ["P1", "P2", "P6", "P7"]  # not Pudong's P9 under review
    # the trail says who took them out, through the command line, with the filters and the count
    logged = _exports(database)
    assert logged == [("minhang", "cli", {"format": "csv", "rows": 4, "district_code": "310115", "sort": "updated",
                                          "descending": True})]
    refused = run(database, "-o", str(tmp_path / "x.xlsx"), "--as", "nobody")
    assert refused.exit_code != 0 and "nobody" in refused.output and not (tmp_path / "x.xlsx").exists()
