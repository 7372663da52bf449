"""``registry import districts --reassign-parcels`` lists the parcels it moved by district name, in
the shell's language (REGISTRY_LANG), as the page does."""
from __future__ import annotations

import pytest

from registry.cli.imports import _print_moves
from registry.domain.errors import DistrictRef

PUDONG = DistrictRef("310115", ("浦东新区", "Pudong New Area"))
HUANGPU = DistrictRef("310101", ("黄浦区", "Huangpu"))


@pytest.mark.parametrize("lang, moved, unknown, outside", [
    ("en", "  Pudong New Area → Huangpu: 101", "  - → Huangpu: 2",
     "Pudong New Area now lie outside every district: kept in Pudong New Area"),
    ("zh_CN.UTF-8", "  浦东新区 → 黄浦区: 101", "  - → 黄浦区: 2", "浦东新区 now lie outside every district: kept in 浦东新区"),
])
def test_moved_parcels_name_their_districts_in_the_shells_language(monkeypatch, capsys, lang, moved, unknown, outside):
    monkeypatch.setenv("REGISTRY_LANG", lang)
    _print_moves(((PUDONG, HUANGPU, 101), (None, HUANGPU, 2), (PUDONG, None, 3)))
    out, err = capsys.readouterr()
    assert out.splitlines() == ["parcels moved to another district: 103", moved, unknown]
    assert err.strip() == f"3 parcels of {outside}"
