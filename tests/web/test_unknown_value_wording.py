"""A value that is none of a closed list's is said one way on every path (``UNKNOWN_VALUE``,
registry/domain/errors.py): the value in the reader's quotation marks, then what it could have been.
The project list said 未知取值 gone（可选：…）, the parcel list and its API 未知取值 'gone'；允许：…"""
from __future__ import annotations

import pytest

from tests.web.page_text import said_above_the_list, text_of

pytestmark = pytest.mark.usefixtures("districts")


def test_the_project_list_and_the_parcel_list_say_an_unknown_status_alike(client, login):
    login("admin")
    projects = said_above_the_list(client.get("/projects?status=gone").get_data(as_text=True))
    assert projects[0].startswith("status：未知取值“gone”（可选：草稿（draft）、"), projects
    parcels = text_of(client.get("/land/parcels?status=gone").get_data(as_text=True))
    assert "未知取值“gone”（可选：" in parcels, parcels


@pytest.mark.parametrize("url, said", [
    ("/api/v1/projects?status=gone", "未知取值“gone”（可选：草稿（draft）、"),
    ("/api/v1/parcels?status=gone", "未知取值“gone”（可选："),
])
def test_the_api_refuses_an_unknown_value_in_the_same_words(client, login, url, said):
    login("admin")
    response = client.get(url)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.get_json()["errors"]["status"].startswith(said)


def test_in_english_the_value_is_quoted_as_well(client, login):
    login("admin")
    answer = client.get("/api/v1/parcels?status=gone&lang=en").get_json()
    assert answer["errors"]["status"].startswith("unknown value “gone” (allowed: ")
