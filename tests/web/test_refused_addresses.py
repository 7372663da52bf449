"""The last values of a page's address passed over without a word (freed land's order and page size,
a page number, the data-quality page's district, the wizard's ``from=``), a well-formed district code
that no district has (an empty list, unsaid, in the API, the downloads and the directory), and one
status for every page that says what its address gives that it cannot use: 200, the page shown."""
from __future__ import annotations

import html as markup

import pytest

from tests.web.page_text import refusal, said_above_the_list


@pytest.fixture
def planner(login):
    return login("planner")


@pytest.mark.parametrize("role, url, said", [
    ("planner", "/land/freed?sort=height&limit=abc&order=up",
     ["sort：未知取值“height”（可选：code、area_m2、freed_on、district_code、land_use_class、status、zone_kind、former_use）",
      "limit：必须是整数，实际为“abc”", "order：未知取值“up”（可选：asc、desc）"]),
    ("admin", "/monitoring?page=abc", ["page：必须是整数，实际为“abc”"]),
    ("admin", "/search?q=电机&kind=projects&page=abc", ["page：必须是整数，实际为“abc”"]),
    ("admin", "/enterprises/{enterprise_id}?page=0", ["page：必须不小于 1"]),
    ("admin", "/quality/?district=abc", ["district：必须是 6 位区代码"]),
    ("admin", "/quality/?district=310999", ["district：没有代码为 310999 的区"]),
    ("admin", "/projects/new?from=abc", ["from：必须是项目编号（整数），实际为“abc”"]),
    ("admin", "/enterprises/?district=310999", ["district：没有代码为 310999 的区"]),
])
def test_a_value_the_page_passed_over_is_said_above_it(client, login, real_ids, role, url, said):
    """Each was passed over (the default shown, not a word) or, for from=abc, answered 404."""
    login(role)
    response = client.get(url.format(**real_ids))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert sorted(said_above_the_list(html)) == sorted(said)
    english = said_above_the_list(client.get(url.format(**real_ids) + "&lang=en").get_data(as_text=True))
    assert [line.split(":")[0] for line in sorted(english)] == [line.split("：")[0] for line in sorted(said)]


def test_freed_land_lists_with_the_rest_of_its_address_and_links_without_what_it_refused(client, ids, planner):
    html = client.get("/land/freed?sort=height&status=freed").get_data(as_text=True)
    assert '<a href="/land/freed/export.xlsx?status=freed">Excel</a>' in html  # the download would refuse sort=height
    assert "腾出" in html and 'class="num"' in html  # its table, in its own order


def test_the_enterprise_directory_lists_every_district_for_a_code_no_district_has(client, project_url):
    html = client.get("/enterprises/?district=310999").get_data(as_text=True)
    assert "上海测试电机有限公司" in html


@pytest.mark.parametrize("url", ["/api/v1/projects?district=310999", "/api/v1/enterprises?district=310999",
                                 "/api/v1/projects/export?district=310999&format=csv",
                                 "/api/v1/enterprises/export?district=310999&format=csv",
                                 "/api/v1/land/freed?district=310999"])
def test_the_api_refuses_a_district_code_no_district_has(client, login, districts, url):
    login("admin")
    response = client.get(url)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.get_json()["errors"] == {"district": "没有代码为 310999 的区"}


@pytest.mark.parametrize("role, url, back", [
    ("admin", "/projects/export?format=csv&district=310999", "/projects?district=310999"),
    ("admin", "/enterprises/export?format=csv&district=310999", "/enterprises/?district=310999"),
    ("planner", "/land/freed/export.csv?district=310999", "/land/freed?district=310999"),
    ("planner", "/land/parcels/export?format=csv&district=310999", "/land/parcels?district=310999"),
])
def test_a_download_refuses_a_district_code_no_district_has(client, login, districts, role, url, back):
    login(role)
    problems, link = refusal(client.get(url))
    assert problems == ["district：没有代码为 310999 的区"] and link == back


@pytest.mark.parametrize("role, url, said", [
    ("planner", "/land/parcels?status=gone", "未知取值“gone”"),
    ("admin", "/audit?action=gone", "未知取值“gone”"),
    ("admin", "/search?q=x&kind=gone", "未知取值“gone”"),
    ("planner", "/land/parcels?district=310999", "没有代码为 310999 的区"),
])
def test_every_page_that_says_a_value_of_its_address_it_cannot_use_answers_200(client, login, districts, role, url, said):
    """The parcel list, the audit trail and the search answered 422, the other pages 200."""
    login(role)
    response = client.get(url)
    assert response.status_code == 200 and said in markup.unescape(response.get_data(as_text=True))
