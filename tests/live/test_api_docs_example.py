"""The client examples of docs/api.md (curl and Python) run, as written, against a live server."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The virtualenv running the tests: the checkout's .venv, or the one a second worktree borrows.
VENV = Path(sys.executable).parent.parent
SECTION = "## Client example"


def blocks(language: str) -> list[str]:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    section = text[text.index(SECTION):].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.S)


def test_the_curl_and_python_examples_register_a_project_and_read_its_savings(fuzz_server, tmp_path):
    (tmp_path / ".venv").symlink_to(VENV)  # the example calls .venv/bin/registry
    env = os.environ | {"DATABASE_URL": fuzz_server.database_url, "REGISTRY_API": fuzz_server.base_url + "/api/v1",
                        "REGISTRY_LANG": "en"}
    [shell] = blocks("sh")
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", shell], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert '"status": "draft"' in run.stdout and '"savings_tce": 3.49' in run.stdout, run.stdout

    token = subprocess.run([str(VENV / "bin" / "registry"), "tokens", "create", "--user", "pudong", "--days", "1"],
                           env=env, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    [python] = blocks("python")
    run = subprocess.run([sys.executable, "-c", python], cwd=tmp_path, env=env | {"REGISTRY_TOKEN": token},
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"parcel: \d+ m² = [\d.]+ mu, ok=True", run.stdout), run.stdout
    assert "419.3 tce saved" in run.stdout, run.stdout
