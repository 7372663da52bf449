"""A planner reads freed land from what it was to what it becomes, 原用途 → 新用途: the freed-land table,
its downloads, the OGC layer and the parcel page name the land use the parcel was freed with, which a
completed redevelopment had replaced by its new use (kept in the parcel's history only); the freed
land's land-use filter selects by it."""
from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services import redevelopment
from tests.web.page_text import text_of

PLANNER = Actor(None, "planner", "planner")
ITEMS = "/ogc/collections/freed_land/items"


@pytest.fixture
def redeveloped(session, ids, login):
    """T-P1, freed as M1, redeveloped as commercial land (B1); T-P4 (M1) planned as B2."""
    redevelopment.plan_redevelopment(session, PLANNER, ids["P1"], {"new_use": "B1", "planned_on": "2018-03-01"})
    redevelopment.complete_redevelopment(session, PLANNER, ids["P1"], {"completed_on": "2019-06-30"})
    session.execute(text("INSERT INTO parcel_redevelopments (parcel_id, new_use, planned_on) "
                         "VALUES (:p, 'B2', DATE '2018-03-01')"), {"p": ids["P4"]})  # loaded planned
    login("planner")
    return ids


def table_rows(client, url: str) -> dict[str, str]:
    html = client.get(url).get_data(as_text=True)
    table = html.split('id="freed-table"', 1)[1].split("</table>", 1)[0]
    head, body = table.split("</thead>", 1)
    rows = {}
    for row in body.split("</tr>")[:-1]:
        said = text_of(row).split()
        rows[said[0]] = " ".join(said[1:])
    return {"head": text_of(head), **rows}


def test_the_table_shows_the_former_use_beside_the_new_one(client, redeveloped):
    rows = table_rows(client, "/land/freed?sort=code")
    assert "原用途 新用途" in rows["head"] and "用地性质" not in rows["head"]
    assert "已完成二次开发 一类工业用地（M1） 商业用地（B1）" in rows["T-P1"]
    assert "已规划二次开发 一类工业用地（M1） 商务办公用地（B2）" in rows["T-P4"]
    assert "已腾出 二类工业用地（M2） —" in rows["T-P2"]
    english = table_rows(client, "/land/freed?sort=code&lang=en")
    assert "Former use New use" in english["head"] and "Class-1 industrial (M1) Commercial (B1)" in english["T-P1"]


def test_the_land_use_filter_selects_freed_land_by_its_former_use(client, redeveloped):
    rows = table_rows(client, "/land/freed?land_use=M1&sort=code")
    assert sorted(code for code in rows if code != "head") == ["T-P1", "T-P4"]  # T-P1 is B1 today
    html = client.get("/land/freed?land_use=B1").get_data(as_text=True)
    assert 'id="freed-table"' not in html  # none was freed as commercial land
    assert "去掉“原用途：商业用地（B1）”" in text_of(html)
    form = html[html.index('id="freed-form"'):]
    form = form[:form.index("</form>")]
    assert '<legend class="visually-hidden">原用途</legend>' in form
    listed = client.get("/api/v1/land/freed?land_use=M1&sort=code").get_json()
    assert [(p["code"], p["land_use_class"], p["former_use"], p["new_use"]) for p in listed["parcels"]] == [
        ("T-P1", "B1", "M1", "B1"), ("T-P4", "M1", "M1", "B2")]


def test_the_downloads_carry_the_former_use(client, redeveloped):
    rows = {r["地块编号"]: r for r in csv.DictReader(io.StringIO(
        client.get("/land/freed/export.csv").get_data().decode("utf-8-sig")))}
    assert (rows["T-P1"]["用地性质代码"], rows["T-P1"]["原用途代码"], rows["T-P1"]["原用途"], rows["T-P1"]["新用途代码"]) == (
        "B1", "M1", "一类工业用地（M1）", "B1")
    assert (rows["T-P7"]["原用途代码"], rows["T-P7"]["原用途"]) == ("", "")  # loaded redeveloped: not known
    features = json.loads(client.get("/land/freed/export.geojson").get_data())["features"]
    p1 = next(f["properties"] for f in features if f["properties"]["code"] == "T-P1")
    assert (p1["former_use"], p1["former_lbl"], p1["new_use"]) == ("M1", "一类工业用地（M1）", "B1")
    assert all(len(name) <= 10 for name in p1)  # a Shapefile's field names
    parcels = {r["地块编号"]: r for r in csv.DictReader(io.StringIO(
        client.get("/land/parcels/export?format=csv&district=").get_data().decode("utf-8-sig")))}
    assert parcels["T-P1"]["原用途"] == "一类工业用地（M1）" and parcels["T-P5"]["原用途"] == ""  # in use


def test_the_ogc_layer_names_it_and_filters_by_it(client, redeveloped):
    features = {f["properties"]["code"]: f["properties"]
                for f in json.loads(client.get(f"{ITEMS}?former_use=M1").get_data(as_text=True))["features"]}
    assert sorted(features) == ["T-P1", "T-P4"]
    p1 = features["T-P1"]
    assert (p1["land_use_class"], p1["former_use"], p1["former_use_name"], p1["new_use"]) == (
        "B1", "M1", "一类工业用地（M1）", "B1")
    names = list(p1)
    assert names.index("former_use_name") == names.index("former_use") + 1 == names.index("new_use") - 1


def test_the_parcel_page_names_the_use_it_was_freed_with(client, redeveloped):
    said = text_of(client.get(f"/land/parcels/{redeveloped['P1']}").get_data(as_text=True))
    assert "用地性质 商业用地（B1） 原用途 一类工业用地（M1）" in said
    in_use = text_of(client.get(f"/land/parcels/{redeveloped['P5']}").get_data(as_text=True))
    assert "原用途" not in in_use
