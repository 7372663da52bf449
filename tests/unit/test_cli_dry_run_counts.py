"""``registry import parcels|zones|districts --dry-run`` counts what the import would update and what it
would leave unchanged apart, as the import counts them (it said 已登记（将更新或不变）, one count)."""
from __future__ import annotations

import pytest

from registry.cli.import_output import print_result
from registry.services.imports.results import ImportResult


@pytest.mark.parametrize("lang, lines", [
    ("en", ["  Would be inserted: 1", "  Would be updated: 3", "  Would stay unchanged: 2", "  Refused: 1"]),
    ("zh_CN.UTF-8", ["  将新增：1", "  将更新：3", "  将不变：2", "  拒绝：1"]),
])
def test_a_dry_run_counts_the_updated_and_the_unchanged_apart(monkeypatch, capsys, lang, lines):
    monkeypatch.setenv("REGISTRY_LANG", lang)
    result = ImportResult("parcels", "p.gpkg", 7, inserted=1, updated=3, unchanged=2, refused=1, repaired=0,
                          loaded=False, dry_run=True, on_error="skip", columns={}, problems=(), problems_total=0,
                          seconds=0.1)
    print_result(result, None)
    assert capsys.readouterr().out.splitlines()[1:5] == lines
