"""GET /api/v1/search: the search box's answer as JSON, documented, for the token's user only."""
from __future__ import annotations

import pytest

from tests.integration.search_data import BAOGANG_CODE, PUDONG_DRAFT_TITLE, seed_search


@pytest.fixture
def seeded(session):
    return seed_search(session)


def test_matches_come_grouped_with_totals_and_where_to_read_each(client, bearer, seeded):
    headers = bearer("reviewer", "city_reviewer")
    body = client.get("/api/v1/search", query_string={"q": " 宝钢化工 "}, headers=headers).get_json()
    assert (body["query"], body["anywhere"], body["exact"]) == ("宝钢化工", True, None)
    assert [body[k]["total"] for k in ("projects", "enterprises", "parcels")] == [4, 2, 0]
    first = body["projects"]["items"][0]
    assert first["title"] == "闵行电机改造" and first["enterprise_name"] == "宝钢化工贸易有限公司"
    assert first["href"].endswith(f"/api/v1/projects/{seeded.minhang_draft.id}")
    baogang = body["enterprises"]["items"][1]
    assert (baogang["credit_code"], baogang["href"].rsplit("/", 1)[1]) == (BAOGANG_CODE, BAOGANG_CODE)
    assert client.get(baogang["href"], headers=headers).get_json()["name"] == "上海宝钢化工有限公司"


def test_a_whole_identifier_is_named_as_the_exact_record(client, bearer, seeded):
    headers = bearer("planner", "planner")
    body = client.get("/api/v1/search", query_string={"q": "ｓｒｃｈ－１"}, headers=headers).get_json()
    assert body["exact"]["kind"] == "parcel" and body["exact"]["id"] == seeded.parcels["SRCH-1"]
    assert client.get(body["exact"]["href"], headers=headers).get_json()["properties"]["code"] == "SRCH-1"
    assert [p["code"] for p in body["parcels"]["items"]] == ["SRCH-1", "SRCH-10", "SRCH-11"]  # all still listed
    grouped = f"{BAOGANG_CODE[:9]} {BAOGANG_CODE[9:]}".lower()
    exact = client.get("/api/v1/search", query_string={"q": grouped}, headers=headers).get_json()["exact"]
    assert exact["kind"] == "enterprise" and exact["href"].endswith(f"/api/v1/enterprises/{BAOGANG_CODE}")


def test_one_kind_is_read_page_by_page(client, bearer, seeded):
    headers = bearer("planner", "planner")
    body = client.get("/api/v1/search", query_string={"q": "srch", "kind": "parcels", "page_size": 2},
                      headers=headers).get_json()
    assert set(body) == {"query", "anywhere", "exact", "parcels"}
    assert (body["parcels"]["total"], body["parcels"]["more"], body["parcels"]["pages"]) == (3, False, 2)
    rest = client.get(body["parcels"]["next"], headers=headers).get_json()["parcels"]
    assert [p["code"] for p in rest["items"]] == ["SRCH-11"] and rest["next"] is None


def test_a_district_s_token_finds_no_trace_of_another_district_s_draft(client, minhang, seeded):
    for typed in (PUDONG_DRAFT_TITLE, seeded.pudong_draft.reference):
        response = client.get("/api/v1/search", query_string={"q": typed}, headers=minhang)
        body = response.get_data(as_text=True)
        assert response.get_json()["projects"]["total"] == 0 and response.get_json()["exact"] is None, typed
        assert seeded.pudong_draft.reference not in body.replace(f'"query":"{typed}"', ""), typed


@pytest.mark.parametrize("query, field, detail", [
    ({}, "q", "缺少必填字段。"),
    ({"q": " \u3000"}, "q", "为空；请给出名称、编号或代码（完整或部分均可）"),
    ({"q": "宝" * 101}, "q", "共 101 个字符；最多可查找 100 个字符，例如一个名称、编号或代码"),
    ({"q": "宝钢", "kind": "zones"}, "kind", "未知取值“zones”（可选：项目（projects）、企业（enterprises）、地块（parcels））"),
    ({"q": "宝钢", "page": "0"}, "page", "超出允许范围"),
    ({"q": "宝钢", "page_size": "101"}, "page_size", "超出允许范围"),
    ({"q": "宝\x00钢"}, "q", "不能包含 NUL 字符（U+0000）"),
])
def test_bad_queries_are_problems_naming_the_field(client, bearer, query, field, detail):
    response = client.get("/api/v1/search", query_string=query,
                          headers=bearer("planner", "planner") | {"Accept-Language": "zh-CN"})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.get_json()["errors"][field] == detail, response.get_json()


@pytest.mark.parametrize("typed", ["%", "_", "\\", "%_\\", "'; DROP TABLE projects; --", "\U0001f600", "ﷺ" * 50])
def test_any_text_is_an_answer(client, bearer, typed):
    assert client.get("/api/v1/search", query_string={"q": typed}, headers=bearer("planner", "planner")).status_code in (200, 422)


def test_the_operation_is_documented(client, bearer):
    spec = client.get("/api/v1/openapi.json", headers=bearer("planner", "planner")).get_json()
    operation = spec["paths"]["/api/v1/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"q", "kind", "page", "page_size"}
    assert {"200", "401", "422", "429"} <= set(operation["responses"])
    assert {"projects", "enterprises", "parcels", "exact"} <= set(spec["components"]["schemas"]["SearchOut"]["properties"])


def test_a_district_named_whole_is_given_with_where_to_read_it(client, bearer, districts, seeded):
    headers = bearer("planner", "planner")
    body = client.get("/api/v1/search", query_string={"q": "minhang district"}, headers=headers).get_json()
    assert [(d["code"], d["name_zh"], d["name_en"]) for d in body["districts"]] == [("310112", "闵行区", "Minhang")]
    assert client.get(body["districts"][0]["href"], headers=headers).get_json()["properties"]["code"] == "310112"
    assert client.get("/api/v1/search", query_string={"q": "宝钢化工"}, headers=headers).get_json()["districts"] == []
