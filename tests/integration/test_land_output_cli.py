"""``registry land output`` on a committed database (the land test map with outputs of 2016 and
2017): the page's download with every line, in its order, as JSON, CSV or Excel, each an audit
entry under the user ``--as`` names; a bad value one error line, nothing written."""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from registry.domain.permissions import Actor
from registry.models import AuditEntry, User
from registry.services import accounts
from tests.integration.cli_projects import registry, session_on
from tests.integration.land_data import A, committed_land_database, record_outputs


@pytest.fixture(scope="module")
def url(fresh_database_url, runner):
    url = committed_land_database(fresh_database_url, "registry_test_land_output_cli")
    with session_on(url) as session:
        accounts.create_user(session, Actor.system(), "planner-li", "a-long-password", "planner")
        record_outputs(session)
        session.commit()
    return url


def _entries(url: str) -> list[tuple[str | None, str, str, dict]]:
    with session_on(url) as session:
        return [tuple(r) for r in session.execute(
            select(User.username, AuditEntry.channel, AuditEntry.entity_id, AuditEntry.changes)
            .outerjoin(User, User.id == AuditEntry.user_id)
            .where(AuditEntry.action == "export").order_by(AuditEntry.id))]


def test_json_by_default_every_parcel_with_the_year_before(url):
    done = registry(url, "land", "output", "--level", "parcel", "--sort", "change", "--dir", "desc")
    assert done.exit_code == 0, done.output
    body = json.loads(done.stdout)
    assert [line["key"] for line in body["lines"]] == ["T-P5", "T-P2"] and body["year"] == 2017
    assert body["lines"][0]["change_percent"] == pytest.approx(20) and body["lines"][1]["change_percent"] is None
    assert done.stderr == "2 lines written to stdout\n"
    assert _entries(url)[-1] == (None, "cli", "2017/parcel", {"format": "json", "rows": 2, "year": 2017,
                                                             "level": "parcel", "sort": "change", "descending": True})


def test_one_line_is_said_in_the_singular(url):
    done = registry(url, "land", "output", "--level", "parcel", "--year", "2016")
    assert done.exit_code == 0, done.output
    assert [line["key"] for line in json.loads(done.stdout)["lines"]] == ["T-P5"]
    assert done.stderr == "1 line written to stdout\n"
    chinese = registry(url, "land", "output", "--level", "parcel", "--year", "2016", lang="zh_CN.UTF-8")
    assert chinese.stderr == "已写出 1 行到 stdout\n"


def test_a_file_in_the_shells_language_as_the_user_named(url, tmp_path):
    out = tmp_path / "output.xlsx"
    done = registry(url, "land", "output", "--year", "2017", "--format", "xlsx", "-o", str(out), "--as", "planner-li",
                    lang="zh_CN.UTF-8")
    assert done.exit_code == 0, done.output
    sheet = load_workbook(io.BytesIO(out.read_bytes())).active
    assert sheet["A1"].value.startswith("2017 年土地产出（亿元/km²）；按区；")
    assert [c.value for c in sheet[2]][6:8] == ["同比增减（亿元/km²）", "同比增减（%）"]
    assert [row[0].value for row in sheet.iter_rows(min_row=3)] == ["测试A区", "测试B区", "全市"]
    assert _entries(url)[-1][:3] == ("planner-li", "cli", "2017/district")
    english = registry(url, "land", "output", "--format", "csv", "--sort", "output", "--dir", "desc")
    rows = list(csv.reader(io.StringIO(english.stdout.lstrip("\ufeff"))))
    assert rows[0][:2] == ["District", "Number of parcels"] and [r[0] for r in rows[1:]] == ["Test B", "Test A", "City"]
    assert rows[1][0] != A


def test_a_bad_value_is_one_error_line_and_writes_nothing(url, tmp_path):
    before = len(_entries(url))
    out = tmp_path / "none.xlsx"
    refused = registry(url, "land", "output", "--year", "1999", "--format", "xlsx", "-o", str(out))
    assert refused.exit_code == 2 and refused.stdout == "" and len(refused.stderr.splitlines()) == 1
    assert "year" in refused.stderr and not out.exists() and not (tmp_path / "none.xlsx.part").exists()
    unknown = registry(url, "land", "output", "--level", "street")
    assert unknown.exit_code == 2 and "street" in unknown.stderr
    assert len(_entries(url)) == before
