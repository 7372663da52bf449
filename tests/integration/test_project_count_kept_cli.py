"""The project list's count kept (services/projects/list_counts.py) on a committed database, written to
by the command line in processes of their own — a workflow step and an import: each shows in the
next count read with the same cache, as another worker's write shows in a page's."""
from __future__ import annotations

import pytest

from registry.services.projects import ProjectFilter, list_projects
from registry.services.report_cache import ReportCache
from tests.integration.cli_projects import actor, registered, registry, session_on, users_database
from tests.integration.imports.test_project_import import _ENTERPRISE, _PARCELS, _motor, _workbook


@pytest.fixture(scope="module")
def url(fresh_database_url):
    return users_database(fresh_database_url, "registry_test_count_kept_cli")


def _total(url: str, cache: ReportCache, **filters) -> int:
    with session_on(url) as session:
        return list_projects(session, actor(session, "reviewer"), ProjectFilter(**filters), counts=cache).total


def test_a_step_and_an_import_on_the_command_line_show_in_the_next_count(url, tmp_path):
    cache = ReportCache()
    views = [registered(url, "submitted", title=f"电机改造 {n}") for n in (1, 2)]
    assert _total(url, cache, text="电机改造", status="submitted") == 2 == _total(url, cache, text="电机改造")
    assert len(cache) == 2
    done = registry(url, "projects", "approve", views[0].reference, "--as", "reviewer")
    assert done.exit_code == 0, done.output
    assert _total(url, cache, text="电机改造", status="submitted") == 1

    workbook = _workbook(tmp_path, [_motor("2017-310115-7201", **{_PARCELS: None})], enterprises=[_ENTERPRISE])
    done = registry(url, "import", "projects", str(workbook), "--quiet")
    assert done.exit_code == 0, done.output
    assert _total(url, cache, text="电机改造") == 3
    assert _total(url, cache, text="示例电机") == 1  # the imported enterprise's name (浦东示例电机厂)
