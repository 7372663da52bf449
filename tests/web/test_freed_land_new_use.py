"""A planner follows freed land to its new use: the freed-land table and every download name the
planned (or realised) new use and its dates. They gave the land use and the status only, so a plan's
new use was on each parcel's page and nowhere in a list or a file."""
from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import text

from tests.web.page_text import text_of


@pytest.fixture
def plans(session, ids, login):
    """T-P4 planned as commercial (B1); T-P7 redeveloped as A35, its land use already the new one."""
    session.execute(text(
        "INSERT INTO parcel_redevelopments (parcel_id, new_use, planned_on, completed_on) VALUES "
        "(:p4, 'B1', DATE '2018-03-01', NULL), (:p7, 'A35', DATE '2017-05-01', DATE '2018-06-30')"),
        {"p4": ids["P4"], "p7": ids["P7"]})
    login("planner")
    return ids


def rows_by_code(body: bytes) -> dict[str, dict[str, str]]:
    return {row["地块编号"]: row for row in csv.DictReader(io.StringIO(body.decode("utf-8-sig")))}


def table_text(client, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    return text_of(html.split('id="freed-table"', 1)[1].split("</table>", 1)[0])


def test_the_freed_land_table_names_each_parcels_new_use(client, plans):
    table = table_text(client, "/land/freed?sort=code")
    assert "新用途" in table
    assert "商业用地（B1）" in table.split("T-P4", 1)[1].split("T-P7", 1)[0]
    assert "已完成二次开发 — 科研用地（A35）" in table  # loaded redeveloped: its former use is not known
    english = table_text(client, "/land/freed?sort=code&lang=en")
    assert "New use" in english and "Commercial (B1)" in english.split("T-P4", 1)[1]


def test_the_csv_gives_the_new_use_and_the_days_it_was_planned_and_realised(client, plans):
    rows = rows_by_code(client.get("/land/freed/export.csv").get_data())
    p4, p7, p1 = rows["T-P4"], rows["T-P7"], rows["T-P1"]
    assert (p4["新用途代码"], p4["新用途"], p4["二次开发规划日期"], p4["二次开发完成日期"]) == (
        "B1", "商业用地（B1）", "2018-03-01", "")
    assert (p7["新用途代码"], p7["二次开发规划日期"], p7["二次开发完成日期"]) == ("A35", "2017-05-01", "2018-06-30")
    assert (p1["新用途代码"], p1["新用途"], p1["二次开发规划日期"]) == ("", "", "")


def test_the_gis_files_carry_them_in_short_fields(client, plans):
    features = json.loads(client.get("/land/freed/export.geojson").get_data())["features"]
    p4 = next(f["properties"] for f in features if f["properties"]["code"] == "T-P4")
    assert (p4["new_use"], p4["new_label"], p4["planned_on"], p4["redev_on"]) == ("B1", "商业用地（B1）", "2018-03-01", None)
    assert all(len(name) <= 10 for name in p4)  # a Shapefile's field names


def test_the_parcel_lists_download_has_them_too(client, plans):
    rows = rows_by_code(client.get("/land/parcels/export?format=csv&district=").get_data())
    assert rows["T-P4"]["新用途"] == "商业用地（B1）" and rows["T-P5"]["新用途"] == ""
