"""The OGC API's freed land carries where the land goes, as the freed-land page and its downloads do:
the redevelopment's new use (with its name) and the days it was planned and completed. A GIS user in
QGIS saw the status "已规划二次开发" and no plan."""
from __future__ import annotations

import json

from sqlalchemy import text

ITEMS = "/ogc/collections/freed_land/items"


def properties(client, url: str) -> dict[str, dict]:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return {f["properties"]["code"]: f["properties"] for f in json.loads(response.get_data(as_text=True))["features"]}


def test_freed_land_features_name_their_new_use_and_its_days(client, session, ids, login):
    session.execute(text(
        "INSERT INTO parcel_redevelopments (parcel_id, new_use, planned_on, completed_on) VALUES "
        "(:p4, 'B1', DATE '2018-03-01', NULL), (:p7, 'A35', DATE '2017-05-01', DATE '2018-06-30')"),
        {"p4": ids["P4"], "p7": ids["P7"]})
    login("planner")
    found = properties(client, ITEMS)
    p4, p7, p1 = found["T-P4"], found["T-P7"], found["T-P1"]
    assert (p4["new_use"], p4["new_use_name"], p4["planned_on"], p4["redeveloped_on"]) == (
        "B1", "商业用地（B1）", "2018-03-01", None)
    assert (p7["new_use"], p7["planned_on"], p7["redeveloped_on"]) == ("A35", "2017-05-01", "2018-06-30")
    assert (p1["new_use"], p1["new_use_name"], p1["planned_on"]) == (None, None, None)
    names = list(p4)
    assert names.index("new_use_name") == names.index("new_use") + 1  # each name right after its code
    assert properties(client, f"{ITEMS}?code=T-P4&lang=en")["T-P4"]["new_use_name"] == "Commercial (B1)"
    schema = client.get("/ogc/collections/freed_land/schema").get_json()["properties"]["properties"]["properties"]
    # ISO days as text, not Date fields: QGIS would send a filter on a Date field as `datetime`, which
    # selects by the day the land was freed (docs/freed-land.md); on text it filters them itself
    assert schema["planned_on"] == schema["redeveloped_on"] == {"type": "string"}
    assert schema["freed_on"] == {"type": "string", "format": "date"}
