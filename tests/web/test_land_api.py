"""Freed land, OGC API – Features and vector tiles through the Flask client."""
from __future__ import annotations

import json

import mapbox_vector_tile
import pytest
from sqlalchemy import text

from tests.integration.land_data import A, B

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
EPSG_4490 = "http://www.opengis.net/def/crs/EPSG/0/4490"


@pytest.fixture
def planner(login):
    return login("planner")


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return json.loads(response.get_data(as_text=True))


def test_everything_needs_a_login(client, ids):
    for url in ("/api/v1/land/freed", "/ogc/collections", "/tiles/parcels/14/13722/6693.mvt"):
        assert client.get(url).status_code == 401
    assert client.get("/land/freed").status_code == 302


def test_freed_land_json_with_filters(client, ids, planner):
    body = get_json(client, f"/api/v1/land/freed?district={A}&zone_kind=development_zone")
    assert body["totals"]["count"] == 1 and body["parcels"][0]["code"] == "T-P1"
    assert body["parcels"][0]["geometry"]["type"] == "MultiPolygon"
    assert body["by_district"][0]["name_zh"] == "测试A区"


def test_bad_filters_are_a_422_problem_in_the_users_language(client, ids, planner):
    response = client.get("/api/v1/land/freed?year_from=abc&area_unit=acre&polygon=%7B")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    assert {"year_from", "area_unit", "polygon"} <= set(errors)
    page = client.get("/land/freed?year_from=abc")
    assert page.status_code == 200 and "field-error" in page.get_data(as_text=True)


def test_freed_land_page_lists_sorts_and_links_exports(client, ids, planner):
    html = client.get(f"/land/freed?district={B}&sort=-area_m2").get_data(as_text=True)
    assert html.index("T-P3") < html.index("T-P2")  # larger first
    assert "/land/freed/export.gpkg?" in html and "/api/v1/land/freed/export" not in html and "T-P1" not in html
    table = html[html.index('id="freed-table"'):]
    assert f'<td title="{B}">测试B区</td>' in table  # the district's name, its code on hover


def test_planner_forms_change_a_parcel(client, ids, planner, session):
    response = client.post(f"/land/parcels/{ids['P1']}/plan", data={"new_use": "A35", "planned_on": "2018-01-02"})
    assert response.status_code == 302
    assert session.execute(text("SELECT status FROM parcels WHERE id = :i"), {"i": ids["P1"]}).scalar_one() == \
        "redevelopment_planned"
    assert "A35" in client.get(f"/land/parcels/{ids['P1']}").get_data(as_text=True)
    bad = client.post(f"/land/parcels/{ids['P1']}/complete", data={"completed_on": "yesterday"})
    assert bad.status_code == 422


def test_district_staff_may_read_but_not_plan(client, ids, login):
    login("district_staff", "310115")
    assert client.get("/api/v1/land/freed").status_code == 200
    response = client.post(f"/api/v1/land/parcels/{ids['P1']}/plan", json={"new_use": "A35"})
    assert response.status_code == 403


def test_split_and_matching_through_the_api(client, ids, planner):
    from tests.integration.land_data import polygon

    parts = [polygon(121.420, 31.220, 121.421, 31.222), polygon(121.421, 31.220, 121.422, 31.222)]
    response = client.post(f"/api/v1/land/parcels/{ids['P1']}/split", json={"parts": parts})
    assert response.status_code == 201 and len(response.get_json()["children"]) == 2
    assert client.post(f"/api/v1/land/parcels/{ids['P1']}/split", json={"parts": "x"}).status_code == 422
    ranked = get_json(client, "/api/v1/land/matching?min_area=1&area_unit=ha")
    assert ranked["results"][0]["reasons"][0]["text"]


# --- OGC API – Features ----------------------------------------------------------------------
def test_landing_conformance_and_collections(client, ids, planner):
    landing = get_json(client, "/ogc")
    assert {link["rel"] for link in landing["links"]} >= {"self", "service-desc", "conformance", "data"}
    conforms = get_json(client, "/ogc/conformance")["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs" in conforms
    collections = get_json(client, "/ogc/collections")["collections"]
    assert [c["id"] for c in collections] == ["parcels", "freed_land", "projects", "zones", "districts"]
    assert EPSG_4490 in collections[0]["crs"] and collections[0]["storageCrs"] == CRS84
    api = client.get("/ogc/openapi")
    assert api.get_json()["openapi"].startswith("3.0") and "/collections/parcels/items" in api.get_json()["paths"]
    # GIS clients sign in with a token: the document named only the session cookie
    assert api.get_json()["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert {"bearerAuth": []} in api.get_json()["security"]


def test_items_paging_with_number_matched_and_next_links(client, ids, planner):
    response = client.get("/ogc/collections/parcels/items?limit=2")
    assert response.mimetype == "application/geo+json" and response.headers["Content-Crs"] == f"<{CRS84}>"
    page = response.get_json()
    assert page["numberMatched"] == 6 and page["numberReturned"] == 2  # live parcels: P6 is end-dated
    seen = [f["properties"]["code"] for f in page["features"]]
    while any(link["rel"] == "next" for link in page["links"]):
        next_url = next(link["href"] for link in page["links"] if link["rel"] == "next")
        page = get_json(client, next_url.replace("http://localhost", ""))
        seen += [f["properties"]["code"] for f in page["features"]]
    assert sorted(seen) == ["T-P1", "T-P2", "T-P3", "T-P4", "T-P5", "T-P7"]


def test_bbox_is_a_true_intersection(client, ids, planner):
    # A box whose corner region overlaps P1's bounding box's neighbour: it touches P1 only at x=121.422.
    page = get_json(client, "/ogc/collections/parcels/items?bbox=121.4225,31.2205,121.43,31.2215")
    assert page["numberMatched"] == 0
    page = get_json(client, "/ogc/collections/parcels/items?bbox=121.4215,31.2205,121.43,31.2215")
    assert [f["properties"]["code"] for f in page["features"]] == ["T-P1"]


def test_crs_and_bbox_crs_in_epsg_4490_use_lat_lon_order(client, ids, planner):
    page = client.get(f"/ogc/collections/parcels/items?crs={EPSG_4490}&bbox-crs={EPSG_4490}"
                      "&bbox=31.2205,121.4215,31.2215,121.43")
    assert page.headers["Content-Crs"] == f"<{EPSG_4490}>"
    ring = page.get_json()["features"][0]["geometry"]["coordinates"][0][0]
    assert all(31 < lat < 32 and 121 < lon < 122 for lat, lon in ring)
    one = client.get(f"/ogc/collections/districts/items/{A}?crs={EPSG_4490}")
    assert one.get_json()["properties"]["name_zh"] == "测试A区"


def test_datetime_selects_parcels_valid_then(client, ids, planner):
    then = get_json(client, "/ogc/collections/parcels/items?datetime=2014-06-01&limit=100")
    assert "T-P6" in {f["properties"]["code"] for f in then["features"]}  # end-dated in 2015
    assert get_json(client, "/ogc/collections/parcels/items?status=freed")["numberMatched"] == 3


def test_freed_land_is_a_collection_whose_time_is_the_day_it_was_freed(client, ids, planner, session):
    # A planner's layer in QGIS: the land of the freed-land page, not every parcel by its validity.
    session.execute(text("UPDATE parcels SET valid_from = DATE '2012-01-01' WHERE code = 'T-P7'"))
    freed = get_json(client, "/ogc/collections/freed_land/items?limit=100")
    codes = {f["properties"]["code"]: f["properties"] for f in freed["features"]}
    assert sorted(codes) == ["T-P1", "T-P2", "T-P3", "T-P4", "T-P7"]  # not P5 (in use) nor P6 (end-dated)
    p2 = codes["T-P2"]
    assert p2["freed_on"] == "2016-03-01" and p2["zone_kind"] == "block_104" and p2["zone_kind_name"] == "104产业区块"
    assert p2["area_mu"] == round(p2["area_m2"] * 0.0015, 2) and p2["status_name"] == "已腾出"
    # what QGIS and GDAL send for freed_on >= '2016-01-01' (and <=): the day freed, not the validity
    since = get_json(client, "/ogc/collections/freed_land/items?datetime=2016-01-01T%2F..")
    assert sorted(f["properties"]["code"] for f in since["features"]) == ["T-P2", "T-P7"]
    until = get_json(client, "/ogc/collections/freed_land/items?datetime=0000-01-01T00:00:00Z%2F2014-12-31T00:00:00Z")
    assert sorted(f["properties"]["code"] for f in until["features"]) == ["T-P1", "T-P4"]
    day = get_json(client, "/ogc/collections/freed_land/items?datetime=2015-07-01&zone_kind=other")
    assert [f["properties"]["code"] for f in day["features"]] == ["T-P3"]
    extent = get_json(client, "/ogc/collections/freed_land")["extent"]
    assert extent["temporal"]["interval"] == [["2013-09-01", "2017-02-01"]]
    assert client.get(f"/ogc/collections/freed_land/items/{ids['P5']}").status_code == 404  # in use
    assert get_json(client, f"/ogc/collections/freed_land/items/{ids['P2']}")["properties"]["code"] == "T-P2"


@pytest.mark.parametrize("written", [
    "..%2F2014-06-01T",  # GDAL: valid_from <= '2014-06-01' (a day, its time left out after the T)
    "0000-01-01T00:00:00Z%2F2014-06-01T00:00:00Z",  # QGIS: the same, bounded below by year 0
])
def test_gis_clients_date_comparisons_are_read(client, ids, planner, written):
    # Both turn a comparison of a date field into datetime; their bounds were refused (400), so a
    # date filter in QGIS or ogr2ogr -where failed.
    then = get_json(client, f"/ogc/collections/parcels/items?datetime={written}&limit=100")
    assert "T-P6" in {f["properties"]["code"] for f in then["features"]}  # end-dated in 2015, valid then
    after = get_json(client, "/ogc/collections/parcels/items?datetime=2015-06-01T00:00:00Z%2F9999-12-31T00:00:00Z"
                             "&limit=100")
    assert "T-P6" not in {f["properties"]["code"] for f in after["features"]} and after["numberMatched"] == 6


def test_parcels_carry_their_zone_kind_and_gis_clients_filter_by_it(client, ids, planner):
    # 104 block, 195/198 region, development zone: the planners' main division of land, which the
    # pages filter by, was missing from the OGC layer QGIS reads.
    live = get_json(client, "/ogc/collections/parcels/items?limit=100")
    kinds = {f["properties"]["code"]: f["properties"]["zone_kind"] for f in live["features"]}
    assert kinds["T-P1"] == kinds["T-P5"] == "development_zone" and kinds["T-P2"] == "block_104"
    assert kinds["T-P4"] == "region_198" and kinds["T-P3"] == kinds["T-P7"] == "other"
    zone = get_json(client, "/ogc/collections/parcels/items?zone_kind=development_zone")
    assert sorted(f["properties"]["code"] for f in zone["features"]) == ["T-P1", "T-P5"]
    assert "zone_kind" in client.get("/ogc/openapi").get_data(as_text=True)


@pytest.mark.parametrize("query", ["limit=0", "limit=abc", "bbox=1,2,3", "crs=EPSG:3857", "datetime=yesterday",
                                   "colour=red", "f=xml"])  # f=html is the items' page (test_ogc_html.py)
def test_bad_parameters_are_400(client, ids, planner, query):
    response = client.get(f"/ogc/collections/parcels/items?{query}")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


def test_a_day_that_does_not_exist_is_said_not_to(client, ids, planner):
    """datetime=2014-02-30 was "must be an RFC 3339 date-time or interval": its format is right."""
    body = client.get("/ogc/collections/parcels/items?datetime=2014-02-30").get_json()
    assert body["detail"] == "参数 datetime：2014年2月没有30日。"
    client.get("/?lang=en")
    body = client.get("/ogc/collections/parcels/items?datetime=2014-02-30").get_json()
    assert body["detail"] == "Parameter datetime: February 2014 has no day 30."


def test_a_browsers_downloads_speak_its_pages_language_whatever_its_header(client, ids, planner):
    # Signed in by cookie, never switched: Chinese, like the pages, even from an English browser.
    body = client.get("/ogc/collections/parcels/items?bbox=1,2,3", headers={"Accept-Language": "en"}).get_json()
    assert body["title"] == "请求有误"
    client.get("/?lang=en")  # the user's switch counts everywhere
    assert client.get("/ogc/collections/parcels/items?bbox=1,2,3").get_json()["title"] == "Bad request"


def test_unknown_collections_and_features_are_404(client, ids, planner):
    assert client.get("/ogc/collections/roads").status_code == 404
    assert client.get("/ogc/collections/parcels/items/999999999").status_code == 404
    assert client.get("/ogc/collections/parcels/items/abc").status_code == 404


def test_district_staff_see_other_districts_drafts_nowhere(client, session, ids, login):
    enterprise = session.execute(text(
        "INSERT INTO enterprises (credit_code, name) VALUES ('91110000600037341L', '测试') RETURNING id")).scalar_one()
    session.execute(text(
        "INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs) VALUES "
        "('2017-310101-0001', 'motor_upgrade', 2017, 'draft', '草稿', :e, :d, '{}')"), {"e": enterprise, "d": A})
    login("district_staff", "310115")
    assert get_json(client, "/ogc/collections/projects/items")["numberMatched"] == 0
    client.get("/logout")


# --- vector tiles -----------------------------------------------------------------------------
def tile_of(lon: float, lat: float, z: int) -> tuple[int, int]:
    import math

    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def test_a_parcel_tile_decodes_with_features_and_properties(client, ids, planner):
    x, y = tile_of(121.4205, 31.2205, 14)
    response = client.get(f"/tiles/parcels/14/{x}/{y}.mvt")
    assert response.status_code == 200 and response.mimetype == "application/vnd.mapbox-vector-tile"
    layer = mapbox_vector_tile.decode(response.data)["parcels"]
    codes = {f["properties"]["code"]: f for f in layer["features"]}
    assert "T-P1" in codes and codes["T-P1"]["properties"]["status"] == "freed"
    assert codes["T-P1"]["id"] == ids["P1"] and codes["T-P1"]["geometry"]["type"] == "Polygon"
    assert "T-P6" not in codes  # end-dated


def test_tiles_revalidate_with_an_etag_that_changes_with_the_data(client, session, ids, planner):
    x, y = tile_of(121.4205, 31.2205, 14)
    url = f"/tiles/parcels/14/{x}/{y}.mvt"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert "private" in first.headers["Cache-Control"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    session.execute(text("UPDATE parcels SET status = 'redevelopment_planned' WHERE id = :i"), {"i": ids["P1"]})
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_low_zooms_serve_aggregates(client, ids, planner):
    x, y = tile_of(121.45, 31.25, 10)
    grid = mapbox_vector_tile.decode(client.get(f"/tiles/parcels/10/{x}/{y}.mvt").data)["parcels_grid"]
    assert sum(f["properties"]["parcels"] for f in grid["features"]) == 6
    x, y = tile_of(121.45, 31.25, 8)
    districts = mapbox_vector_tile.decode(client.get(f"/tiles/freed/8/{x}/{y}.mvt").data)["freed_district"]
    counts = {f["properties"]["code"]: f["properties"]["freed"] for f in districts["features"]}
    assert counts == {A: 3, B: 2}


def test_other_layers_and_bad_tiles(client, ids, planner):
    x, y = tile_of(121.43, 31.23, 12)
    zones = mapbox_vector_tile.decode(client.get(f"/tiles/zones/12/{x}/{y}.mvt").data)["zones"]["features"]
    # The tile spans 121.386–121.474: Z1 and Z3 reach into it, Z2 (from 121.51) does not; order is the database's.
    assert {f["properties"]["name_zh"]: f["properties"]["kind"] for f in zones} == {
        "测试Z1": "development_zone", "测试Z3": "region_198"}
    for bad in ("/tiles/roads/1/0/0.mvt", "/tiles/parcels/3/9/0.mvt"):  # a map client reads a problem, not a page
        response = client.get(bad)
        assert response.status_code == 404 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize("url", ["/ogc/collections/parcels/items?code=%00", "/ogc/collections/parcels/items?bbox-crs=x",
                                 "/land/parcels/99999999999999999999", "/api/v1/land/parcels/99999999999999999999",
                                 "/api/v1/land/freed?bbox=nan,1,2,3", "/api/v1/land/freed?radius_km=1e400&lon=121&lat=31",
                                 '/api/v1/land/freed?polygon={"type":"Polygon","coordinates":[[["a",1]]]}'])
def test_hostile_input_is_refused_without_a_500(client, ids, planner, url):
    assert 400 <= client.get(url).status_code < 500


def test_hostile_lifecycle_input_is_refused_without_a_500(client, ids, planner):
    assert client.post(f"/api/v1/land/parcels/{ids['P1']}/plan",
                       json={"new_use": "A35", "description": "a\x00b"}).status_code == 422
    assert client.post("/api/v1/land/merge", json={"parcel_ids": [ids["P1"], 2 ** 70]}).status_code == 404
    assert client.post("/api/v1/land/merge", json={"parcel_ids": [ids["P1"], ids["P2"]], "code": "x\x00"}).status_code in (409, 422)


@pytest.mark.parametrize(("fmt", "media_type"), [("csv", "text/csv; charset=utf-8"), ("geojson", "application/geo+json")])
def test_a_freed_land_download_names_its_type_once(client, ids, planner, fmt, media_type):
    # its type carries its charset: handed to Response as a mimetype, werkzeug added a second one
    response = client.get(f"/api/v1/land/freed/export.{fmt}?district={B}")
    assert response.status_code == 200 and response.headers["Content-Type"] == media_type
