"""/api/v1/projects through bearer tokens: register, read, ETag/If-Match, workflow, list, districts."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.models import AuditEntry, Project

PROJECTS = "/api/v1/projects"


def create(client, headers, body, **extra_headers):
    return client.post(PROJECTS, json=body, headers=headers | extra_headers)


def test_registers_a_project_with_a_parcel_and_reads_its_savings(client, pudong, project_body):
    response = create(client, pudong, project_body)
    assert response.status_code == 201, response.get_data(as_text=True)
    body = response.get_json()
    assert body["reference"] == "2013-310115-0001" and body["status"] == "draft"
    assert round(body["savings_tce"], 3) == 0.873  # DOMAIN §4.3 motor example
    parcel = body["parcels"][0]
    assert parcel["geometry"]["type"] == "MultiPolygon" and 10500 < parcel["area_m2"] < 10600
    assert response.headers["ETag"] == f'"{body["id"]}-{body["version"]}"'
    assert response.headers["Location"].endswith(f"/api/v1/projects/{body['id']}")
    read = client.get(response.headers["Location"], headers=pudong)
    assert read.status_code == 200 and read.get_json()["trace"] and read.headers["ETag"] == response.headers["ETag"]
    feature = client.get(f"/api/v1/parcels/{parcel['id']}", headers=pudong).get_json()
    assert feature["type"] == "Feature" and feature["properties"]["district_code"] == "310115"


def test_creates_are_audited_under_the_tokens_user(client, pudong, project_body, session):
    project_id = create(client, pudong, project_body).get_json()["id"]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "project",
                                                     AuditEntry.entity_id == str(project_id))).one()
    assert entry.user_id is not None and entry.action == "create"


def test_a_refusal_names_both_districts_in_the_clients_language(client, minhang, project_body):
    refused = create(client, minhang, project_body | {"new_parcels": []})
    assert refused.status_code == 403
    assert refused.get_json()["detail"] == "闵行区的区级工作人员不能在浦东新区操作。"
    english = create(client, minhang, project_body | {"new_parcels": []}, **{"Accept-Language": "en"})
    assert english.get_json()["detail"] == "District staff of Minhang may not act in district Pudong New Area."


def test_money_is_taken_up_to_the_bound_and_refused_above_it_naming_the_bound(client, pudong, project_body):
    assert create(client, pudong, project_body | {"investment_wan_yuan": 1e12}).status_code == 201
    refused = create(client, pudong, project_body | {"investment_wan_yuan": 1000000000000.5}, **{"Accept-Language": "en"})
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"investment_wan_yuan": "must be at most 1,000,000,000,000, got “1000000000000.5”"}


def test_update_with_the_current_etag_then_412_on_the_stale_one(client, pudong, project_body):
    created = create(client, pudong, project_body)
    url, first_etag = created.headers["Location"], created.headers["ETag"]
    edited = project_body | {"title": "高效电机改造（二期）", "new_parcels": [], "parcel_ids": [created.get_json()["parcels"][0]["id"]]}
    response = client.put(url, json=edited, headers=pudong | {"If-Match": first_etag})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["title"] == "高效电机改造（二期）" and response.headers["ETag"] != first_etag
    stale = client.put(url, json=edited | {"title": "lost update"}, headers=pudong | {"If-Match": first_etag})
    assert stale.status_code == 412
    assert stale.mimetype == "application/problem+json"
    assert stale.get_json()["title"] == "记录在您读取后已被修改"
    assert client.get(url, headers=pudong).get_json()["title"] == "高效电机改造（二期）"


def test_update_without_if_match_is_428(client, pudong, project_body):
    url = create(client, pudong, project_body).headers["Location"]
    response = client.put(url, json=project_body, headers=pudong)
    assert response.status_code == 428 and response.mimetype == "application/problem+json"


def test_a_transition_that_the_state_forbids_stays_409(client, pudong, project_body):
    created = create(client, pudong, project_body)
    url, etag = created.headers["Location"], created.headers["ETag"]
    submitted = client.post(url + "/transitions", json={"action": "submit"}, headers=pudong | {"If-Match": etag})
    assert submitted.status_code == 200 and submitted.get_json()["status"] == "submitted"
    again = client.post(url + "/transitions", json={"action": "submit"}, headers=pudong)
    assert again.status_code == 409  # a Conflict that is not about a stale If-Match
    stale = client.post(url + "/transitions", json={"action": "submit"}, headers=pudong | {"If-Match": etag})
    assert stale.status_code == 412


def test_reviewer_approves_through_the_api(client, pudong, bearer, project_body):
    url = create(client, pudong, project_body | {"submit": True}).headers["Location"]
    reviewer = bearer("reviewer", "city_reviewer")
    response = client.post(url + "/transitions", json={"action": "approve"}, headers=reviewer)
    assert response.status_code == 200 and response.get_json()["status"] == "approved"
    returned = client.post(url + "/transitions", json={"action": "return"}, headers=reviewer)
    assert returned.status_code == 422 and "comment" in returned.get_json()["errors"]


def test_the_district_reports_the_day_of_completion_through_the_api(client, pudong, bearer, project_body):
    url = create(client, pudong, project_body | {"submit": True}).headers["Location"]
    assert client.post(url + "/transitions", json={"action": "approve"}, headers=bearer("reviewer", "city_reviewer")).status_code == 200
    late = client.post(url + "/transitions", json={"action": "complete", "completed_on": "2999-01-01"}, headers=pudong)
    assert late.status_code == 422 and "completed_on" in late.get_json()["errors"]
    done = client.post(url + "/transitions", json={"action": "complete", "completed_on": "2013-12-28"}, headers=pudong)
    assert done.status_code == 200 and done.get_json()["completed_on"] == "2013-12-28"


def test_another_districts_token_cannot_write_or_see_a_draft(client, pudong, minhang, project_body, session):
    created = create(client, pudong, project_body)
    url, etag = created.headers["Location"], created.headers["ETag"]
    assert create(client, minhang, project_body | {"new_parcels": []}).status_code == 403
    assert client.put(url, json=project_body, headers=minhang | {"If-Match": etag}).status_code == 404
    assert client.post(url + "/transitions", json={"action": "submit"}, headers=minhang).status_code == 404
    assert client.get(url, headers=minhang).status_code == 404
    check = client.post("/api/v1/parcels/check", json={"district_code": "310115", "geometry": project_body["new_parcels"][0]["geometry"]},
                        headers=minhang)
    assert check.status_code == 403
    assert session.execute(select(func.count()).select_from(Project)).scalar_one() == 1


def test_list_filters_pages_and_links_next(client, pudong, project_body):
    for i in range(3):
        assert create(client, pudong, project_body | {"title": f"项目 {i}", "new_parcels": []}).status_code == 201
    response = client.get(PROJECTS + "?page_size=2&kind=motor_upgrade&sort=reference&dir=asc", headers=pudong)
    body = response.get_json()
    assert body["total"] == 3 and body["pages"] == 2 and len(body["items"]) == 2
    assert body["items"][0]["reference"] == "2013-310115-0001"
    assert "page=2" in body["next"] and "kind=motor_upgrade" in body["next"] and body["previous"] is None
    assert response.headers["Link"].endswith('rel="next"')
    last = client.get(body["next"], headers=pudong).get_json()
    assert len(last["items"]) == 1 and last["next"] is None
    assert client.get(PROJECTS + "?kind=boiler_replacement", headers=pudong).get_json()["total"] == 0


def test_the_list_sorts_by_every_column_the_page_sorts_by(client, pudong, project_body):
    """The API's sort keys were a list of their own, without the page's sort by title."""
    for title in ("B 电机改造", "A 电机改造", "C 电机改造"):  # registered out of order
        assert create(client, pudong, project_body | {"title": title, "new_parcels": []}).status_code == 201
    titles = [item["title"] for item in client.get(PROJECTS + "?sort=title&dir=asc", headers=pudong).get_json()["items"]]
    assert titles == ["A 电机改造", "B 电机改造", "C 电机改造"]
    refused = client.get(PROJECTS + "?sort=colour", headers=pudong)
    assert refused.status_code == 422 and "sort" in refused.get_json()["errors"]


def test_idempotent_create_returns_the_first_response_and_creates_once(client, pudong, project_body, session):
    key = {"Idempotency-Key": "order-7f3a"}
    first = create(client, pudong, project_body, **key)
    second = create(client, pudong, project_body, **key)
    assert first.status_code == second.status_code == 201
    assert second.get_json() == first.get_json()
    assert second.headers["Location"] == first.headers["Location"] and second.headers["Idempotent-Replayed"] == "true"
    assert session.execute(select(func.count()).select_from(Project)).scalar_one() == 1
    reused = create(client, pudong, project_body | {"title": "another"}, **key)
    assert reused.status_code == 422 and "Idempotency-Key" in reused.get_json()["errors"]
    assert session.execute(select(func.count()).select_from(Project)).scalar_one() == 1


def test_a_failed_create_does_not_burn_its_idempotency_key(client, pudong, project_body):
    key = {"Idempotency-Key": "retry-after-fix"}
    bad = create(client, pudong, project_body | {"credit_code": "91310115MA1K000020"}, **key)
    assert bad.status_code == 422
    assert create(client, pudong, project_body, **key).status_code == 201


def test_idempotency_keys_are_per_user(client, pudong, bearer, project_body):
    key = {"Idempotency-Key": "shared-name"}
    assert create(client, pudong, project_body, **key).status_code == 201
    admin = bearer("admin1", "admin")
    response = create(client, admin, project_body | {"new_parcels": []}, **key)
    assert response.status_code == 201 and "Idempotent-Replayed" not in response.headers


@pytest.mark.parametrize("path", ["/api/v1/districts/310115", "/api/v1/zones", "/api/v1/factors?year=2013",
                                  "/api/v1/targets?year=2013"])
def test_reference_reads(client, pudong, path):
    response = client.get(path, headers=pudong)
    assert response.status_code == 200, response.get_data(as_text=True)


@pytest.mark.parametrize("language, source", [("zh-CN", "全国平均供电煤耗，二手资料，待核实"),
                                              ("en", "National average of coal per kWh supplied; secondary source, "
                                                     "to be verified")])
def test_the_equal_values_source_is_in_the_clients_language(client, pudong, language, source):
    response = client.get("/api/v1/factors?year=2013", headers=pudong | {"Accept-Language": language})
    assert response.get_json()["equal_value_source"] == source


def test_enterprise_lookup_by_credit_code(client, pudong, project_body):
    create(client, pudong, project_body)
    response = client.get(f"/api/v1/enterprises/{project_body['credit_code']}", headers=pudong)
    assert response.status_code == 200 and response.get_json()["name"] == "上海测试电机有限公司"


@pytest.mark.parametrize("code", ["999999", "abc", "3101_5"])
def test_an_admin_registering_in_an_unknown_district_gets_a_field_error(client, bearer, project_body, session, code):
    admin = bearer("admin", "admin")
    response = create(client, admin, project_body | {"district_code": code, "new_parcels": []})
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.get_json()["errors"] == {"district_code": f"没有代码为 {code} 的区"}
    assert session.scalar(select(func.count()).select_from(Project)) == 0


@pytest.mark.parametrize("tag", ['"{id}-²"', '"{id}-١"', '"{id}-"', '"{id}-1x"', '"{id}-99999999999999999999999"'])
def test_an_if_match_whose_version_is_not_ascii_digits_is_412(client, pudong, project_body, tag):
    created = create(client, pudong, project_body)
    url, project_id = created.headers["Location"], created.get_json()["id"]
    response = client.put(url, json=project_body, headers=pudong | {"If-Match": tag.format(id=project_id)})
    assert response.status_code == 412 and response.mimetype == "application/problem+json"


def test_the_lists_filters_are_read_as_the_page_and_its_download_read_them(client, pudong):
    """One reading (services/projects/filters.py): what the page says and its download refuses, the
    API refuses — a district that is no district code gave an empty list, unsaid."""
    for query, field in (("district=pudong", "district"), ("kind=boilers", "kind"), ("status=gone", "status")):
        refused = client.get(f"{PROJECTS}?{query}", headers=pudong)
        assert refused.status_code == 422 and field in refused.get_json()["errors"], (query, refused.get_json())
        assert client.get(f"{PROJECTS}/export?{query}", headers=pudong).status_code == 422
    assert client.get(f"{PROJECTS}?district=310115&year=2013&overdue=true", headers=pudong).status_code == 200
