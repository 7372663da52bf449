"""JSON bodies are read once, safely, before any view (registry/request_bodies.py): deep nesting
and malformed text are 400, text the database cannot store is 422 naming the value, a body that
is not JSON is 415, and an oversized body is 413 — never a 500."""
from __future__ import annotations

import json

import pytest

from registry import request_bodies
from tests.web.api.test_problems import problem_of

WRITES = ["/api/v1/projects", "/api/v1/parcels/check", "/api/v1/savings/preview", "/api/v1/land/merge",
          "/api/v1/projects/1/transitions", "/api/v1/land/parcels/1/plan", "/api/v1/monitoring"]


@pytest.mark.parametrize("path", WRITES)
@pytest.mark.parametrize("body", ['{"a":' * 50000 + "1" + "}" * 50000, "[" * 100000 + "]" * 100000])
def test_deeply_nested_bodies_are_400_not_a_recursion_error(client, pudong, path, body):
    problem = problem_of(client.post(path, data=body, content_type="application/json", headers=pudong), 400)
    assert problem["detail"] == "JSON 格式错误：嵌套超过 64 层"
    english = client.post(path, data=body, content_type="application/json", headers=pudong | {"Accept-Language": "en"})
    assert problem_of(english, 400)["detail"] == "malformed JSON: nested more than 64 levels deep"


def test_a_lone_surrogate_is_422_naming_the_field(client, pudong, project_body):
    text = json.dumps(project_body)[:-1] + ', "enterprise_name": "\\ud800"}'
    body = problem_of(client.post("/api/v1/projects", data=text, content_type="application/json",
                                  headers=pudong | {"Accept-Language": "en"}), 422)
    assert body["errors"] == {"enterprise_name": "contains an invalid character: a lone UTF-16 surrogate (U+D800)"}


@pytest.mark.parametrize("content_type, data", [
    ("text/plain", json.dumps({"kind": "motor_upgrade"})),
    ("application/x-www-form-urlencoded", "kind=motor_upgrade"),
    ("application/xml", "<project/>"),
])
def test_a_body_that_is_not_json_is_415(client, pudong, content_type, data):
    for method, path in [("POST", "/api/v1/projects"), ("PUT", "/api/v1/projects/1"),
                         ("POST", "/api/v1/projects/1/transitions"), ("POST", "/api/v1/parcels/check"),
                         ("POST", "/api/v1/land/merge")]:
        response = client.open(path, method=method, data=data, content_type=content_type,
                               headers=pudong | {"Accept-Language": "en"})
        body = problem_of(response, 415)
        assert body["detail"] == "Send the request body as JSON, with the header Content-Type: application/json."


def test_a_post_without_a_body_is_not_415(client, pudong):
    # Withdrawing a plan has no body: the answer is about the request (planners only), not its type.
    assert client.post("/api/v1/land/parcels/999999/withdraw", headers=pudong).status_code == 403


def test_a_body_beyond_the_limit_is_413(client, pudong, monkeypatch):
    monkeypatch.setattr(request_bodies, "MAX_JSON_BODY_BYTES", 1024 * 1024)
    big = json.dumps({"title": "x" * (1024 * 1024)})
    body = problem_of(client.post("/api/v1/projects", data=big, content_type="application/json",
                                  headers=pudong | {"Accept-Language": "en"}), 413)
    assert body["detail"] == "The JSON body is larger than 1 MB."


def test_the_limit_leaves_file_uploads_alone(app):
    # Uploads are multipart with limits of their own; a global MAX_CONTENT_LENGTH would cut them.
    assert app.config.get("MAX_CONTENT_LENGTH") is None
