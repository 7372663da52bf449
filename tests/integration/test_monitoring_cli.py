"""``registry monitoring import|list`` and the project list's ``--monitoring flagged`` on a committed
database: the same loading and cross-check as the monitoring page (services/monitoring.py)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from registry.services import projects as svc
from tests.integration.command_line import committed_cli_database
from tests.integration.monitoring_data import code, csv_file
from tests.integration.project_data import CREDIT, EXIT_INPUTS, PUDONG, draft


def _seed(session) -> None:
    svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS, title="关停退出"))
    svc.register_project(session, PUDONG, draft(new_parcels=(), title="电机改造"))


@pytest.fixture(scope="module")
def database(fresh_database_url):
    return committed_cli_database(fresh_database_url, "registry_test_monitoring_cli", _seed)


def run(url, *args, lang="en"):
    from registry.cli import cli

    return CliRunner().invoke(cli, list(args), env={"DATABASE_URL": url, "REGISTRY_LANG": lang})


def test_a_refused_file_loads_nothing_and_lists_each_problem(database, tmp_path):
    bad = code(1)[:17] + "X"
    path = csv_file(tmp_path, [(CREDIT, 2011, "560", ""), (bad, 2011, "x", "")], name="bad.csv")
    refused = run(database, "monitoring", "import", str(path))
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        f"  row 3, column 统一社会信用代码, value “{bad}”: check character should be {code(1)[17]}, got “X”",
        "  row 3, column 综合能耗（吨标准煤）, value “x”: must be a number, got “x”",
        "nothing was loaded: 1 of 2 rows were refused; the figures are unchanged"]
    chinese = run(database, "monitoring", "import", str(path), lang="zh_CN.UTF-8")
    assert "未导入任何数据：2 行中有 1 行被拒绝，监测数据未改变" in chinese.stderr
    nothing = run(database, "monitoring", "list", "--year", "2011")
    assert nothing.stdout == "" and nothing.stderr == "No monitored figure matches these filters.\n"


def test_a_file_is_loaded_listed_and_the_flagged_exit_found(database, tmp_path):
    path = csv_file(tmp_path, [(CREDIT, 2012, "560", "市平台"), (code(2), 2012, "1,000", "")], name="2012.csv")
    checked = run(database, "monitoring", "import", str(path), "--dry-run")
    assert checked.output == "dry run, nothing written: 2012.csv, 2 rows: 2 would be added, 0 replaced, 0 unchanged\n"
    loaded = run(database, "monitoring", "import", str(path))
    assert loaded.exit_code == 0 and loaded.output == "loaded 2012.csv, 2 rows: 2 added, 0 replaced, 0 unchanged\n"
    listed = run(database, "monitoring", "list", "--code", CREDIT[:12]).output.splitlines()
    assert len(listed) == 1 and listed[0].startswith(f"{CREDIT}  2012  560.00 tce  上海测试电机有限公司  市平台  ")
    assert listed[0].endswith("  system")
    flagged = run(database, "projects", "list", "--monitoring", "flagged").output.splitlines()
    assert len(flagged) == 1 and flagged[0].endswith("关停退出")
    reference = flagged[0].split()[1]
    shown = run(database, "projects", "show", reference).output
    assert ("Online monitoring cross-check: Deviation from the monitoring beyond the tolerance (claimed 642.87 tce, "
            "monitored 560.00 tce in 2012)") in shown
    check = json.loads(run(database, "projects", "show", reference, "--json").output)["monitoring"]
    assert (check["verdict"], check["flagged"], check["claim"], check["monitored_tce"]) == (
        "flagged", True, {"scope": "whole", "consumption_tce": 642.87, "year": 2012}, 560)


def test_an_empty_list_says_so_on_stderr_as_the_page_does(database):
    # it printed nothing: an empty stdout read as a command that did not run
    for lang, said in (("en", "No monitored figure matches these filters.\n"),
                       ("zh_CN.UTF-8", "没有符合筛选条件的监测数据。\n")):
        empty = run(database, "monitoring", "list", "--code", "9", "--year", "2001", lang=lang)
        assert empty.exit_code == 0 and empty.stdout == "" and empty.stderr == said, empty.output
    as_json = run(database, "monitoring", "list", "--year", "2001", "--json")
    assert as_json.stderr == "" and json.loads(as_json.stdout) == {"total": 0, "items": []}  # its total says it
