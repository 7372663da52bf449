"""OGC API – Features refuses a parameter naming the value sent, in quotation marks, as every refusal
of the registry does (docs/development.md, "Decisions", "A refused value is quoted")."""
from __future__ import annotations

import pytest


@pytest.fixture
def planner(login):
    return login("planner")


@pytest.mark.parametrize("query, detail", [
    ("limit=abc", "参数 limit 必须是整数，实际为“abc”。"),
    ("bbox=1,2,3", "参数 bbox 必须是四个数：最小 x、最小 y、最大 x、最大 y；实际为“1,2,3”。"),
    ("datetime=yesterday", "参数 datetime 必须是 RFC 3339 日期时间或时间区间，实际为“yesterday”。"),
    ("crs=EPSG:3857", "参数 crs：不支持的坐标参考系“EPSG:3857”。"),
    ("f=xml", "参数 f：不支持的值“xml”（可用 json 或 html）。"),  # f=html: the items' page
])
def test_a_bad_parameter_quotes_the_value_sent(client, ids, planner, query, detail):
    # each named the parameter only, or its value bare (不支持的值 html), unlike every other refusal
    assert client.get(f"/ogc/collections/parcels/items?{query}").get_json()["detail"] == detail
