"""The matching page explains a parcel's area in the unit the demand was typed in (亩 asked, 亩 said)."""
from __future__ import annotations

import re

from tests.web.page_text import text_of


def test_a_demand_in_mu_is_explained_in_mu(client, ids, login):
    login("planner")
    page = text_of(client.get("/land/matching?min_area=1&area_unit=mu").get_data(as_text=True))
    assert re.search(r"地块 [\d,]+\.\d\d 亩，需求 1\.00 亩（利用率 \d+%）", page), page[-1500:]
    assert "需求 667 m²" not in page
