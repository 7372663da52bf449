"""``registry rollup`` and ``registry close-year`` against a committed database with demo data."""
from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from registry import migrations
from registry.cli import cli
from tests.integration.command_line import run


@pytest.fixture(scope="module")
def demo_database(fresh_database_url, runner):
    url = fresh_database_url("registry_test_rollup_cli")
    migrations.upgrade(url)
    loaded = runner.invoke(cli, ["demo", "load", "--parcels", "300", "--projects", "80"], env={"DATABASE_URL": url})
    assert loaded.exit_code == 0, loaded.output
    return url


def test_rollup_json_csv_and_xlsx_agree(runner, demo_database, tmp_path):
    as_json = run(runner, demo_database, "rollup", "--year", "2013", "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    body = json.loads(as_json.output)
    assert body["totals"]["project_count"] > 0
    target = next(p for p in body["progress"] if p["metric"] == "structural_adjustment_projects")
    assert target["target"] == 500
    out = tmp_path / "rollup.xlsx"
    as_xlsx = run(runner, demo_database, "rollup", "--year", "2013", "--format", "xlsx", "-o", str(out))
    assert as_xlsx.exit_code == 0, as_xlsx.output
    sheet = load_workbook(io.BytesIO(out.read_bytes())).worksheets[1]
    assert sheet.cell(sheet.max_row, 3).value == body["totals"]["project_count"]
    # openpyxl writes a float with 16 significant digits ("%.16g"; Excel keeps 15): the JSON's to 16
    assert sheet.cell(sheet.max_row, 4).value == float("%.16g" % body["totals"]["savings_tce"])
    district = run(runner, demo_database, "rollup", "--year", "2013", "--district", "310115", "--format", "csv")
    assert district.exit_code == 0 and "310115" in district.output


def test_an_english_shell_gets_english_district_names_in_every_format(runner, demo_database, tmp_path):
    out = tmp_path / "pudong.xlsx"
    as_xlsx = run(runner, demo_database, "rollup", "--year", "2013", "--district", "310115", "--format", "xlsx",
                  "-o", str(out))
    assert as_xlsx.exit_code == 0, as_xlsx.output
    workbook = load_workbook(io.BytesIO(out.read_bytes()))
    assert {row[0].value: row[1].value for row in workbook["About"].iter_rows(min_row=2)}["District"] == "Pudong New Area"
    assert workbook["By district"].cell(2, 2).value == "Pudong New Area"
    as_csv = run(runner, demo_database, "rollup", "--year", "2013", "--district", "310115", "--format", "csv")
    assert "Pudong" in as_csv.output and "浦东" not in as_csv.output
    as_json = json.loads(run(runner, demo_database, "rollup", "--year", "2013", "--district", "310115").output)
    assert "浦东" not in json.dumps(as_json, ensure_ascii=False)
    # the notes the dashboard says beside its tables, in the shell's language (docs/rollups.md)
    assert as_json["notes"][0]["text"].startswith("Coal/heavy-oil boilers replaced: the target is in boilers, but ")
    assert "the target is in boilers" in as_csv.output


def test_close_year_then_the_frozen_export_is_reproducible(runner, demo_database, tmp_path):
    closed = run(runner, demo_database, "close-year", "--year", "2014")
    assert closed.exit_code == 0, closed.output and "sha256" in closed.output
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (first, second):
        result = run(runner, demo_database, "rollup", "--year", "2014", "--frozen", "--format", "xlsx", "-o", str(path))
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    again = run(runner, demo_database, "close-year", "--year", "2014")
    assert again.exit_code == 2 and "closed already" in again.output


def test_bad_as_of_exits_2_with_one_line(runner, demo_database):
    result = run(runner, demo_database, "rollup", "--year", "2013", "--as-of", "end of year")
    assert result.exit_code == 2 and "--as-of" in result.output and "Traceback" not in result.output


def test_a_district_code_no_district_has_exits_2_and_writes_nothing(runner, demo_database, tmp_path):
    """It wrote a report of zeros for it."""
    out = tmp_path / "none.csv"
    result = run(runner, demo_database, "rollup", "--year", "2013", "--district", "310999", "--format", "csv",
                 "-o", str(out))
    assert result.exit_code == 2 and "no district with code 310999" in result.output and "Traceback" not in result.output
    assert not out.exists() or out.read_bytes() == b""
