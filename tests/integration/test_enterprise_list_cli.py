"""``registry enterprises list`` and ``export`` on a committed database: the enterprise directory's
service, filters and order; projects counted as the user ``--as`` reads them; lines in the CLI's
language, JSON and CSV with the API's keys and codes, the same in both languages; the directory's
download as a file written whole or not at all, with its audit entry; a bad filter one error line."""
from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from registry.models import AuditEntry, User
from registry.services import enterprise_directory
from tests.integration.cli_projects import refused_alone, registry, session_on, users_database
from tests.integration.directory_data import BING, DING, JIA, NAMES, YI, seed_directory


@pytest.fixture(scope="module")
def url(fresh_database_url):
    url = users_database(fresh_database_url, "registry_test_enterprise_list_cli")
    with session_on(url) as session:
        seed_directory(session)
        session.commit()
    return url


def _codes(result) -> list[str]:
    return [line.split()[1] for line in result.stdout.splitlines()]


def test_lines_name_each_enterprise_with_the_projects_the_user_may_read(url):
    done = registry(url, "enterprises", "list", "--q", "名录", "--sort", "projects", "--as", "pudong")
    assert done.exit_code == 0, done.output
    assert _codes(done) == [JIA, YI, DING, BING] and done.stderr == ""
    yi = done.stdout.splitlines()[1]
    # Minhang's draft of 2016 is not Pudong's to read
    assert yi.endswith(f"  {YI}  {NAMES[YI]}  Minhang (310112)  D441  Projects: 1  Latest project year: 2014")
    chinese = registry(url, "enterprises", "list", "--q", "名录", "--sort", "projects", lang="zh_CN.UTF-8")
    assert "闵行区（310112）  D441  项目：2  最近项目年份：2016" in chinese.stdout.splitlines()[1]


def test_the_filters_and_the_order_are_the_directorys(url):
    assert _codes(registry(url, "enterprises", "list", "--q", "名录", "--district", "310112", "--industry", "c",
                           "--as", "pudong")) == [DING]
    assert _codes(registry(url, "enterprises", "list", "--q", "名录", "--projects", "without", "--as", "pudong")) == [
        DING, BING]
    assert _codes(registry(url, "enterprises", "list", "--q", "名录", "--sort", "credit_code", "--dir", "desc")) == [
        BING, JIA, DING, YI]


def test_a_longer_list_is_read_page_after_page_up_to_the_limit(url, monkeypatch):
    monkeypatch.setattr(enterprise_directory, "MAX_PAGE_SIZE", 1)  # a page of one: the four read one by one
    done = registry(url, "enterprises", "list", "--q", "名录", "--sort", "credit_code", "--limit", "3")
    assert _codes(done) == [YI, DING, JIA]
    assert done.stderr == "(3 of 4 enterprises; raise --limit or narrow the filters)\n"
    assert _codes(registry(url, "enterprises", "list", "--q", "名录", "--sort", "credit_code")) == [YI, DING, JIA, BING]


def test_json_and_csv_keep_the_apis_keys_and_codes_in_every_language(url):
    english = registry(url, "enterprises", "list", "--q", "名录乙", "--format", "json", "--as", "pudong")
    assert json.loads(english.stdout) == {"total": 1, "items": [{
        "id": json.loads(english.stdout)["items"][0]["id"], "name": NAMES[YI], "credit_code": YI,
        "industry_code": "D441", "district_code": "310112", "is_illustrative": False, "projects": 1,
        "latest_year": 2014, "former_name": None}]}
    chinese = registry(url, "enterprises", "list", "--q", "名录乙", "--format", "json", "--as", "pudong",
                       lang="zh_CN.UTF-8")
    assert chinese.stdout == english.stdout
    rows = list(csv.reader(io.StringIO(registry(url, "enterprises", "list", "--q", "名录", "--format", "csv").stdout)))
    assert rows[0] == ["id", "name", "credit_code", "industry_code", "district_code", "is_illustrative", "projects",
                       "latest_year", "former_name"]
    by_code = {r[2]: r for r in rows[1:]}
    assert len(rows) == 5 and by_code[YI][3:8] == ["D441", "310112", "false", "2", "2016"] and by_code[BING][7] == ""


def test_a_prefix_that_is_no_industry_is_one_error_line_naming_it(url):
    refused_alone(url, "error: --industry “C26X”: must be a GB/T 4754-2017 section letter", "enterprises", "list",
                  "--industry", "C26X")


def test_export_writes_every_enterprise_of_the_filters_in_the_directorys_order(url, tmp_path):
    output = tmp_path / "名录.csv"
    done = registry(url, "enterprises", "export", "--format", "csv", "-o", str(output), "--q", "名录", "--sort",
                    "projects", "--as", "pudong")
    assert done.exit_code == 0, done.output
    assert done.stdout == f"4 enterprises written to {output}\n"
    rows = list(csv.reader(io.StringIO(output.read_bytes().decode("utf-8-sig"))))
    assert rows[0][:3] == ["Enterprise name", "Unified social credit code", "Industry code"]
    assert [(r[1], r[6]) for r in rows[1:]] == [(JIA, "2"), (YI, "1"), (DING, "0"), (BING, "0")]  # as pudong reads them
    with session_on(url) as session:
        entry = session.execute(select(User.username, AuditEntry.channel, AuditEntry.changes)
                                .join(User, User.id == AuditEntry.user_id)
                                .where(AuditEntry.entity == "enterprise_list").order_by(AuditEntry.id.desc())).first()
    assert tuple(entry) == ("pudong", "cli", {"format": "csv", "rows": 4, "text": "名录", "sort": "projects",
                                              "descending": True})


def test_export_writes_a_chinese_workbook_of_a_district_and_industry(url, tmp_path):
    output = tmp_path / "闵行.xlsx"
    done = registry(url, "enterprises", "export", "-o", str(output), "--q", "名录", "--district", "310112",
                    "--industry", "c", lang="zh_CN.UTF-8")
    assert done.exit_code == 0, done.output
    sheet, about = load_workbook(output).worksheets
    assert sheet["A1"].value == "企业名称" and sheet.max_row == 2 and sheet["B2"].value == DING
    assert sheet["D2"].value == "制造业" and sheet["E2"].value == "闵行区"
    assert {row[0].value: row[1].value for row in about.iter_rows(min_row=2)}["行业（GB/T 4754-2017）"] == "C（制造业）"


def test_export_refuses_a_bad_filter_in_one_line_and_writes_nothing(url, tmp_path):
    output = tmp_path / "out.xlsx"
    refused_alone(url, "error: --industry “C26X”: must be a GB/T 4754-2017 section letter", "enterprises", "export",
                  "-o", str(output), "--industry", "C26X")
    refused_alone(url, "error: --district “pudong”: must be a 6-digit district code", "enterprises", "export",
                  "-o", str(output), "--district", "pudong")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_list_says_so_on_stderr_as_the_page_does(url):
    # it printed nothing: an empty stdout read as a command that did not run
    for lang, said in (("en", "No enterprise matches these filters.\n"), ("zh_CN.UTF-8", "没有符合筛选条件的企业。\n")):
        empty = registry(url, "enterprises", "list", "--q", "无此企业名录", lang=lang)
        assert empty.exit_code == 0 and empty.stdout == "" and empty.stderr == said, empty.output
    assert json.loads(registry(url, "enterprises", "list", "--q", "无此企业名录", "--format", "json").stdout) == {
        "total": 0, "items": []}  # JSON and CSV say it by their total and rows
