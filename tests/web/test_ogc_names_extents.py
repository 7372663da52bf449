"""OGC API – Features for GIS users: the names of codes next to them in the reader's language, each
collection's own extent, and a schema that types the dates (through the Flask client; the items
shortcut's names in tests/web/test_ogc_shortcut.py)."""
from __future__ import annotations

import json

from sqlalchemy import text

from tests.integration.land_data import A

ITEMS = "/ogc/collections/parcels/items"


def properties(client, url: str, **kwargs) -> list[dict]:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)
    return [f["properties"] for f in json.loads(response.get_data(as_text=True))["features"]]


def test_parcels_carry_the_names_of_their_codes_in_chinese_by_default(client, ids, login):
    login("planner")
    (p1,) = properties(client, f"{ITEMS}?code=T-P1")
    assert p1 | {"area_m2": None, "valid_from": None} == p1 | {
        "land_use_class": "M1", "land_use_name": "一类工业用地（M1）", "status": "freed", "status_name": "已腾出",
        "district_code": A, "district_name": "测试A区", "zone_kind": "development_zone", "zone_kind_name": "开发区",
        "area_m2": None, "valid_from": None}
    names = list(p1)
    assert names.index("status_name") == names.index("status") + 1  # each name right after its code
    assert [p["status_name"] for p in properties(client, f"{ITEMS}?status=redevelopment_planned")] == ["已规划二次开发"]


def test_a_language_switch_names_them_in_english(client, ids, login):
    login("planner")
    (p1,) = properties(client, f"{ITEMS}?code=T-P1&lang=en")
    assert (p1["land_use_name"], p1["status_name"], p1["district_name"], p1["zone_kind_name"]) == (
        "Class-1 industrial (M1)", "Freed", "Test A", "Development zone")
    (zone,) = properties(client, "/ogc/collections/zones/items?kind=block_104")  # remembered by the session
    assert zone["kind_name"] == "104 industrial block"


def test_each_collection_reports_its_own_extent(client, ids, login):
    login("planner")
    extents = {c["id"]: c["extent"] for c in client.get("/ogc/collections").get_json()["collections"]}
    assert extents["districts"]["spatial"]["bbox"] == [[121.40, 31.20, 121.60, 31.30]]
    assert extents["zones"]["spatial"]["bbox"] == [[121.41, 31.21, 121.55, 31.25]]
    # live parcels only: P6 was end-dated; P1 is the south-west corner, P2 the east, P7 the north
    assert extents["parcels"]["spatial"]["bbox"] == [[121.42, 31.22, 121.521, 31.281]]
    assert extents["parcels"]["temporal"]["interval"] == [["2010-01-01", None]]
    one = client.get("/ogc/collections/zones").get_json()
    assert one["extent"] == extents["zones"]


def test_an_extent_follows_the_edits_of_its_layer(client, session, ids, login):
    login("planner")
    before = client.get("/ogc/collections/parcels").get_json()["extent"]["spatial"]["bbox"]
    session.execute(text("UPDATE parcels SET geom = ST_Multi(ST_MakeEnvelope(121.41, 31.205, 121.412, 31.207, 4326)) "
                         "WHERE id = :id"), {"id": ids["P5"]})
    after = client.get("/ogc/collections/parcels").get_json()["extent"]["spatial"]["bbox"]
    assert before[0][:2] == [121.42, 31.22] and after[0][:2] == [121.41, 31.205]


def test_the_schema_types_the_dates_and_the_collection_links_it(client, ids, login):
    login("planner")
    links = client.get("/ogc/collections/parcels").get_json()["links"]
    # the first "describedby" (RFC 8288: any case), the one GDAL reads; the vector tiles' TileJSON follows
    described, tilejson = [link for link in links if link["rel"].lower() == "describedby"]
    assert described["type"] == "application/schema+json" and tilejson["type"] == "application/json"
    response = client.get(described["href"])
    assert response.status_code == 200 and response.mimetype == "application/schema+json"
    schema = json.loads(response.get_data(as_text=True))["properties"]["properties"]["properties"]
    assert schema["freed_on"] == schema["valid_to"] == schema["valid_from"] == {"type": "string", "format": "date"}
    assert schema["area_m2"] == {"type": "number"} and schema["status_name"] == {"type": "string"}
    (p1,) = properties(client, f"{ITEMS}?code=T-P1")
    assert list(schema) == list(p1)  # every property the features carry, in their order
    projects = client.get("/ogc/collections/projects/schema").get_json()["properties"]["properties"]["properties"]
    assert projects["completed_on"]["format"] == "date" and projects["year"] == {"type": "integer"}
    assert client.get("/ogc/collections/roads/schema").status_code == 404


def test_a_project_carries_its_enterprise_and_both_bases_of_its_savings(client, session, ids, login):
    # A GIS analyst labels a project layer by the enterprise and reports 等价值 beside 当量值: the
    # layer held neither the enterprise's name nor its credit code, nor the equal-value savings.
    enterprise = session.execute(text(
        "INSERT INTO enterprises (credit_code, name) VALUES ('91110000600037341L', '上海测试电机有限公司') "
        "RETURNING id")).scalar_one()
    project = session.execute(text(
        "INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs, "
        "savings_tce, savings_tce_equal_value) VALUES ('2017-310101-0001', 'motor_upgrade', 2017, 'approved', "
        "'电机改造', :e, '310101', '{}', 120.5, 310.25) RETURNING id"), {"e": enterprise}).scalar_one()
    session.execute(text("INSERT INTO project_parcels (project_id, parcel_id) VALUES (:p, :q)"),
                    {"p": project, "q": ids["P5"]})
    login("planner")
    (found,) = properties(client, "/ogc/collections/projects/items")
    assert (found["credit_code"], found["enterprise_name"]) == ("91110000600037341L", "上海测试电机有限公司")
    assert (found["savings_tce"], found["savings_tce_equal_value"]) == (120.5, 310.25)
    schema = client.get("/ogc/collections/projects/schema").get_json()["properties"]["properties"]["properties"]
    assert list(schema) == list(found) and schema["savings_tce_equal_value"] == {"type": "number"}


def test_parcels_carry_their_area_in_mu_as_the_domain_converts_it(client, session, ids, login):
    from decimal import ROUND_HALF_UP, Decimal

    from registry.domain.land import area_mu

    login("planner")
    (p1,) = properties(client, f"{ITEMS}?code=T-P1")
    stored = session.execute(text("SELECT area_m2 FROM parcels WHERE id = :id"), {"id": ids["P1"]}).scalar_one()
    assert p1["area_mu"] == float(area_mu(stored).quantize(Decimal("0.01"), ROUND_HALF_UP)) and 60 < p1["area_mu"] < 66
    names = list(p1)
    assert names.index("area_mu") == names.index("area_m2") + 1
    schema = client.get("/ogc/collections/parcels/schema").get_json()["properties"]["properties"]["properties"]
    assert schema["area_mu"] == {"type": "number"}


def test_extents_are_kept_by_the_app_and_forgotten_with_its_caches(app, client, ids, login, statements):
    """They were kept in a module's dict, by database name, past the app's ``forget_all``."""
    from registry.app_caches import forget_all

    def extents_read() -> int:
        assert client.get("/ogc/collections").status_code == 200
        read = sum("ST_XMin(e)" in statement for statement, _ in statements)
        statements.clear()
        return read

    login("planner")
    collections = len(client.get("/ogc/collections").get_json()["collections"])
    statements.clear()
    assert extents_read() == 0  # kept at their layers' versions
    forget_all(app)
    assert extents_read() == collections
    assert extents_read() == 0
