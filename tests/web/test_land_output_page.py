"""The land-output page and the dashboard's development-zone row, as leaders read them."""
from __future__ import annotations

import json
import re
from decimal import Decimal

from sqlalchemy import text

from tests.web.page_text import text_of


def _record(session, parcel_id: int, year: int, per_m2: str) -> None:
    session.execute(text("INSERT INTO parcel_outputs (parcel_id, year, output_wan_yuan) "
                         "SELECT id, :y, area_m2 * :f FROM parcels WHERE id = :p"),
                    {"p": parcel_id, "y": year, "f": Decimal(per_m2)})


def _headers(html: str) -> list[str]:
    """The table's column heads as read (a sortable one's link and its ▲▼ mark aside)."""
    table = html[html.index('id="output-table"'):]
    heads = re.findall(r"<th[^>]*>(.*?)</th>", table[:table.index("</thead>")], flags=re.S)
    return [re.sub(r"<[^>]+>|&nbsp;|[▲▼]", "", head).strip() for head in heads]


def _seed(session, ids) -> None:
    session.execute(text("INSERT INTO targets (year, scope, metric, kind, value, unit) "
                         "VALUES (2017, 'city', 'dev_zone_land_output_yi_yuan_per_km2', 'plan', 68, '亿元/km²')"))
    _record(session, ids["P5"], 2017, "0.6")  # development zone: 60 亿元/km²
    _record(session, ids["P2"], 2017, "0.9")  # 104 block: 90


def test_districts_and_parcels_are_not_judged_against_the_development_zone_target(client, login, session, ids):
    _seed(session, ids)
    login("admin")
    districts = client.get("/land/output?year=2017").get_data(as_text=True)
    assert "未达标" not in districts and "达标" not in districts and "对照目标</th>" not in districts
    assert _headers(districts)[:2] == ["区", "地块数"]
    assert "level=development_zone" in districts  # where the judgement is
    parcels = client.get("/land/output?year=2017&level=parcel").get_data(as_text=True)
    assert _headers(parcels) == ["地块", "产值（万元）", "面积（km²）", "单位土地产出（亿元/km²）", "上年单位土地产出（亿元/km²）",
                                 "同比增减（亿元/km²）", "同比增减（%）"]
    zones = client.get("/land/output?year=2017&level=development_zone").get_data(as_text=True)
    assert "对照目标" in _headers(zones) and '<span class="misses">未达标</span>' in zones
    assert "全部开发区：60.0 亿元/km²" in zones
    # one sentence after another: no space after a Chinese 。, one after an English full stop
    assert re.search(r"亿元/km²。全市：[\d.,]+ 亿元/km²（[\d.,]+ km²）。全部开发区：60.0 亿元/km²（[\d.,]+ km²）。 <span", zones), zones
    english = client.get("/land/output?year=2017&level=development_zone&lang=en").get_data(as_text=True)
    # "68 × 100 million yuan/km²" left a sum to work out (and "68 100 million" read as one number): in
    # English the unit follows what is measured, as the columns' headers write it, and the figure stands bare
    assert re.search(r"Target for development zones \(2017 plan; 100 million yuan/km²\): 68\. "
                     r"City \(100 million yuan/km²\): [\d.,]+ on [\d.,]+ km²\. "
                     r"All development zones \(100 million yuan/km²\): 60\.0 on [\d.,]+ km²\.", english), english
    districts_en = client.get("/land/output?year=2017&lang=en").get_data(as_text=True)
    tooltips = [json.loads(f'"{label}"') for label in re.findall(r'"label": "([^"]*)"', districts_en)]
    assert tooltips and all(re.search(r"^[^:]+ \(100 million yuan/km²\): ([\d.,]+|—)$", t) for t in tooltips), tooltips
    words = text_of(re.sub(r"<(script|style)\b.*?</\1>", " ", english, flags=re.S))
    assert "×" not in words + " ".join(tooltips)
    assert not re.search(r"\d 100 million", words + " ".join(tooltips)), words


def test_the_dashboard_gives_the_registrys_development_zone_output_and_where_it_comes_from(client, login, session, ids):
    _seed(session, ids)
    login("city_reviewer")
    html = client.get("/rollups?year=2017").get_data(as_text=True)
    row = html[html.index("开发区单位土地产出"):]
    row = row[:row.index("</tr>")]
    assert re.search(r'<a href="/land/output\?year=2017&amp;level=development_zone"[^>]*>土地产出页：60\.0</a>', row)
    other_year = client.get("/rollups?year=2016").get_data(as_text=True)
    assert "土地产出页" not in other_year


def test_the_zone_map_classes_by_quantiles_so_an_outlier_does_not_pale_the_rest(client, login, session, ids):
    """Zones at 60, 90 and 350 亿元/km²: equal steps from 0 (0 – 100, 100 – 200 …) drew 60 and 90 in one
    colour, the lightest; each class now holds as many zones, and the legend gives the values in it."""
    _seed(session, ids)
    _record(session, ids["P4"], 2017, "3.5")  # 198 region: 350
    login("planner")
    html = client.get("/land/output?year=2017&level=zone").get_data(as_text=True)
    legend = html[html.index('class="choropleth-legend"'):]
    legend = legend[:legend.index("</div>")]
    assert re.findall(r"</span>([^<]*)</li>", legend) == ["60.0", "90.0", "350.0"], legend
    assert "分位数" in legend
    fills = set(re.findall(r'"fill": "(#[0-9a-f]{6})"', html))
    assert len(fills) == 3, fills
    rollup_legend = client.get("/rollups?year=2017").get_data(as_text=True)
    assert "分位数" not in rollup_legend  # the rollup's map keeps its equal steps
