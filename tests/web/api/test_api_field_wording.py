"""The API's field errors in the registry's words, the value as sent in quotation marks: a value of the
wrong type was marshmallow's own message (不是有效的数字。, not naming the value), a bound named the
value bare (不能为负数，实际为 -5), and an unknown batch step listed the steps as bare codes."""
from __future__ import annotations

import pytest

PROJECTS = "/api/v1/projects"
ENGLISH = {"Accept-Language": "en"}

pytestmark = pytest.mark.usefixtures("districts")


def _errors(response) -> dict[str, str]:
    assert response.status_code == 422, response.get_data(as_text=True)
    return response.get_json()["errors"]


def test_a_value_of_the_wrong_type_is_said_in_the_registrys_words(client, pudong, project_body):
    body = project_body | {"investment_wan_yuan": "abc", "year": 2013.5, "submit": "maybe", "title": 5,
                           "planned_completion": "2026-13-01", "parcel_ids": ["x"]}
    errors = _errors(client.post(PROJECTS, json=body, headers=pudong))
    assert errors["investment_wan_yuan"] == "必须是数字，实际为“abc”"
    assert errors["year"] == "必须是整数，实际为“2013.5”"
    assert errors["submit"] == "必须是 true 或 false，实际为“maybe”"
    assert errors["title"] == "必须是文本，实际为“5”"
    assert errors["planned_completion"] == "必须是 YYYY-MM-DD 格式的日期，实际为“2026-13-01”"
    assert errors["parcel_ids[0]"] == "必须是整数，实际为“x”"
    english = _errors(client.post(PROJECTS, json=body, headers=pudong | ENGLISH))
    assert english["investment_wan_yuan"] == "must be a number, got “abc”"
    assert english["submit"] == "must be true or false, got “maybe”"


def test_a_number_sent_as_json_text_is_told_to_be_sent_as_a_number(client, pudong, project_body):
    errors = _errors(client.post(PROJECTS, json=project_body | {"year": "2013"}, headers=pudong))
    assert errors == {"year": "必须是 JSON 数值，实际为文本“2013”"}


def test_a_nested_value_and_a_query_parameter_are_said_in_the_same_words(client, pudong):
    batch = {"action": "approve", "projects": [{"id": True, "version": [1, 2]}]}
    errors = _errors(client.post(f"{PROJECTS}/transitions", json=batch, headers=pudong))
    assert errors == {"projects[0].id": "必须是整数，实际为“true”", "projects[0].version": "必须是整数，实际为“[1, 2]”"}
    assert _errors(client.get(f"{PROJECTS}?page=abc", headers=pudong)) == {"page": "必须是整数，实际为“abc”"}


def test_a_bound_quotes_the_value_as_sent(client, pudong, project_body):
    errors = _errors(client.post(PROJECTS, json=project_body | {"investment_wan_yuan": -5}, headers=pudong))
    assert errors == {"investment_wan_yuan": "不能为负数，实际为“-5”"}


def test_an_unknown_batch_step_names_the_steps_by_their_labels_with_their_codes(client, pudong):
    batch = {"action": "fly", "projects": [{"id": 1, "version": 1}]}
    said = _errors(client.post(f"{PROJECTS}/transitions", json=batch, headers=pudong))["action"]
    assert said == "未知取值“fly”（可选：提交审核（submit）、批准（approve）、核定（verify）、退回并附意见（return））"
    english = _errors(client.post(f"{PROJECTS}/transitions", json=batch, headers=pudong | ENGLISH))["action"]
    assert english == ("unknown value “fly” (allowed: Submit for review (submit), Approve (approve), Verify (verify), "
                       "Return with comment (return))")


def test_a_query_parameter_is_not_told_to_be_sent_as_a_json_number(client, pudong):
    """A query string holds only text: "page=2.5" was told 必须是 JSON 数值，实际为文本“2.5”, which no
    query string can be; it is a whole number that was wanted."""
    assert _errors(client.get(f"{PROJECTS}?page=2.5", headers=pudong)) == {"page": "必须是整数，实际为“2.5”"}
