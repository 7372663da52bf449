"""The land-output page and API kept until their data changes (migration 0040): a repeat view
aggregates nothing; an output a planner records shows in the next view, and the page, the API and
their downloads then give the same figures."""
from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest

from tests.web.test_land_output_downloads import _rows, outputs  # noqa: F401 (a fixture)

PAGES = ("/land/output?level=zone", "/land/output?level=parcel&sort=-change", "/api/v1/land/output?level=zone",
         "/api/v1/land/output?level=parcel&sort=-change")


def _aggregates(statements) -> list[str]:
    return [sql for sql, _ in statements if "parcel_outputs" in sql]


@pytest.mark.parametrize("url", PAGES)
def test_a_repeat_view_aggregates_nothing(client, login, outputs, statements, url):  # noqa: F811
    login("city_reviewer")
    first = client.get(url)
    statements.clear()
    again = client.get(url)
    assert _aggregates(statements) == []
    if url.startswith("/api"):
        assert again.get_json() == first.get_json()
    else:
        assert _rows(again.get_data(as_text=True)) == _rows(first.get_data(as_text=True))


def _map_labels(page: str) -> list[str]:
    """The map's tooltips (JSON in the page's script)."""
    return [json.loads(f'"{label}"') for label in re.findall(r'"label": "([^"]*)"', page)]


def _figures(lines: list[dict]) -> list[tuple]:
    return [(line["key"], line["output_wan_yuan"], line["previous_output_yi_yuan_per_km2"]) for line in lines]


def test_an_output_recorded_shows_at_once_and_the_downloads_agree(client, login, outputs, statements):  # noqa: F811
    login("planner")
    first = client.get("/land/output?year=2017").get_data(as_text=True)
    assert _rows(first)[1][2] != "5,000.00"
    client.get("/api/v1/land/output?year=2017")
    posted = client.post(f"/land/parcels/{outputs['P2']}/output", data={"year": "2017", "output_wan_yuan": "5000"})
    assert posted.status_code == 302
    statements.clear()
    after = client.get("/land/output?year=2017").get_data(as_text=True)
    page = _rows(after)
    assert page[1][:3] == ["测试B区", "1", "5,000.00"] and _aggregates(statements)  # read again once
    statements.clear()
    again = client.get("/land/output?year=2017").get_data(as_text=True)
    assert _rows(again) == page and _map_labels(again) == _map_labels(after)
    assert _aggregates(statements) == []  # then kept again
    api = client.get("/api/v1/land/output?year=2017").get_json()
    assert _figures(api["lines"])[1] == ("310104", 5000.0, None)
    b = f"测试B区：{api['lines'][1]['output_yi_yuan_per_km2']:,.1f} 亿元/km²"  # the map drawn again
    assert b in _map_labels(after) and b not in _map_labels(first)
    for download in ("/land/output/export?format=json&year=2017", "/api/v1/land/output/export.json?year=2017"):
        body = client.get(download).get_json()
        assert _figures(body["lines"]) == _figures(api["lines"]) and body["city"] == api["city"]
    rows = list(csv.reader(io.StringIO(client.get("/land/output/export?format=csv&year=2017")
                                       .get_data().decode("utf-8-sig"))))
    assert [[name, parcels, f"{Decimal(output):,.2f}"] for name, parcels, output, *_ in rows[1:]] == \
        [row[:3] for row in page]  # every digit in the file, two on the page
