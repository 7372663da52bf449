"""An enterprise's former names (曾用名) in the API: the enterprise's answer (GET and PATCH) has
``former_names``; the search's and the directory's enterprise rows say the ``former_name`` q matched."""
from __future__ import annotations

import pytest

from registry import clock
from registry.domain.permissions import Actor
from registry.services import enterprises
from tests.integration.project_data import CREDIT

URL = f"/api/v1/enterprises/{CREDIT}"
OLD, NEW = "上海申江锅炉厂", "上海新能热力股份有限公司"


@pytest.fixture
def firm(session):
    return enterprises.find_or_create(session, Actor.system(), CREDIT, OLD, "C343", "310115")


def test_the_enterprise_answers_its_former_names_the_latest_first(client, pudong, firm):
    assert client.get(URL, headers=pudong).get_json()["former_names"] == []
    renamed = client.patch(URL, json={"name": NEW}, headers=pudong | {"If-Match": f'"{CREDIT}-1"'})
    today = clock.today().isoformat()
    assert renamed.status_code == 200 and renamed.get_json()["former_names"] == [{"name": OLD, "until": today}]
    client.patch(URL, json={"name": "第三个名字"}, headers=pudong | {"If-Match": f'"{CREDIT}-2"'})
    answer = client.get(URL, headers=pudong).get_json()
    assert answer["name"] == "第三个名字"
    assert [f["name"] for f in answer["former_names"]] == [NEW, OLD]


def test_the_search_and_the_directory_say_which_former_name_matched(client, pudong, firm):
    client.patch(URL, json={"name": NEW}, headers=pudong | {"If-Match": f'"{CREDIT}-1"'})
    found = client.get("/api/v1/search?q=申江锅炉", headers=pudong).get_json()["enterprises"]["items"]
    assert [(hit["name"], hit["former_name"]) for hit in found] == [(NEW, OLD)]
    listed = client.get("/api/v1/enterprises?q=申江锅炉", headers=pudong).get_json()["items"]
    assert [(row["name"], row["former_name"]) for row in listed] == [(NEW, OLD)]
    listed = client.get("/api/v1/enterprises?q=新能热力", headers=pudong).get_json()["items"]
    assert [(row["name"], row["former_name"]) for row in listed] == [(NEW, None)]
