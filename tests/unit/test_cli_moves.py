"""``registry import districts --reassign-parcels`` lists the parcels it moved by district name, in
the shell's language (REGISTRY_LANG), as the page does."""
from __future__ import annotations

import pytest

from registry.cli.import_output import print_moves
from registry.domain.errors import DistrictRef

PUDONG = DistrictRef("310115", ("浦东新区", "Pudong New Area"))
HUANGPU = DistrictRef("310101", ("黄浦区", "Huangpu"))


@pytest.mark.parametrize("lang, lines, outside", [
    ("en", ["parcels moved to another district: 103", "  Pudong New Area (310115) → Huangpu (310101): 101",
            "  — → Huangpu (310101): 2"],
     "  3 parcels of Pudong New Area (310115) now lie outside every district: kept in Pudong New Area (310115)"),
    ("zh_CN.UTF-8", ["改归其他区的地块：103", "  浦东新区（310115） → 黄浦区（310101）：101", "  — → 黄浦区（310101）：2"],
     "  浦东新区（310115）有 3 个地块现已不在任何区内：仍归浦东新区（310115）"),
])
def test_moved_parcels_name_their_districts_in_the_shells_language(monkeypatch, capsys, lang, lines, outside):
    monkeypatch.setenv("REGISTRY_LANG", lang)
    print_moves(((PUDONG, HUANGPU, 101), (None, HUANGPU, 2), (PUDONG, None, 3)))
    out, err = capsys.readouterr()
    assert out.splitlines() == lines
    assert err.rstrip("\n") == outside
