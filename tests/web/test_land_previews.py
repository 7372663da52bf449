"""The parcel page's split and merge previews (``/land/parcels/<id>/split/preview``, ``…/merge/preview``):
planners only, CSRF-protected as the page's forms, the refusal the save would give, nothing written."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from registry import create_app
from tests.conftest import TEST_PASSWORD
from tests.integration.land_data import polygon

ACROSS_P1 = {"type": "LineString", "coordinates": [[121.4215, 31.2195], [121.4215, 31.2225]]}  # P1: 121.420–121.422
SHORT_OF_P1 = {"type": "LineString", "coordinates": [[121.4215, 31.2195], [121.4215, 31.221]]}  # stops inside
JSON = {"Accept": "application/json"}
WRITES = ("parcels", "parcel_lineage", "audit_log")


def _counts(session) -> dict[str, int]:
    return {table: session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in WRITES}


@pytest.fixture
def planner(login):
    return login("planner")


def test_the_split_preview_gives_the_pieces_with_their_areas_in_the_reader_s_format(client, ids, planner, session):
    before = _counts(session)
    response = client.post(f"/land/parcels/{ids['P1']}/split/preview", data={"line": json.dumps(ACROSS_P1), "parts": ""},
                           headers=JSON)
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    body = response.get_json()
    assert body["type"] == "FeatureCollection"
    pieces = [f["properties"] for f in body["features"]]
    assert [p["code"] for p in pieces] == ["T-P1-1", "T-P1-2"]
    assert {f["geometry"]["type"] for f in body["features"]} == {"MultiPolygon"}
    total = session.execute(text("SELECT area_m2 FROM parcels WHERE id = :p"), {"p": ids["P1"]}).scalar_one()
    assert sum(p["area_m2"] for p in pieces) == pytest.approx(float(total), rel=1e-9)
    assert pieces[0]["area_mu"] == pytest.approx(pieces[0]["area_m2"] * 15 / 10000)
    # as the parcel page writes an area: whole m², 亩 to 0.01, grouped, Chinese brackets
    m2, mu = round(pieces[1]["area_m2"]), round(pieces[1]["area_mu"], 2)
    assert pieces[1]["area_text"] == f"{m2:,} m²（{mu:,.2f} 亩）"
    english = client.post(f"/land/parcels/{ids['P1']}/split/preview?lang=en", data={"line": json.dumps(ACROSS_P1)},
                          headers=JSON).get_json()
    assert english["features"][1]["properties"]["area_text"] == f"{m2:,} m² ({mu:,.2f} mu)"  # not "(… mu (亩))"
    assert _counts(session) == before


def test_the_split_preview_of_typed_parts_follows_the_form_s_rule(client, ids, planner, session):
    halves = json.dumps([polygon(121.420, 31.220, 121.421, 31.222), polygon(121.421, 31.220, 121.422, 31.222)])
    response = client.post(f"/land/parcels/{ids['P1']}/split/preview", data={"line": "", "parts": halves}, headers=JSON)
    assert response.status_code == 200 and len(response.get_json()["features"]) == 2
    # a drawn line wins over typed parts, as when the form is saved
    along = client.post(f"/land/parcels/{ids['P1']}/split/preview", data={"line": json.dumps(SHORT_OF_P1), "parts": halves},
                        headers=JSON)
    assert along.status_code == 422 and list(along.get_json()["errors"]) == ["line"]


@pytest.mark.parametrize("form, field, words", [
    ({"line": json.dumps(SHORT_OF_P1)}, "line", "未横穿地块"),
    ({"line": "", "parts": ""}, "line", "请在地图上画一条横穿地块的分割线，或给出各部分"),
    ({"parts": "[{"}, "parts", "GeoJSON"),
    ({"parts": json.dumps([polygon(121.420, 31.220, 121.42199995, 31.222),
                           polygon(121.42199995, 31.220, 121.422, 31.222)])}, "parts[1]", "m² 不合理"),
])
def test_a_bad_split_is_refused_by_the_preview_as_the_save_refuses_it(client, ids, planner, session, form, field, words):
    before = _counts(session)
    preview = client.post(f"/land/parcels/{ids['P1']}/split/preview", data=form, headers=JSON)
    assert preview.status_code == 422 and preview.mimetype == "application/problem+json"
    message = preview.get_json()["errors"][field]
    assert words in message
    saved = client.post(f"/land/parcels/{ids['P1']}/split", data=form)
    assert saved.status_code == 422 and message in saved.get_data(as_text=True)  # the same words, on the page
    assert _counts(session) == before


@pytest.mark.parametrize("role, district", [("district_staff", "310101"), ("city_reviewer", None), ("admin", None)])
def test_only_planners_preview_a_split_or_a_merge(client, ids, login, session, role, district):
    login(role, district)
    split = client.post(f"/land/parcels/{ids['P1']}/split/preview", data={"line": json.dumps(ACROSS_P1)}, headers=JSON)
    merge = client.post(f"/land/parcels/{ids['P1']}/merge/preview", data={"with": "T-P2"}, headers=JSON)
    assert split.status_code == merge.status_code == 403
    assert split.mimetype == "application/problem+json"


def test_a_preview_of_land_that_cannot_be_split_says_why(client, ids, planner):
    in_use = client.post(f"/land/parcels/{ids['P5']}/split/preview", data={"line": json.dumps(ACROSS_P1)}, headers=JSON)
    assert in_use.status_code == 409 and in_use.get_json()["detail"]
    missing = client.post("/land/parcels/999999999/split/preview", data={"line": json.dumps(ACROSS_P1)}, headers=JSON)
    assert missing.status_code == 404


def test_the_merge_preview_gives_the_union_and_refuses_what_the_save_refuses(client, ids, planner, session):
    client.post(f"/land/parcels/{ids['P1']}/split", data={"line": json.dumps(ACROSS_P1)})
    left, right = session.execute(text("SELECT id FROM parcels WHERE code IN ('T-P1-1', 'T-P1-2') ORDER BY code")).scalars()
    before = _counts(session)
    union = client.post(f"/land/parcels/{left}/merge/preview", data={"with": ["T-P1-2", ""], "code": ""}, headers=JSON)
    assert union.status_code == 200
    [feature] = union.get_json()["features"]
    assert feature["properties"]["code"] == "T-P1-1-M2" and feature["geometry"]["type"] == "MultiPolygon"
    area = session.execute(text("SELECT area_m2 FROM parcels WHERE code = 'T-P1'")).scalar_one()
    assert feature["properties"]["area_m2"] == pytest.approx(float(area), rel=1e-6)
    # T-P4 is apart (and of the same land use, but planned): refused as the merge form refuses it
    for others, status in (("T-P4", 409), ("NO-SUCH", 422), ("", 422)):
        preview = client.post(f"/land/parcels/{left}/merge/preview", data={"with": others}, headers=JSON)
        saved = client.post(f"/land/parcels/{left}/merge", data={"with": others})
        assert preview.status_code == saved.status_code == status
        problem = preview.get_json()
        words = next(iter(problem["errors"].values())) if "errors" in problem else problem["detail"]
        assert words in saved.get_data(as_text=True)
    assert _counts(session) == before
    assert client.post(f"/land/parcels/{left}/merge", data={"with": "T-P1-2"}).status_code == 302


def test_two_parcels_apart_are_refused_in_the_merge_preview_as_not_one_polygon(client, ids, planner, session):
    quarters = [polygon(121.420, 31.220, 121.421, 31.221), polygon(121.421, 31.220, 121.422, 31.221),
                polygon(121.420, 31.221, 121.421, 31.222), polygon(121.421, 31.221, 121.422, 31.222)]
    client.post(f"/land/parcels/{ids['P1']}/split", data={"parts": json.dumps(quarters)})
    first = session.execute(text("SELECT id FROM parcels WHERE code = 'T-P1-1'")).scalar_one()
    preview = client.post(f"/land/parcels/{first}/merge/preview", data={"with": "T-P1-4"}, headers=JSON)
    assert preview.status_code == 422 and preview.get_json()["errors"] == {"parcel_ids": "这些地块不相邻：合并结果不是一个多边形"}
    saved = client.post(f"/land/parcels/{first}/merge", data={"with": "T-P1-4"})
    assert saved.status_code == 422 and "与之合并的地块：这些地块不相邻：合并结果不是一个多边形" in saved.get_data(as_text=True)


def test_the_previews_are_csrf_protected_as_the_page_s_forms(connection, make_user, ids):
    app = create_app({"TESTING": True, "DB_BIND": connection, "SECRET_KEY": "t", "SESSION_COOKIE_SECURE": False})
    make_user("csrf-planner", "planner")
    client = app.test_client()
    token = client.get("/login").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    assert client.post("/login", data={"username": "csrf-planner", "password": TEST_PASSWORD,
                                       "csrf_token": token}).status_code == 302
    page = client.get(f"/land/parcels/{ids['P1']}").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    form = {"line": json.dumps(ACROSS_P1)}
    for path in ("split/preview", "merge/preview"):
        refused = client.post(f"/land/parcels/{ids['P1']}/{path}", data=form, headers=JSON)
        assert refused.status_code == 400 and "这个页面属于之前的一次登录" in refused.get_json()["detail"]
    accepted = client.post(f"/land/parcels/{ids['P1']}/split/preview", data={**form, "csrf_token": token}, headers=JSON)
    assert accepted.status_code == 200  # the token the page's split form carries, posted with it


def test_the_parcel_page_offers_the_previews_to_planners_only(client, ids, login):
    login("planner")
    page = client.get(f"/land/parcels/{ids['P1']}").get_data(as_text=True)
    # T-P1 has no neighbour: no merge form to preview (a parcel with one: test_land_pages)
    assert 'id="split-preview"' in page and 'id="merge-preview"' not in page and "js/parcel-previews.js" in page
    assert f"/land/parcels/{ids['P1']}/split/preview" in page
    labels = json.loads(page.split('id="parcel-field-labels">')[1].split("</script>")[0])
    assert labels["line"] == "分割线" and labels["parcel_ids"] == "与之合并的地块"  # the refusals' labels, as the forms'

    client.get("/logout")
    login("city_reviewer", username="reviewer-2")
    assert "parcel-previews.js" not in client.get(f"/land/parcels/{ids['P1']}").get_data(as_text=True)
