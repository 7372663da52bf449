"""The modules split out of errors_web and web/projects each import first in a fresh interpreter: a
cycle that only shows in one import order (the refused-download page imported before errors_web,
the reason it once stayed inside it) fails here, not in the one worker that imports it first."""
from __future__ import annotations

import subprocess
import sys

import pytest

SEAMS = ("registry.refused_downloads", "registry.user_messages", "registry.errors_web", "registry.app_caches",
         "registry.web.project_detail", "registry.web.project_names", "registry.repositories.versions")


@pytest.mark.parametrize("module", SEAMS)
def test_the_module_imports_first(module):
    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
