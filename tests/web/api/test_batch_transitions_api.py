"""POST /api/v1/projects/transitions: one workflow step on many projects, all or nothing, with the
versions the client read; a refusal is problem+json naming each project refused (``errors`` by the
body's path, ``refused`` with each one's own status); Idempotency-Key as on creates."""
from __future__ import annotations

import pytest

from registry.services import projects as svc
from tests.integration.project_data import REVIEWER, submitted

URL = "/api/v1/projects/transitions"


@pytest.fixture
def reviewer(bearer):
    return bearer("api-reviewer", "city_reviewer")


def items(*views) -> list[dict]:
    return [{"id": v.id, "version": v.version} for v in views]


def status_of(session, view) -> str:
    return svc.get_project(session, REVIEWER, view.id).status


def test_a_batch_approval_answers_each_project_with_its_new_version(client, session, reviewer):
    views = submitted(session, 2)
    response = client.post(URL, json={"action": "approve", "projects": items(*views)}, headers=reviewer)
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"action": "approve", "count": 2, "projects": [
        {"id": v.id, "reference": v.reference, "title": v.title, "status": "approved", "version": v.version + 1}
        for v in views]}
    read = client.get(f"/api/v1/projects/{views[0].id}", headers=reviewer)
    assert read.headers["ETag"] == f'"{views[0].id}-{views[0].version + 1}"'


@pytest.mark.parametrize("lang, detail, why", [
    ("zh", "未做任何更改：所选的 4 个项目中有 2 个不能执行“批准”。", "没有 ID 为 999999 的项目"),
    ("en", "Nothing was changed: 2 of the 4 selected projects cannot take the step “Approve”.",
     "no project with id 999999"),
])
def test_a_refused_batch_is_a_problem_naming_each_project_and_changes_nothing(client, session, reviewer, lang,
                                                                              detail, why):
    views = submitted(session, 3)
    body = {"action": "approve", "projects": [*items(*views), {"id": 999_999, "version": 1}]}
    svc.transition(session, REVIEWER, views[1].id, "approve")  # after the client read it
    response = client.post(URL, json=body, headers=reviewer | {"Accept-Language": lang})
    assert response.status_code == 409 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["detail"] == detail
    assert list(problem["errors"]) == ["projects[1]", "projects[3]"]
    assert problem["errors"]["projects[1]"].startswith(f"{views[1].reference} 电机改造 2")
    assert problem["errors"]["projects[3]"] == f"#999999{'：' if lang == 'zh' else ': '}{why}"
    assert [(r["id"], r["reference"], r["status"]) for r in problem["refused"]] == [
        (views[1].id, views[1].reference, 409), (999_999, None, 404)]
    assert problem["refused"][1]["detail"] == why
    assert [status_of(session, v) for v in views] == ["submitted", "approved", "submitted"]


def test_staff_cannot_batch_approve_and_reviewers_cannot_batch_submit(client, session, pudong, reviewer):
    views = submitted(session, 1)
    refused = client.post(URL, json={"action": "approve", "projects": items(*views)}, headers=pudong)
    assert refused.status_code == 403 and refused.get_json()["detail"] == "您的角色不能执行“批准”。"
    refused = client.post(URL, json={"action": "submit", "projects": items(*views)}, headers=reviewer)
    assert refused.status_code == 403
    assert status_of(session, views[0]) == "submitted"


@pytest.mark.parametrize("body, field", [
    ({"action": "return", "projects": [{"id": 1, "version": 1}]}, "comment"),
    ({"action": "approve", "projects": []}, "projects"),
    ({"action": "approve", "projects": [{"id": n, "version": 1} for n in range(1, 202)]}, "projects"),
    ({"action": "approve", "projects": [{"id": 1, "version": 1}, {"id": 1, "version": 1}]}, "projects"),
    ({"action": "complete", "projects": [{"id": 1, "version": 1}]}, "action"),
    ({"action": "approve", "projects": [{"id": 1}]}, "projects[0].version"),
    ({"action": "approve", "projects": [{"id": 2 ** 31, "version": 1}]}, "projects[0].id"),
])
def test_a_batch_out_of_bounds_names_the_field(client, reviewer, body, field):
    response = client.post(URL, json=body, headers=reviewer)
    assert response.status_code == 422 and field in response.get_json()["errors"], response.get_json()


def test_the_bound_is_said_in_the_clients_language(client, reviewer):
    body = {"action": "approve", "projects": [{"id": n, "version": 1} for n in range(1, 252)]}
    response = client.post(URL, json=body, headers=reviewer | {"Accept-Language": "en"})
    assert response.get_json()["errors"] == {"projects": "at most 200 projects at once: 251 were selected. "
                                                         "Select fewer, then try again."}


def test_a_retry_with_the_same_idempotency_key_answers_the_first_response(client, session, reviewer):
    views = submitted(session, 2)
    key = reviewer | {"Idempotency-Key": "batch-42"}
    body = {"action": "approve", "projects": items(*views)}
    first = client.post(URL, json=body, headers=key)
    again = client.post(URL, json=body, headers=key)
    assert first.status_code == again.status_code == 200
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    plain = client.post(URL, json=body, headers=reviewer)  # without the key: the versions have moved on
    assert plain.status_code == 409


def test_a_refused_batch_keeps_no_key_so_the_corrected_one_may_use_it(client, session, reviewer):
    views = submitted(session, 2)
    key = reviewer | {"Idempotency-Key": "fix-and-retry"}
    refused = client.post(URL, json={"action": "return", "comment": "", "projects": items(*views)}, headers=key)
    assert refused.status_code == 422
    fixed = client.post(URL, json={"action": "return", "comment": "补充台账", "projects": items(*views)}, headers=key)
    assert fixed.status_code == 200 and fixed.get_json()["count"] == 2


def test_the_operation_is_documented(client, reviewer):
    spec = client.get("/api/v1/openapi.json", headers=reviewer).get_json()
    operation = spec["paths"]["/api/v1/projects/transitions"]["post"]
    assert {"200", "403", "409", "422"} <= set(operation["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in operation["parameters"])
    body = spec["components"]["schemas"]["BatchTransitionBody"]
    assert body["properties"]["action"]["enum"] == ["submit", "approve", "verify", "return"]
    assert (body["properties"]["projects"]["minItems"], body["properties"]["projects"]["maxItems"]) == (1, 200)
    refused = operation["responses"]["409"]["content"]["application/problem+json"]["schema"]["$ref"]
    assert "refused" in spec["components"]["schemas"][refused.rsplit("/", 1)[1]]["properties"]
