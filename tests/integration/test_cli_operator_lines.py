"""On a database of its own: ``registry db status|upgrade|backup``, an import's progress lines and
``registry load``'s refusal in the shell's language (REGISTRY_LANG), English left as it was
(``db backup|restore``'s in test_cli.py).
The cluster is never started or stopped: DATABASE_URL names the test's database."""
from __future__ import annotations

import json
import re

from registry import migrations
from registry.cli import cli

DISTRICT_CSV = ('code,name_zh,name_en,wkt\n'
                '310115,浦东新区,Pudong New Area,"POLYGON((121.5 31.1, 121.7 31.1, 121.7 31.3, 121.5 31.3, 121.5 31.1))"\n')


def _run(runner, url: str, lang: str, *args: str):
    return runner.invoke(cli, list(args), env={"DATABASE_URL": url, "REGISTRY_LANG": lang})


def test_db_says_the_revision_and_the_backup_in_the_shells_language(runner, cli_database, tmp_path):
    head = migrations.head_revision()
    assert _run(runner, cli_database, "zh_CN.UTF-8", "db", "status").output == f"迁移版本：{head}（最新 {head}）\n"
    assert _run(runner, cli_database, "en", "db", "status").output == f"revision: {head} (head {head})\n"
    assert _run(runner, cli_database, "zh_CN.UTF-8", "db", "upgrade").output == f"现为迁移版本 {head}\n"
    assert _run(runner, cli_database, "en", "db", "upgrade").output == f"at revision {head}\n"
    dump = tmp_path / "registry.dump"
    backup = _run(runner, cli_database, "zh_CN.UTF-8", "db", "backup", str(dump))
    assert backup.output == f"备份已写入 {dump}（{dump.stat().st_size:,} 字节）\n", backup.output  # English: test_cli.py


def test_an_imports_progress_lines_are_in_the_shells_language(runner, cli_database, tmp_path):
    path = tmp_path / "pudong.csv"
    path.write_text(DISTRICT_CSV, encoding="utf-8")
    chinese = _run(runner, cli_database, "zh_CN.UTF-8", "import", "districts", str(path), "--reassign-parcels")
    assert chinese.exit_code == 0, chinese.output
    seconds = re.compile(r"\d+\.\d")
    assert [seconds.sub("0.0", line) for line in chinese.stderr.splitlines()] == [
        "正在读取文件：1/1 行", "检查…（0.0 秒）", "写入…（0.0 秒）", "重新确定地块所属区…（0.0 秒）"]
    assert chinese.stdout.startswith("已将 pudong.csv 导入行政区：读取 1 行（")
    english = _run(runner, cli_database, "en", "import", "districts", str(path), "--dry-run")
    assert english.exit_code == 0, english.output
    assert [seconds.sub("0.0", line) for line in english.stderr.splitlines()] == [
        "reading the file: 1/1 rows", "check… (0.0 s)"]


BOW_TIE = {"type": "Polygon", "coordinates": [[[121.60, 31.20], [121.601, 31.201], [121.601, 31.20], [121.60, 31.201],
                                              [121.60, 31.20]]]}


def test_load_says_an_invalid_shape_in_the_shells_language_as_the_wizard_does(runner, cli_database, tmp_path):
    """It printed GEOS's English (几何图形无效：Self-intersection[121.6005 31.2005])."""
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps({"parcels": [{"type": "Feature", "geometry": BOW_TIE,
                                             "properties": {"code": "P-2", "land_use_class": "M1"}}]}), encoding="utf-8")
    refused = _run(runner, cli_database, "zh_CN.UTF-8", "load", str(path))
    assert refused.exit_code == 2, refused.output  # refused input, as every ValidationError
    assert refused.stderr == "错误：parcels[0] (P-2).geometry：几何图形无效：边界在 121.6005 31.2005 处自相交\n"
