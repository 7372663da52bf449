"""The freed land's and the parcel list's totals give 公顷 beside 亩: Shanghai's planners count land in
亩 and 公顷 (the API gave area_ha; the pages said m², 亩 and km² only)."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.web.page_text import text_of


def _figure(text: str, label: str) -> Decimal:
    found = re.search(re.escape(label) + r"\s*([\d,]+(?:\.\d+)?)", text)
    assert found, (label, text[:800])
    return Decimal(found.group(1).replace(",", ""))


@pytest.mark.parametrize("lang, m2, ha", [("zh", "面积（m²）", "面积（公顷）"), ("en", "Area (m²)", "Area (ha)")])
def test_the_freed_land_totals_give_hectares(client, ids, login, lang, m2, ha):
    login("planner")
    html = client.get(f"/land/freed?lang={lang}").get_data(as_text=True)
    totals = text_of(html[html.index('<dl class="counts totals">'):html.index("</dl>")])
    assert abs(_figure(totals, ha) - _figure(totals, m2) / 10000) <= Decimal("0.01"), totals  # m² shown whole


def test_the_parcel_list_total_gives_hectares(client, ids, login):
    login("city_reviewer")
    line = text_of(client.get("/land/parcels").get_data(as_text=True).split('class="totals-line">')[1].split("</p>")[0])
    found = re.fullmatch(r"总面积：([\d,]+) m² · [\d,.]+ 亩 · ([\d,.]+) 公顷", line.strip())
    assert found, line
    hectares, m2 = (Decimal(found.group(n).replace(",", "")) for n in (2, 1))
    assert abs(hectares - m2 / 10000) <= Decimal("0.01"), line
