"""``registry import``/``export``/``demo synth`` as a user runs them, on a committed database;
a SIGKILLed import leaves nothing half-loaded."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, pool, text

from registry import migrations
from tests.integration.imports.conftest import WGS84_DISTRICTS, squares, write_parcels

REGISTRY = [sys.executable, "-c", "from registry.cli import main; main()"]


@pytest.fixture(scope="module")
def cli_database(fresh_database_url):
    url = fresh_database_url("registry_test_i7_cli")
    migrations.upgrade(url)
    return url


def registry(url: str, *args: str, cwd: Path, lang: str = "en") -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "REGISTRY_LANG": lang}
    return subprocess.run([*REGISTRY, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def scalar(url: str, sql: str):
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


def test_import_abort_names_the_row_writes_a_report_and_exits_1(cli_database, tmp_path):
    assert registry(cli_database, "import", "districts", str(WGS84_DISTRICTS), cwd=tmp_path).returncode == 0
    land_use = ["M1"] * 300
    land_use[41] = "??"
    path = write_parcels(tmp_path / "bad.gpkg", squares(300), land_use=land_use)
    done = registry(cli_database, "import", "parcels", str(path), "--report", "r.xlsx", cwd=tmp_path)
    assert done.returncode == 1
    assert "row 42: Land use = “??”: is not one of the list" in done.stderr and "[refused]" in done.stderr
    assert "database is unchanged" in done.stderr
    chinese = registry(cli_database, "import", "parcels", str(path), cwd=tmp_path, lang="zh_CN.UTF-8")
    assert "第 42 行：用地性质为“??”：不是可选值（可选：" in chinese.stderr and "［拒绝］" in chinese.stderr
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "r.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert rows[1][:3] == (42, "用地性质 Land use", "??") and rows[1][4].startswith("is not one of the list")
    assert scalar(cli_database, "SELECT count(*) FROM parcels") == 0

    good = registry(cli_database, "import", "parcels", str(path), "--on-error", "skip", cwd=tmp_path)
    assert good.returncode == 0, good.stderr
    assert "  Inserted: 299" in good.stdout and (tmp_path / "bad-report.csv").exists()


def test_sigkill_mid_import_leaves_nothing_half_loaded(fresh_database_url, tmp_path):
    url = fresh_database_url("registry_test_i7_kill")
    migrations.upgrade(url)
    assert registry(url, "import", "districts", str(WGS84_DISTRICTS), cwd=tmp_path).returncode == 0
    # 120,000 squares over a wide stretch of Pudong: long enough to be killed while writing.
    geoms = [g for row in range(3) for g in squares(40_000, (121.55 + 0.07 * row, 31.05))]
    path = write_parcels(tmp_path / "big.gpkg", geoms, codes=[f"K-{i}" for i in range(len(geoms))])
    env = {**os.environ, "DATABASE_URL": url, "REGISTRY_LANG": "en"}
    process = subprocess.Popen([*REGISTRY, "import", "parcels", str(path), "--on-error", "skip"], env=env,
                               cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    stage = None
    deadline = time.monotonic() + 240
    for line in process.stderr:  # progress lines: reading the file: …, check…, write…
        if line.startswith(("check", "write")):
            stage = line.split("…")[0]
            if stage == "write":
                time.sleep(0.5)
                break
        assert time.monotonic() < deadline
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    process.stderr.close()
    assert stage == "write" and process.returncode == -signal.SIGKILL
    time.sleep(1)  # the server notices the dead client and rolls back
    assert scalar(url, "SELECT count(*) FROM parcels") == 0
    assert scalar(url, "SELECT count(*) FROM parcel_zones") == 0
    assert scalar(url, "SELECT count(*) FROM import_runs WHERE target = 'parcels'") == 0
    assert scalar(url, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'import\\_%'") == 0  # its work schema


def test_synth_and_export(cli_database, tmp_path):
    done = registry(cli_database, "demo", "synth", "--parcels", "3000", "--projects", "60", "--seed", "5",
                    "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "parcels: 3,000 inserted" in done.stdout and "projects: 60 inserted" in done.stdout  # grouped as the CLI groups
    out = registry(cli_database, "export", "all.gpkg", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "projects 60" in out.stdout and (tmp_path / "all.gpkg").stat().st_size > 0


def test_the_cli_still_takes_a_mapping_file(cli_database, tmp_path):
    """The web takes saved profile names only; an operator on the server may name a TOML file."""
    csv = tmp_path / "p.csv"
    csv.write_text("PARCEL_NO,USE,wkt\n" + "".join(f'M-{i},M1,"{g.wkt}"\n' for i, g in enumerate(squares(2))),
                   encoding="utf-8")
    (tmp_path / "m.toml").write_text('[fields]\ncode = "PARCEL_NO"\nland_use_class = "USE"\n', encoding="utf-8")
    done = registry(cli_database, "import", "parcels", str(csv), "--mapping", "m.toml", "--dry-run", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 rows read" in done.stdout


def test_a_gis_import_writes_its_report_beside_the_file_as_the_project_import_does(cli_database, tmp_path):
    """It went to the shell's current directory, wherever that was, unlike the project workbook's."""
    folder, shell = tmp_path / "浦东", tmp_path / "shell"
    folder.mkdir()
    shell.mkdir()
    path = write_parcels(folder / "bad.gpkg", squares(2), land_use=["M1", "??"])
    done = registry(cli_database, "import", "parcels", str(path), "--dry-run", cwd=shell)
    assert done.returncode == 0, done.stderr
    assert f"report: {folder / 'bad-report.csv'}" in done.stderr and list(shell.iterdir()) == []
    chosen = registry(cli_database, "import", "parcels", str(path), "--dry-run", "--report", "z.xlsx", cwd=shell)
    # said resolved, as the default is, where it said z.xlsx as typed
    assert f"report: {(shell / 'z.xlsx').resolve()}\n" in chosen.stderr and (shell / "z.xlsx").exists(), chosen.stderr
    helped = registry(cli_database, "import", "districts", "--help", cwd=shell, lang="zh_CN.UTF-8")
    assert "默认为文件旁的 <file>-report.csv" in " ".join(helped.stdout.split()), helped.stdout  # as wrapped


def test_a_gis_import_says_its_rows_loaded_updated_and_refused_apart_in_a_clerk_s_words(cli_database, tmp_path):
    """The progress said 读取 + COPY (a PostgreSQL command) and the counts ran together in one line."""
    assert registry(cli_database, "import", "districts", str(WGS84_DISTRICTS), cwd=tmp_path).returncode == 0
    codes = [f"W-{i}" for i in range(4)]
    first = write_parcels(tmp_path / "first.gpkg", squares(2), codes=codes[:2])
    assert registry(cli_database, "import", "parcels", str(first), cwd=tmp_path).returncode == 0
    path = write_parcels(tmp_path / "again.gpkg", squares(4), codes=codes, land_use=["M1", "M2", "M1", "??"])
    done = registry(cli_database, "import", "parcels", str(path), "--on-error", "skip", cwd=tmp_path,
                    lang="zh_CN.UTF-8")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == "正在读取文件：4/4 行" and "COPY" not in done.stderr
    lines = done.stdout.splitlines()
    assert re.fullmatch(r"已将 again.gpkg 导入地块：读取 4 行（\d+\.\d 秒）", lines[0]), lines
    assert lines[1:] == ["  新增：1", "  更新：1", "  未变：1", "  拒绝：1", "  已修复：0"]
