"""``registry quality`` on a committed database: the page's service, each check's count as the user
``--as`` reads it, the list command that shows those records — which lists as many — lines in the
CLI's language, JSON with ids and counts, a bad district one error line."""
from __future__ import annotations

import json
import shlex

import pytest

from tests.integration.cli_projects import refused_alone, registry, session_on, users_database
from tests.integration.quality_data import PUDONG_STAFF, REVIEWER_CITY, REVIEWER_MINHANG, seed_quality


@pytest.fixture(scope="module")
def url(fresh_database_url):
    url = users_database(fresh_database_url, "registry_test_quality_cli")
    with session_on(url) as session:
        seed_quality(session)
        session.commit()
    return url


def test_json_gives_each_checks_id_count_and_list_parameters(url):
    done = registry(url, "quality", "--format", "json")
    assert done.exit_code == 0, done.output
    answer = json.loads(done.stdout)
    assert answer["district_code"] is None
    assert {c["id"]: c["failing"] for c in answer["checks"]} == REVIEWER_CITY
    assert answer["checks"][-1] == {"id": "parcel_without_project", "records": "parcels",
                                    "failing": REVIEWER_CITY["parcel_without_project"], "parameters": {"project": "without"}}
    minhang = json.loads(registry(url, "quality", "--district", "310112", "--format", "json", "--as", "reviewer").stdout)
    assert {c["id"]: c["failing"] for c in minhang["checks"]} == REVIEWER_MINHANG


def test_each_line_names_the_check_and_the_command_that_lists_as_many_records(url):
    done = registry(url, "quality", "--as", "pudong")
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0] == "The records of Pudong New Area (310115) that need attention:"
    assert lines[1].split()[:2] == ["1", "Enterprises"] and lines[2].strip().startswith("Lists and statistics by industry")
    commands = [line.split(": ", 1)[1] for line in lines[1::2]]
    assert commands[5] == "registry projects list --check possible_duplicates --district 310115 --as pudong"
    assert commands[6] == "registry parcels list --project without --district 310115 --as pudong"
    for command, expected in zip(commands, PUDONG_STAFF.values()):
        words = shlex.split(command)[1:]
        words += ["--json"] if words[0] == "projects" else ["--format", "json"]
        assert json.loads(registry(url, *words).stdout)["total"] == expected, command
    chinese = registry(url, "quality", "--as", "pudong", lang="zh_CN.UTF-8").stdout.splitlines()
    assert chinese[0] == "浦东新区（310115）需要关注的记录："
    assert chinese[11].split(maxsplit=1)[1].startswith("可能重复登记的项目：registry projects list --check")


def test_a_malformed_district_is_one_error_line(url):
    refused_alone(url, "error: --district “3101”: must be a 6-digit district code", "quality", "--district", "3101")
