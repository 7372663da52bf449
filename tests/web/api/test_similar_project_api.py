"""GET /api/v1/projects/{id}/template: a new project's body taken from another (以此为模板登记), which
a client POSTs to /projects as it is or changed; the new project's history names its source."""
from __future__ import annotations

PROJECTS = "/api/v1/projects"


def _created(client, headers, body) -> dict:
    response = client.post(PROJECTS, json=body, headers=headers)
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def test_the_template_is_a_body_to_post_and_the_new_project_names_its_source(client, pudong, project_body):
    source = _created(client, pudong, project_body | {"title": "2013年高效电机改造", "investment_wan_yuan": 120})
    response = client.get(f"{PROJECTS}/{source['id']}/template", headers=pudong | {"Accept-Language": "en"})
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    body = answer["body"]
    assert answer["source"] == {"id": source["id"], "reference": "2013-310115-0001", "title": "2013年高效电机改造",
                                "year": 2013}
    assert answer["left_out_parcels"] == []
    assert (body["kind"], body["year"], body["title"], body["district_code"]) == ("motor_upgrade", 2014, "高效电机改造", "310115")
    assert body["inputs"] == project_body["inputs"] | {"year": 2014} and body["investment_wan_yuan"] == 120
    assert body["parcel_ids"] == [source["parcels"][0]["id"]] and body["from_project"] == source["id"]
    assert not {"status", "reference", "subsidy_approved_wan_yuan"} & set(body)
    created = _created(client, pudong, body)
    assert (created["year"], created["status"], created["reference"]) == (2014, "draft", "2014-310115-0001")
    assert created["history"][0]["changes"]["registered_from"] == [None, "2013-310115-0001"]
    assert created["possible_duplicates"] == []
    # kept in the source's year, it is listed as a possible double registration of it
    same_year = _created(client, pudong, body | {"year": 2013, "inputs": body["inputs"] | {"year": 2013}})
    assert [d["reference"] for d in same_year["possible_duplicates"]] == ["2013-310115-0001"]


def test_another_district_is_403_saying_why_and_a_hidden_project_404(client, pudong, minhang, bearer, project_body):
    source = _created(client, pudong, project_body | {"submit": True})
    refused = client.get(f"{PROJECTS}/{source['id']}/template", headers=minhang | {"Accept-Language": "en"})
    assert refused.status_code == 404  # a submitted project of Pudong: Minhang's staff do not read it
    hidden = _created(client, minhang, project_body | {"district_code": "310112", "new_parcels": []})
    assert client.get(f"{PROJECTS}/{hidden['id']}/template", headers=pudong).status_code == 404
    reviewer = bearer("reviewer", "city_reviewer")
    client.post(f"{PROJECTS}/{source['id']}/transitions", json={"action": "approve"}, headers=reviewer)
    approved = client.get(f"{PROJECTS}/{source['id']}/template", headers=minhang | {"Accept-Language": "en"})
    assert approved.status_code == 403 and approved.mimetype == "application/problem+json"
    assert approved.get_json()["detail"] == ("Project 2013-310115-0001 belongs to Pudong New Area: district staff of "
                                             "Minhang register similar projects of their own district only.")
    assert client.get(f"{PROJECTS}/{source['id']}/template", headers=reviewer).status_code == 403
