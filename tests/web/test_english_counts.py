"""A count of one in English is singular ("1 project", not "1 projects"): the leader's dashboard,
the projects behind it, the enterprise directory and the demand matching. Chinese has no plural."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.integration import rollup_data
from tests.integration.directory_data import NAMES, JIA, seed_directory
from tests.web.page_text import text_of


def test_the_dashboard_and_its_charts_say_1_project_without_an_equal_value(client, login, session):
    rollup_data.load(session)  # P10, a motor upgrade of 2013, has no equal value
    login("city_reviewer")
    english = client.get("/rollups?year=2013&lang=en").get_data(as_text=True)
    assert "1 project without an equal-value figure" in english  # the progress, the kinds, the districts, the chart's tooltip
    assert "1 projects" not in english
    chinese = client.get("/rollups?year=2013&lang=zh_Hans_CN").get_data(as_text=True)
    assert "其中 1 个项目缺等价值" in chinese


def test_the_projects_behind_a_rollup_count_1_project(client, login, session):
    rollup_data.load(session)
    login("city_reviewer")
    url = "/rollups/projects?year=2013&rule=verified&kind=contract_energy_management"  # P3 alone
    english = text_of(client.get(url + "&lang=en").get_data(as_text=True))
    assert " 1 project " in english and "1 projects" not in english
    assert " 1 个项目 " in text_of(client.get(url + "&lang=zh_Hans_CN").get_data(as_text=True))


@pytest.mark.usefixtures("districts")
def test_the_directory_counts_1_enterprise_found(client, login, session):
    seed_directory(session)
    login("city_reviewer")
    english = client.get(f"/enterprises/?q={NAMES[JIA]}&lang=en").get_data(as_text=True)
    assert '<small class="muted">1 enterprise found</small>' in english
    assert '<small class="muted">共 1 家</small>' in client.get(f"/enterprises/?q={NAMES[JIA]}&lang=zh_Hans_CN").get_data(as_text=True)


def test_one_parcel_meeting_a_demand_is_said_so(client, login, session, ids):
    login("planner")
    biggest = session.execute(text("SELECT max(area_m2) FROM parcels WHERE status = 'freed' AND valid_to IS NULL")).scalar_one()
    url = f"/land/matching?min_area={biggest}&area_unit=m2"
    english = text_of(client.get(url + "&lang=en").get_data(as_text=True))
    assert "1 parcel meets the demand." in english and "1 parcels" not in english
    assert "1 个地块满足需求。" in text_of(client.get(url + "&lang=zh_Hans_CN").get_data(as_text=True))


def test_the_download_of_1_project_says_so(client, login, session):
    rollup_data.load(session)
    login("city_reviewer")
    url = "/projects?kind=contract_energy_management&year=2013"  # P3 alone
    english = text_of(client.get(url + "&lang=en").get_data(as_text=True))
    assert "The export holds the 1 project that matches." in english and "all 1 projects" not in english
    assert "导出包含符合条件的 1 个项目。" in text_of(client.get(url + "&lang=zh_Hans_CN").get_data(as_text=True))


@pytest.mark.usefixtures("districts")
def test_the_download_of_1_enterprise_says_so(client, login, session):
    seed_directory(session)
    login("city_reviewer")
    english = text_of(client.get(f"/enterprises/?q={NAMES[JIA]}&lang=en").get_data(as_text=True))
    assert "The export holds the 1 enterprise that matches." in english and "all 1 enterprises" not in english


def test_the_download_of_1_parcel_says_so(client, login, ids):
    login("planner")
    english = text_of(client.get("/land/parcels?code=T-P1&lang=en").get_data(as_text=True))
    assert "The export holds the 1 parcel that matches." in english and "all 1 parcels" not in english
