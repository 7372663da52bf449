"""``registry enterprises list`` on a committed database: the enterprise directory's service, filters and
order; projects counted as the user ``--as`` reads them; lines in the CLI's language, JSON and CSV
with the API's keys and codes, the same in both languages; a bad prefix one error line."""
from __future__ import annotations

import csv
import io
import json

import pytest

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
    refused_alone(url, "error: industry: must be a GB/T 4754-2017 section letter", "enterprises", "list",
                  "--industry", "C26X")
