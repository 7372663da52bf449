"""JSON numbers in API bodies are read as exact decimals, as typed: money keeps every digit up to the
domain's 34, a refusal quotes the value as sent, and responses still write numbers as JSON numbers."""
from __future__ import annotations

import json
import re

PROJECTS = "/api/v1/projects"
# More significant digits (19) than a binary float holds (15–17): a float would round it.
EXACT = "123456789012.3456789"


def post_raw(client, url, body, headers, **numbers):
    """``body`` as JSON text with each ``"@name"`` placeholder replaced by the number text given."""
    text = json.dumps(body)
    for name, number in numbers.items():
        text = text.replace(f'"@{name}"', number)
    return client.post(url, data=text, content_type="application/json", headers=headers)


def test_money_is_stored_and_read_back_with_every_digit_as_a_json_number(client, pudong, project_body):
    created = post_raw(client, PROJECTS, project_body | {"investment_wan_yuan": "@money"}, pudong, money=EXACT)
    assert created.status_code == 201, created.get_data(as_text=True)
    read = client.get(created.headers["Location"], headers=pudong)
    assert re.search(rf'"investment_wan_yuan": ?{re.escape(EXACT)}[,}}]', read.get_data(as_text=True))
    assert isinstance(read.get_json()["investment_wan_yuan"], float)  # a JSON number, as before


def test_a_refusal_quotes_a_whole_number_as_typed(client, pudong, project_body):
    refused = post_raw(client, PROJECTS, project_body | {"investment_wan_yuan": "@money"},
                       pudong | {"Accept-Language": "en"}, money="1000000000001")
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"investment_wan_yuan": "must be at most 1,000,000,000,000, "
                                                                    "got “1000000000001”"}


def test_the_savings_preview_reads_the_document_exactly(client, pudong):
    """1e400 is a number beyond the domain's bound, not the infinity a float makes of it."""
    document = {"kind": "motor_upgrade", "year": 2013, "motors": [
        {"count": 1, "rated_kw": "@kw", "load_factor": 0.75, "hours_per_year": 6000,
         "efficiency_before": 0.921, "efficiency_after": 0.946}]}
    response = post_raw(client, "/api/v1/savings/preview", document, pudong | {"Accept-Language": "en"}, kw="1e400")
    assert response.status_code == 422
    assert list(response.get_json()["errors"].values()) == ["must be less than 1,000,000,000,000,000"]


def test_a_projects_savings_document_is_read_exactly_too(client, pudong, project_body):
    project_body["inputs"]["motors"][0]["rated_kw"] = "@kw"
    refused = post_raw(client, PROJECTS, project_body, pudong | {"Accept-Language": "en"}, kw="1e400")
    assert refused.status_code == 422
    assert list(refused.get_json()["errors"].values()) == ["must be less than 1,000,000,000,000,000"]


# 20 and 22 significant digits: beyond a float's 17, within the domain's 34.
MONEY = "12345.678901234567891"
RATED_KW = "55.12345678901234567891"


def test_a_retried_create_answers_the_digits_of_the_first_answer(client, pudong, project_body):
    """The replay is the stored response read back from jsonb: exactly, not through a float."""
    project_body["inputs"]["motors"][0]["rated_kw"] = "@kw"
    body = project_body | {"investment_wan_yuan": "@money"}
    headers = pudong | {"Idempotency-Key": "exact-replay"}
    first = post_raw(client, PROJECTS, body, headers, money=MONEY, kw=RATED_KW)
    retried = post_raw(client, PROJECTS, body, headers, money=MONEY, kw=RATED_KW)
    assert first.status_code == retried.status_code == 201, first.get_data(as_text=True)
    assert retried.headers["Idempotent-Replayed"] == "true"
    assert re.search(rf'"investment_wan_yuan": ?{re.escape(MONEY)}[,}}]', first.get_data(as_text=True))
    assert retried.get_data(as_text=True) == first.get_data(as_text=True)


def test_a_projects_savings_inputs_are_read_back_with_every_digit(client, pudong, project_body):
    project_body["inputs"]["motors"][0]["rated_kw"] = "@kw"
    created = post_raw(client, PROJECTS, project_body, pudong, kw=RATED_KW)
    assert created.status_code == 201, created.get_data(as_text=True)
    read = client.get(created.headers["Location"], headers=pudong).get_data(as_text=True)
    assert re.search(rf'"rated_kw": ?{re.escape(RATED_KW)}[,}}]', read)
