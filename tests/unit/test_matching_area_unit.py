"""A match's area reason speaks the unit the demand was typed in: 20 亩 asked read
"地块 26667 m²，需求 13333 m²" — a planner who thinks in 亩 had to convert both back."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.catalogues import translator
from registry.domain.matching import Candidate, rank_candidates, read_demand

PARCEL = Candidate(2, "B", Decimal("26666.67"), "block_104", "310115", date(2017, 1, 1))


def _area_reason(unit: str, need: str):
    demand = read_demand({"min_area": need, "area_unit": unit})
    return rank_candidates(demand, [PARCEL], today=date(2018, 1, 1))[0].reasons[1]


@pytest.mark.parametrize("unit, need, zh, en", [
    ("mu", "20", "地块 40.00 亩，需求 20.00 亩（利用率 50%）", "40.00 mu for 20.00 mu needed (50% used)"),
    ("ha", "1.5", "地块 2.67 公顷，需求 1.50 公顷（利用率 56%）", "2.67 ha for 1.50 ha needed (56% used)"),
    ("m2", "13333", "地块 26667 m²，需求 13333 m²（利用率 50%）", "26667 m² for 13333 m² needed (50% used)"),
])
def test_the_area_reason_is_in_the_unit_asked_for(unit, need, zh, en):
    reason = _area_reason(unit, need)
    assert reason.message.render(translator("zh_Hans_CN")) == zh
    assert reason.message.render() == en
