"""``registry projects list|export --enterprise CODE``: the project list's enterprise= on the command
line — exactly the enterprise's projects the reader reads (not another's whose title holds the code),
with the other filters; a malformed code one error line naming it; the export's file the same."""
from __future__ import annotations

import csv
import io

import pytest

from tests.integration import enterprise_filter_data as data
from tests.integration.cli_projects import refused_alone, registry, session_on, users_database


@pytest.fixture(scope="module")
def url(fresh_database_url):
    url = users_database(fresh_database_url, "registry_test_enterprise_filter_cli")
    with session_on(url) as session:
        data.load(session)
        session.commit()
    return url


def references(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [line.split()[1] for line in result.stdout.splitlines()]


def test_the_list_holds_the_enterprises_projects_exactly(url):
    assert data.QUOTING in references(registry(url, "projects", "list", "--q", data.FIRST))
    assert references(registry(url, "projects", "list", "--enterprise", data.FIRST.lower())) == [
        "2015-310115-0001", "2016-310112-0001", "2016-310115-0001"]
    assert references(registry(url, "projects", "list", "--enterprise", data.FIRST, "--year", "2016",
                               "--as", "pudong")) == ["2016-310115-0001"]
    assert references(registry(url, "projects", "list", "--enterprise", data.UNKNOWN)) == []
    refused_alone(url, "error: --enterprise “9131”: must be 18 characters long, got 4", "projects", "list", "--enterprise", "9131")


def test_the_export_writes_them_and_refuses_a_malformed_code(url, tmp_path):
    output = tmp_path / "jia.csv"
    done = registry(url, "projects", "export", "--format", "csv", "-o", str(output), "--enterprise", data.FIRST,
                    "--as", "pudong")
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(io.StringIO(output.read_bytes().decode("utf-8-sig"))))[1:]
    assert sorted(r[0] for r in rows) == ["2015-310115-0001", "2016-310115-0001"]
    refused = registry(url, "projects", "export", "-o", str(tmp_path / "x.xlsx"), "--enterprise", data.FIRST[:17] + "I")
    assert refused.exit_code == 2 and "enterprise" in refused.stderr and not (tmp_path / "x.xlsx").exists()
