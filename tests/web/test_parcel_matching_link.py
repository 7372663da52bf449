"""A freed parcel's page leads to 对接 (matching freed land to a demand): the freed land near it that
would take a demand of its size, ranked as the matching ranks it — the page had no way there but the
freed land's heading. A parcel in use, planned or ended has land for no demand, and no link."""
from __future__ import annotations

import html as markup
import math
import re

from tests.web.page_text import text_of


def _matching_link(page: str) -> str | None:
    found = re.search(r'<a href="(/land/matching\?[^"]*)"', page)
    return markup.unescape(found.group(1)) if found else None


def test_a_freed_parcel_links_to_matching_around_it(client, ids, login):
    login("planner")
    page = client.get(f"/land/parcels/{ids['P1']}").get_data(as_text=True)
    href = _matching_link(page)
    assert href, "no link to 对接"
    assert "附近可满足同等面积需求的腾出土地" in text_of(page)
    args = dict(pair.split("=", 1) for pair in href.split("?", 1)[1].split("&"))
    assert args["area_unit"] == "m2" and math.isclose(float(args["lon"]), 121.421) and math.isclose(float(args["lat"]), 31.221)
    ranked = client.get(href).get_data(as_text=True)
    table = ranked[ranked.index('id="match-table"'):]
    assert "T-P1" in table  # the parcel meets a demand of its own size (its area rounded down)


def test_land_for_no_demand_has_no_link(client, ids, login):
    login("planner")
    for name in ("P5", "P4", "P7", "P6"):  # in use, planned, redeveloped, ended
        assert _matching_link(client.get(f"/land/parcels/{ids[name]}").get_data(as_text=True)) is None, name
