"""What ``registry db`` says, an import's progress lines and ``demo synth``'s summary speak the shell's
language (REGISTRY_LANG), as every other line of the CLI does. No database and no cluster: the
cluster's state is read from a directory of the test's own, a refusal comes before any connection,
and a PostgreSQL tool fails on a socket that does not exist."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from registry.cli import _register, cli
from registry.cli.imports import _Progress, say_synthesised
from registry.cli.output import message_text
from registry.localdb import LocalCluster
from registry.services.imports.results import ImportResult
from registry.services.loading import LoadReport

ZH, EN = "zh_CN.UTF-8", "en"
NOWHERE = "postgresql://nobody@/nothing?host=/nonexistent-registry-socket"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def _db(runner: CliRunner, lang: str, *args: str, **env: str | None):
    return runner.invoke(cli, ["db", *args], env={"REGISTRY_LANG": lang, **env})


def test_db_status_says_the_clusters_state_and_where_it_lives_in_the_shells_language(runner, tmp_path, monkeypatch):
    var = {"REGISTRY_VAR_DIR": str(tmp_path), "DATABASE_URL": None}
    data = tmp_path / "pgdata"
    assert _db(runner, ZH, "status", **var).output == f"尚未初始化（{data}）\n"
    assert _db(runner, EN, "status", **var).output == f"not initialised ({data})\n"
    data.mkdir()
    (data / "PG_VERSION").write_text("16\n")
    monkeypatch.setattr(LocalCluster, "is_running", lambda self: False)  # a stopped cluster says no more
    socket = LocalCluster(tmp_path).socket_dir
    assert _db(runner, ZH, "status", **var).output == f"已停止：数据 {data}，套接字 {socket}\n"
    assert _db(runner, EN, "status", **var).output == f"stopped: data {data}, socket {socket}\n"
    monkeypatch.setattr(LocalCluster, "is_running", lambda self: True)
    monkeypatch.setenv("REGISTRY_LANG", ZH)
    assert message_text(LocalCluster(tmp_path).status()) == f"运行中：数据 {data}，套接字 {socket}"
    monkeypatch.setenv("REGISTRY_LANG", EN)
    assert message_text(LocalCluster(tmp_path).status()) == f"running: data {data}, socket {socket}"


def test_db_refusals_speak_the_shells_language(runner):
    started = _db(runner, ZH, "start", DATABASE_URL=NOWHERE)
    assert started.exit_code == 1 and started.output == "错误：已设置 DATABASE_URL：未使用本地集群\n"
    reset = _db(runner, ZH, "reset", DATABASE_URL=NOWHERE)
    assert reset.exit_code == 1 and reset.output == "错误：未加 --yes，拒绝重置 DATABASE_URL 所指的数据库\n"
    assert _db(runner, EN, "reset", DATABASE_URL=NOWHERE).output == \
        "Error: refusing to reset a DATABASE_URL database without --yes\n"


def test_a_failed_postgresql_tool_is_one_error_line_in_the_shells_language(runner, tmp_path):
    chinese = _db(runner, ZH, "backup", str(tmp_path / "b.dump"), DATABASE_URL=NOWHERE)
    assert chinese.exit_code == 2 and chinese.output.startswith("错误：pg_dump 失败（1）：pg_dump: "), chinese.output
    english = _db(runner, EN, "backup", str(tmp_path / "b.dump"), DATABASE_URL=NOWHERE)
    assert english.exit_code == 2 and english.output.startswith("error: pg_dump failed (1): pg_dump: "), english.output
    assert "Traceback" not in chinese.output + english.output


@pytest.mark.parametrize("lang, lines", [
    (ZH, ["正在读取文件：12,000/12,000 行", "检查…（0.0 秒）", "写入…（0.0 秒）", "重新确定地块所属区…（0.0 秒）",
          "生成企业和项目…（0.0 秒）"]),
    (EN, ["reading the file: 12,000/12,000 rows", "check… (0.0 s)", "write… (0.0 s)", "reassign… (0.0 s)",
          "projects… (0.0 s)"]),
])
def test_each_stage_of_an_import_is_a_line_in_the_shells_language(monkeypatch, capsys, lang, lines):
    monkeypatch.setenv("REGISTRY_LANG", lang)
    progress = _Progress(quiet=False)  # stderr is no terminal here: plain lines, no bar
    for stage, done in (("read", 0), ("read", 12_000), ("check", 0), ("check", 12_000), ("write", 0),
                        ("reassign", 0), ("projects", 0), ("done", 12_000)):
        progress(stage, done, 12_000)
    shown = capsys.readouterr().err.splitlines()
    assert [re.sub(r"\d+\.\d", "0.0", line) for line in shown] == lines


@pytest.mark.parametrize("lang, lines", [
    (ZH, ["地块：新增 3,000，更新 0，未变 12（4.2 秒）", "企业：新增 40；项目：新增 1,000，已存在 0"]),
    (EN, ["parcels: 3,000 inserted, 0 updated, 12 unchanged (4.2 s)",
          "enterprises: 40 inserted; projects: 1,000 inserted, 0 already present"]),
])
def test_synths_summary_is_in_the_shells_language_with_its_numbers_grouped(monkeypatch, capsys, lang, lines):
    monkeypatch.setenv("REGISTRY_LANG", lang)
    parcels = ImportResult(target="parcels", source_name="synth seed=7", rows_read=3_012, inserted=3_000, updated=0,
                           unchanged=12, refused=0, repaired=0, loaded=True, dry_run=False, on_error="abort",
                           columns={}, problems=(), problems_total=0, seconds=4.2)
    say_synthesised(parcels, LoadReport({"enterprises": 40, "projects": 1_000}, {"projects": 0}))
    assert capsys.readouterr().out.splitlines() == lines


@pytest.mark.parametrize("lang, lines", [
    (ZH, ["  用户账户：新增 5，已存在 0", "  地块产出：新增 13,723，已存在 0"]),
    (EN, ["  User accounts: 5 inserted, 0 already present", "  Parcel outputs: 13,723 inserted, 0 already present"]),
])
def test_demo_loads_summary_names_every_section_in_the_shells_language(monkeypatch, capsys, lang, lines):
    """The demo's accounts and land outputs were named by their keys (users：新增 5，parcel_outputs：…)
    among the sections named in words (行政区：…)."""
    from registry.cli.demo import _print_report

    monkeypatch.setenv("REGISTRY_LANG", lang)
    _print_report(LoadReport({"users": 5, "parcel_outputs": 13_723}, {"users": 0}))
    assert capsys.readouterr().out.splitlines() == lines
