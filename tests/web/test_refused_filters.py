"""A filter typed by hand into an address: an unknown zone kind is refused naming the choices by
their labels (with the code the address takes), and a list's download link with a bad filter is
answered as a page in the reader's language that leads back to the list — not a bare refusal, nor
the API's problem+json behind the freed land's download links."""
from __future__ import annotations

import re

import pytest

from tests.web.page_text import refusal, said_above_the_list, text_of

ZONE_KINDS_SAID = ("开发区（development_zone）、104产业区块（block_104）、195区域（region_195）、198区域（region_198）、"
                   "其他（other）")


@pytest.fixture
def planner(login):
    return login("planner")


@pytest.mark.parametrize("url", ["/land/freed?zone_kind=block_105", "/land/parcels?zone_kind=block_105",
                                 "/land/matching?min_area=1&zone_kind=block_105"])
def test_an_unknown_zone_kind_names_the_choices_by_their_labels(client, ids, planner, url):
    html = client.get(url).get_data(as_text=True)
    said = [text_of(m) for m in re.findall(r'<(?:p|li) class="field-error"[^>]*>(.*?)</(?:p|li)>', html, re.S)]
    said += [text_of(m) for m in re.findall(r'<ul class="field-errors"[^>]*>(.*?)</ul>', html, re.S)]
    assert any(f"未知取值“block_105”（可选：{ZONE_KINDS_SAID}）" in text for text in said), said


def test_the_api_names_the_zone_kinds_by_their_labels_in_the_readers_language(client, ids, planner):
    answer = client.get("/api/v1/land/freed?zone_kind=block_105&lang=en").get_json()
    assert answer["errors"]["zone_kind"] == (
        "unknown value “block_105” (allowed: Development zone (development_zone), 104 industrial block (block_104), "
        "195 region (region_195), 198 region (region_198), Other (other))")


def test_the_project_lists_download_with_a_year_that_is_none_leads_back_to_the_list(client, project_url):
    problems, back = refusal(client.get("/projects/export?format=xlsx&year=2O23&kind=motor_upgrade"))
    assert problems == ["year：必须是数字，实际为“2O23”"]  # once: it was said by the parameter and by the form's label
    assert back == "/projects?year=2O23&kind=motor_upgrade"
    listed = client.get(back).get_data(as_text=True)
    assert '<p class="field-error" role="alert" id="year-error">必须是数字，实际为“2O23”</p>' in listed


def test_the_freed_lands_download_with_a_bad_filter_is_a_page_not_the_apis_json(client, ids, planner):
    problems, back = refusal(client.get("/land/freed/export.xlsx?year_from=2O23&zone_kind=block_105"))
    assert problems == ["year_from：必须是数字，实际为“2O23”", f"zone_kind：未知取值“block_105”（可选：{ZONE_KINDS_SAID}）"]
    assert back == "/land/freed?year_from=2O23&zone_kind=block_105"
    api = client.get("/api/v1/land/freed/export.xlsx?year_from=2O23")  # scripts keep the API's answer
    assert api.status_code == 422 and api.mimetype == "application/problem+json"


def test_the_freed_lands_page_downloads_from_its_own_address(client, ids, planner):
    html = client.get("/land/freed?year_from=2013").get_data(as_text=True)
    assert '<a href="/land/freed/export.xlsx?year_from=2013">Excel</a>' in html
    download = client.get("/land/freed/export.csv?year_from=2013")
    assert download.status_code == 200 and download.headers["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("url, back", [("/land/parcels/export?format=csv&status=gone", "/land/parcels?status=gone"),
                                       ("/land/output/export?format=csv&year=2O23", "/land/output?year=2O23")])
def test_other_downloads_of_lists_lead_back_to_their_list(client, ids, planner, url, back):
    assert refusal(client.get(url))[1] == back


def test_the_project_list_says_an_unknown_kind_or_status_and_lists_without_it(client, project_url):
    """They were passed to the query as given: 共 0 项, and not a word of why."""
    response = client.get("/projects?kind=boilers&status=gone&q=电机")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    said = said_above_the_list(html)
    assert said[0].startswith("kind：未知取值“boilers”（可选：产业结构调整（淘汰落后产能）（structural_adjustment）、")
    assert "高效电机推广（motor_upgrade）" in said[0]
    assert said[1].startswith("status：未知取值“gone”（可选：草稿（draft）、")
    assert "共 1 项" in html and "电机改造" in html  # every kind and status, the text still applied
    downloads = re.findall(r'href="(/projects/export\?[^"]*)"', html)
    assert downloads and not any("kind=" in href or "status=" in href for href in downloads)
    english = client.get("/projects?kind=boilers&lang=en").get_data(as_text=True)
    assert said_above_the_list(english)[0].startswith("kind: unknown value “boilers” (allowed: ")


def test_the_project_list_says_every_other_value_it_cannot_use(client, project_url):
    html = client.get("/projects?district=999999&sort=height&dir=up&check=none&overdue=maybe&page=x&page_size=7"
                      ).get_data(as_text=True)
    said = {line.split("：", 1)[0]: line.split("：", 1)[1] for line in said_above_the_list(html)}
    assert said == {"district": "没有代码为 999999 的区", "sort": said["sort"], "dir": "未知取值“up”（可选：desc、asc）",
                    "check": said["check"], "overdue": "只能是 1（仅逾期未完成的项目）或 0", "page": "必须是整数，实际为“x”",
                    "page_size": "未知取值“7”（可选：25、50、100、200）"}
    assert said["sort"].startswith("未知取值“height”") and said["check"].startswith("未知取值“none”")
    assert "共 1 项" in html
    assert said_above_the_list(client.get("/projects?kind=motor_upgrade&page_size=50").get_data(as_text=True)) == []


@pytest.mark.parametrize("role, url, said, shown", [
    # a link's year the page cannot use: the page of the year it opens on, not the error page of a form
    ("admin", "/targets?year=abc", ["year：必须是数字，实际为“abc”"], "年目标"),
    ("admin", "/targets?year=1800&change=x", ["year：必须是 2000 至 2100 之间的年份", "change：必须是整数，实际为“x”"], "年目标"),
    ("planner", "/land/output?year=abc", ["year：必须是数字，实际为“abc”"], "土地产出"),
    ("planner", "/land/output?year=2O23&level=block&sort=height",
     ["level：未知取值“block”（可选：district、development_zone、zone、parcel）",
      "sort：未知取值“height”（可选：name、parcels、output_wan_yuan、area_km2、output、previous、change、change_percent）",
      "year：必须是数字，实际为“2O23”"], "土地产出"),
])
def test_a_page_whose_values_arrive_by_link_says_the_one_it_cannot_use(client, login, role, url, said, shown):
    """They answered the generic 422 page (输入有误, "year: 必须是整数") with a link to the overview."""
    login(role)
    response = client.get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and shown in html
    assert sorted(said_above_the_list(html)) == sorted(said)
    english = said_above_the_list(client.get(url + "&lang=en").get_data(as_text=True))
    assert english and english[0].split(":")[0] in {line.split("：")[0] for line in said}  # by its parameter
    assert said_above_the_list(client.get(url.split("?")[0]).get_data(as_text=True)) == []


def test_the_land_outputs_download_still_refuses_a_value_its_page_says(client, ids, planner):
    problems, back = refusal(client.get("/land/output/export?format=csv&level=block"))
    assert problems == ["level：未知取值“block”（可选：district、development_zone、zone、parcel）"]
    assert back == "/land/output?level=block"


def test_the_enterprise_directory_says_what_its_address_gives_that_it_cannot_use(client, project_url):
    """Passed over without a word: an unknown order showed the directory by name, a district that is
    no code showed no enterprise — what its download (422) and the API refuse."""
    html = client.get("/enterprises/?district=pudong&sort=height&projects=some&page_size=7&q=测试").get_data(as_text=True)
    said = {line.split("：", 1)[0] for line in said_above_the_list(html)}
    assert said == {"district", "sort", "projects", "page_size"}
    assert "上海测试电机有限公司" in html  # every district, by name; the text still applied
    assert said_above_the_list(client.get("/enterprises/?sort=name&page_size=50").get_data(as_text=True)) == []
