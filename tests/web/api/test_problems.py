"""Every API error is application/problem+json (type, title, status, detail, errors{field: message}),
titled in the client's language — the services' errors and the library's validation alike."""
from __future__ import annotations

import pytest

PROJECTS = "/api/v1/projects"
BOW_TIE = {"type": "Polygon", "coordinates": [[[121.600, 31.200], [121.601, 31.201], [121.601, 31.200],
                                                [121.600, 31.201], [121.600, 31.200]]]}


def problem_of(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert {"type", "title", "status", "detail"} <= set(body) and body["status"] == status
    return body


def test_bad_geometry_names_the_parcel_field(client, pudong, project_body):
    project_body["new_parcels"][0]["geometry"] = BOW_TIE
    body = problem_of(client.post(PROJECTS, json=project_body, headers=pudong), 422)
    assert body["title"] == "输入有误"
    assert "new_parcels[0].geometry" in body["errors"]


def test_unreadable_geometry_in_a_check(client, pudong):
    body = problem_of(client.post("/api/v1/parcels/check", json={"district_code": "310115", "geometry": {"type": "Polygon"}},
                                  headers=pudong), 422)
    assert "geometry" in body["errors"]


def test_bad_units_name_the_energy_line(client, pudong, project_body):
    project_body.update(kind="boiler_replacement", inputs={
        "kind": "boiler_replacement", "year": 2013,
        "energy_before": [{"energy": "raw_coal", "quantity": 1200, "unit": "kWh"}],
        "energy_after": [{"energy": "natural_gas", "quantity": 85, "unit": "10^4 m3"}]})
    body = problem_of(client.post(PROJECTS, json=project_body, headers=pudong), 422)
    assert "inputs.energy_before[0].unit" in body["errors"]


@pytest.mark.parametrize("code", ["91310115MA1K000020", "91310115MA1K0000", "9131011OMA1K00002X"])
def test_bad_credit_codes_are_refused_naming_the_field(client, pudong, project_body, code):
    body = problem_of(client.post(PROJECTS, json=project_body | {"credit_code": code}, headers=pudong), 422)
    assert "credit_code" in body["errors"]
    lookup = problem_of(client.get(f"/api/v1/enterprises/{code}", headers=pudong), 422)
    assert "credit_code" in lookup["errors"]


def test_the_librarys_type_errors_have_the_same_shape_in_chinese(client, pudong, project_body):
    body = problem_of(client.post(PROJECTS, json=project_body | {"year": "2013", "colour": "red"}, headers=pudong), 422)
    assert body["errors"]["year"] == "必须是 JSON 数值，实际为文本“2013”"
    assert body["errors"]["colour"] == "未知字段。"
    assert "year" in body["detail"]


def test_titles_and_library_messages_follow_accept_language(client, pudong, project_body):
    headers = pudong | {"Accept-Language": "en"}
    body = problem_of(client.post(PROJECTS, json={"title": "x"}, headers=headers), 422)
    assert body["title"] == "The input is not valid"
    assert body["errors"]["kind"] == "Missing data for required field."


def test_http_errors_are_explained_in_the_clients_language(client, pudong):
    chinese = problem_of(client.get("/api/v1/nope", headers=pudong), 404)
    assert (chinese["title"], chinese["detail"]) == ("未找到", "此地址没有内容。")
    english = problem_of(client.get("/api/v1/nope", headers=pudong | {"Accept-Language": "en"}), 404)
    assert english["detail"] == "Nothing is at this address."
    unsigned = problem_of(client.get(PROJECTS), 401)
    assert "Authorization: Bearer" in unsigned["detail"] and "登录" in unsigned["detail"]
    wrong_method = problem_of(client.delete(PROJECTS, headers=pudong), 405)
    assert wrong_method["detail"] == "此地址不接受该请求方法。"


@pytest.mark.parametrize("path", [PROJECTS, "/ogc/collections", "/tiles/parcels/14/13722/6693.mvt"])
def test_a_refusal_reads_as_written_and_names_the_scheme_a_client_needs(client, path):
    # GDAL and curl print a refused body as it came: the Chinese was \u escapes
    # ({"detail":"\u8bf7\u767b\u5f55…"}) in a GIS analyst's terminal, and the 401 named no scheme.
    response = client.get(path)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == 'Bearer realm="registry"'
    raw = response.get_data()
    assert "请登录".encode() in raw and b"\\u" not in raw
    assert problem_of(response, 401)["title"] == "请先登录"


@pytest.mark.parametrize("header, title", [("en", "Bad request"), ("en-US,en;q=0.9", "Bad request"),
                                           ("zh-CN", "请求有误"), ("zh-CN,zh;q=0.9,en;q=0.8", "请求有误"),
                                           ("zh", "请求有误"), ("zh-TW", "请求有误"), ("", "请求有误")])
def test_gis_clients_get_problems_in_the_language_they_ask_for(client, pudong, header, title):
    response = client.get("/ogc/collections/parcels/items?bbox=1,2,3", headers=pudong | {"Accept-Language": header})
    assert problem_of(response, 400)["title"] == title
    nowhere = problem_of(client.get("/ogc/nowhere", headers=pudong | {"Accept-Language": header}), 404)
    assert nowhere["detail"] == ("Nothing is at this address." if title == "Bad request" else "此地址没有内容。")


def test_bad_query_parameters_are_422_naming_them(client, pudong):
    body = problem_of(client.get(PROJECTS + "?page=0&kind=spaceship", headers=pudong), 422)
    assert set(body["errors"]) == {"page", "kind"}


def test_a_body_that_is_not_an_object_is_422(client, pudong):
    body = problem_of(client.post(PROJECTS, json=[1, 2], headers=pudong), 422)
    assert "body" in body["errors"]


def test_malformed_json_is_400_problem_json(client, pudong):
    problem_of(client.post(PROJECTS, data="{nope", content_type="application/json", headers=pudong), 400)


def test_unknown_things_are_404(client, pudong):
    for path in ("/api/v1/projects/999999", "/api/v1/parcels/999999", "/api/v1/districts/999999", "/api/v1/nothing"):
        problem_of(client.get(path, headers=pudong), 404)


def test_nul_characters_are_refused_before_they_reach_postgresql(client, pudong, project_body):
    body = problem_of(client.post(PROJECTS, json=project_body | {"title": "a\x00b"}, headers=pudong), 422)
    assert "title" in body["errors"]
    body = problem_of(client.get(PROJECTS + "?q=%00", headers=pudong), 422)
    assert "q" in body["errors"]
    problem_of(client.get("/api/v1/districts/31%0015", headers=pudong), 404)


def test_ids_beyond_the_database_range_are_404_not_500(client, pudong):
    problem_of(client.get("/api/v1/projects/99999999999999", headers=pudong), 404)
    problem_of(client.get("/api/v1/parcels/999999999999999999999", headers=pudong), 404)
