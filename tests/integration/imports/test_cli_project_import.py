"""``registry import projects`` as a clerk runs it: the check's progress on stderr (a bar in a
terminal), the report beside the workbook (or where --report says) with its path said, and the
columns left unread said."""
from __future__ import annotations

import os
import pty
import subprocess

import pytest

from registry import migrations
from tests.integration.imports.conftest import WGS84_DISTRICTS
from tests.integration.imports.test_cli_import import REGISTRY, registry
from tests.integration.imports.test_project_import import _ENTERPRISE, _PARCELS, _motor, _workbook
from tests.integration.imports.test_project_sheet_typing import with_column, with_sheet


@pytest.fixture(scope="module")
def cli_database(fresh_database_url, tmp_path_factory):
    url = fresh_database_url("registry_test_clerk_cli")
    migrations.upgrade(url)
    assert registry(url, "import", "districts", str(WGS84_DISTRICTS), cwd=tmp_path_factory.mktemp("d")).returncode == 0
    return url


def _two_motors(folder):
    """A workbook of two projects, the second refused (台数 三), with a column 备注 and a sheet 电机明细 of
    the clerk's own."""
    rows = [_motor("2017-310115-7201", **{_PARCELS: None}), _motor("2017-310115-7202", 台数="三", **{_PARCELS: None})]
    path = with_sheet(_workbook(folder, rows, enterprises=[_ENTERPRISE]), "电机明细", [["备注"], ["急"]])
    return with_column(path, "高效电机", "备注", ["急", None])


def test_the_report_is_written_beside_the_workbook_and_its_path_said(cli_database, tmp_path):
    """It was written into the shell's current directory, wherever that was, and no column left
    unread was mentioned."""
    folder, shell = tmp_path / "浦东", tmp_path / "shell"
    folder.mkdir()
    shell.mkdir()
    path, column = _two_motors(folder)
    done = registry(cli_database, "import", "projects", str(path), "--dry-run", cwd=shell)
    assert done.returncode == 0, done.stderr
    report = folder / "projects-report.csv"
    assert f"report: {report}" in done.stderr and list(shell.iterdir()) == []
    assert f"高效电机!{column}1: column “备注” is not in the template: not imported" in done.stderr
    assert "电机明细: sheet not in the template: not imported (only the template's sheets are: 产业结构调整, " \
        in done.stderr
    assert "  高效电机!M3 台数 = “三”: must be a number" in done.stderr
    lines = report.read_text(encoding="utf-8-sig")
    assert "列“备注”不在模板中，未导入" in lines and "未导入 ignored" in lines and "拒绝 refused" in lines
    assert "check… (" in done.stderr  # the progress: plain lines, stderr being no terminal here

    # --report relative to the shell: the path said resolved, as the default's is (it said ../r.xlsx)
    chinese = registry(cli_database, "import", "projects", str(path), "--dry-run", "--report",
                       "../r.xlsx", "--quiet", cwd=shell, lang="zh_CN.UTF-8")
    written = (tmp_path / "r.xlsx").resolve()
    assert written.exists() and f"报告：{written}\n" in chinese.stderr, chinese.stderr
    assert f"高效电机!{column}1：列“备注”不在模板中，未导入" in chinese.stderr
    assert "电机明细：工作表不在模板中，未导入（只导入模板中的工作表：产业结构调整、" in chinese.stderr
    assert "检查…" not in chinese.stderr  # --quiet


def test_in_a_terminal_the_check_is_a_progress_bar(cli_database, tmp_path):
    path, _column = _two_motors(tmp_path)
    leader, follower = pty.openpty()
    env = {**os.environ, "DATABASE_URL": cli_database, "REGISTRY_LANG": "en"}
    try:
        done = subprocess.run([*REGISTRY, "import", "projects", str(path), "--dry-run"], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=follower, timeout=300)
    finally:
        os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal's other end is closed: everything written has been read
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert done.returncode == 0
    bar = shown.decode()
    assert "check" in bar and "3/3" in bar, bar  # two project rows and the 企业 sheet's one


def test_the_summary_counts_projects_and_enterprises_apart_as_the_page_does(cli_database, tmp_path):
    """It added project rows and the 企业 sheet's rows together (nothing imported (1 of 3 rows refused …),
    3 rows read, 1 inserted …), where the page counts them apart."""
    path, _column = _two_motors(tmp_path)
    refused = registry(cli_database, "import", "projects", str(path), "--quiet", cwd=tmp_path, lang="zh_CN.UTF-8")
    assert refused.returncode == 1
    assert "未导入任何数据：2 个项目行中有 1 行被拒绝，1 个企业行中有 0 行被拒绝。登记库未作任何改动。" in refused.stderr, \
        refused.stderr
    assert "--on-error skip" in refused.stderr
    assert "  读取项目行数：2\n  读取企业行数：1\n" in refused.stdout + refused.stderr

    done = registry(cli_database, "import", "projects", str(path), "--on-error", "skip", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"Imported “{path.name}”." in done.stdout, done.stdout
    assert ("  Project rows read: 2\n  Enterprise rows read: 1\n  Projects inserted: 1\n  Enterprises inserted: 1\n"
            "  Projects already registered (unchanged): 0\n  Project rows refused: 1\n  Enterprise rows refused: 0\n") \
        in done.stdout, done.stdout
