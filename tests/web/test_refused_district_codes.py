"""The last district filters that took a code no district has as given, unsaid: the rollups (their
pages, downloads, chart files and API) and the zones API; the parcel list's API, checked by its
service; and district staff's project list, told of a foreign one. How often a list looks a
district up: test_district_lookups_once.py."""
from __future__ import annotations

import pytest

from tests.web.page_text import refusal, said_above_the_list

pytestmark = pytest.mark.usefixtures("districts")


@pytest.mark.parametrize("url", ["/rollups?district=310999", "/rollups/projects?district=310999&year=2024"])
def test_a_rollup_page_says_a_district_code_no_district_has_and_shows_every_district(client, login, url):
    """It showed the rollup of that code: every figure 0, not a word of why."""
    login("admin")
    response = client.get(url)
    assert response.status_code == 200
    assert said_above_the_list(response.get_data(as_text=True)) == ["district：没有代码为 310999 的区"]
    english = said_above_the_list(client.get(url + "&lang=en").get_data(as_text=True))
    assert english == ["district: no district with code 310999"]


@pytest.mark.parametrize("url, back", [
    ("/rollups/export?format=csv&district=310999", "/rollups?district=310999"),
    ("/rollups/projects/export?format=csv&district=310999", "/rollups/projects?district=310999"),
])
def test_a_rollup_download_refuses_a_district_code_no_district_has(client, login, url, back):
    login("admin")
    problems, link = refusal(client.get(url))
    assert problems == ["district：没有代码为 310999 的区"] and link == back


def test_a_rollup_chart_file_refuses_a_district_code_no_district_has(client, login):
    login("admin")
    assert client.get("/rollups/charts/district.svg?district=310999").status_code == 422


@pytest.mark.parametrize("url", ["/api/v1/rollups?district=310999", "/api/v1/rollups?district=310999&frozen=1",
                                 "/api/v1/zones?district=310999", "/api/v1/parcels?district=310999",
                                 "/api/v1/parcels/export?district=310999&format=csv"])
def test_the_api_refuses_a_district_code_no_district_has(client, login, url):
    login("admin")
    response = client.get(url)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.get_json()["errors"] == {"district": "没有代码为 310999 的区"}


def test_the_zones_api_still_lists_a_districts_zones(client, login):
    login("admin")
    response = client.get("/api/v1/zones?district=310115")
    assert response.status_code == 200 and response.get_json()["type"] == "FeatureCollection"


def test_district_staff_are_still_told_of_a_foreign_code_no_district_has(client, login):
    login("district_staff", "310115")
    response = client.get("/projects?district=310999")
    assert response.status_code == 200
    assert said_above_the_list(response.get_data(as_text=True)) == ["district：没有代码为 310999 的区"]
    api = client.get("/api/v1/projects?district=310999")
    assert api.status_code == 422 and api.get_json()["errors"] == {"district": "没有代码为 310999 的区"}
