"""The enterprise directory on PostGIS (services/enterprise_directory.py,
repositories/enterprise_directory.py): its filters, the projects each reader may read counted, its
orders and pages."""
from __future__ import annotations

import pytest

from registry.repositories import enterprise_directory as repo
from registry.services.enterprise_directory import EnterpriseFilter, list_enterprises
from tests.integration.directory_data import BING, DING, JIA, NAMES, YI, seed_directory
from tests.integration.plans import plan_without_table_scans
from tests.integration.project_data import MINHANG, PUDONG, REVIEWER

pytestmark = pytest.mark.usefixtures("districts")
OURS = "名录"  # in every name of directory_data's enterprises, and in none other


@pytest.fixture
def ids(session):
    return seed_directory(session)


def listed(session, actor, **filters) -> list[tuple]:
    """(name, projects, latest year) of the page's rows, in its order."""
    page = list_enterprises(session, actor, EnterpriseFilter(**({"text": OURS} | filters)))
    return [(row.name, row.projects, row.latest_year) for row in page.items]


def names(session, actor, **filters) -> list[str]:
    return [name for name, _, _ in listed(session, actor, **filters)]


def test_the_text_is_found_in_names_and_credit_codes_as_the_search_box_finds_it(session, ids):
    assert names(session, REVIEWER, text="名录甲") == [NAMES[JIA]]
    assert names(session, REVIEWER, text=YI[10:17].lower()) == [NAMES[YI]]  # anywhere in the code, case aside
    assert names(session, REVIEWER, text="ＭＡ１ＫＤ０００３") == [NAMES[BING]]  # full-width, as typed in Chinese
    assert names(session, REVIEWER, text="  名录  ") == [NAMES[DING], NAMES[BING], NAMES[JIA], NAMES[YI]]
    assert names(session, REVIEWER, text="100%") == []  # % is itself


def test_district_and_industry_prefix_narrow_the_list(session, ids):
    assert names(session, REVIEWER, district_code="310115") == [NAMES[BING], NAMES[JIA]]
    assert names(session, REVIEWER, industry="C") == [NAMES[DING], NAMES[JIA]]  # the section: 制造业
    assert names(session, REVIEWER, industry="C26") == [NAMES[JIA]]  # a division
    assert names(session, REVIEWER, industry="D441") == [NAMES[YI]]
    assert names(session, REVIEWER, industry="C", district_code="310112") == [NAMES[DING]]


def test_each_reader_counts_the_projects_they_may_read(session, ids):
    # by name in code-point order: 上海名录丁 (丁 U+4E01), 丙 (U+4E19), 甲 (U+7532), then 名录乙 (名 U+540D)
    assert listed(session, REVIEWER) == [
        (NAMES[DING], 1, 2017), (NAMES[BING], 0, None), (NAMES[JIA], 2, 2015), (NAMES[YI], 2, 2016)]
    # Pudong's staff: their own draft, Minhang's approved project (2014) but not its drafts
    assert listed(session, PUDONG) == [
        (NAMES[DING], 0, None), (NAMES[BING], 0, None), (NAMES[JIA], 2, 2015), (NAMES[YI], 1, 2014)]
    assert listed(session, MINHANG) == [
        (NAMES[DING], 1, 2017), (NAMES[BING], 0, None), (NAMES[JIA], 1, 2015), (NAMES[YI], 2, 2016)]


def test_with_and_without_projects_count_only_what_the_reader_may_read(session, ids):
    assert names(session, REVIEWER, with_projects=True) == [NAMES[DING], NAMES[JIA], NAMES[YI]]
    assert names(session, REVIEWER, with_projects=False) == [NAMES[BING]]
    # 丁's one project is a Minhang draft: to Pudong's staff it has none
    assert names(session, PUDONG, with_projects=True) == [NAMES[JIA], NAMES[YI]]
    assert names(session, PUDONG, with_projects=False) == [NAMES[DING], NAMES[BING]]


def test_the_list_sorts_by_each_column_either_way_ties_by_name(session, ids):
    assert names(session, REVIEWER, sort="name", descending=True) == [NAMES[YI], NAMES[JIA], NAMES[BING], NAMES[DING]]
    assert names(session, REVIEWER, sort="credit_code") == [NAMES[YI], NAMES[DING], NAMES[JIA], NAMES[BING]]
    assert names(session, REVIEWER, sort="district") == [NAMES[DING], NAMES[YI], NAMES[BING], NAMES[JIA]]
    # counted as the reader counts: ties by name, none last
    assert names(session, REVIEWER, sort="projects", descending=True) == [NAMES[JIA], NAMES[YI], NAMES[DING], NAMES[BING]]
    assert names(session, PUDONG, sort="projects", descending=True) == [NAMES[JIA], NAMES[YI], NAMES[DING], NAMES[BING]]
    assert names(session, PUDONG, sort="projects") == [NAMES[DING], NAMES[BING], NAMES[YI], NAMES[JIA]]
    assert names(session, REVIEWER, sort="latest_year", descending=True) == [NAMES[DING], NAMES[YI], NAMES[JIA], NAMES[BING]]
    assert names(session, PUDONG, sort="latest_year") == [NAMES[YI], NAMES[JIA], NAMES[DING], NAMES[BING]]


@pytest.mark.parametrize("sort", ["name", "projects"])
def test_pages_cut_the_whole_order_and_a_page_beyond_the_last_reads_no_rows(session, ids, sort):
    every = names(session, REVIEWER, sort=sort, descending=True)
    second = list_enterprises(session, REVIEWER, EnterpriseFilter(text=OURS, sort=sort, descending=True, page=2,
                                                                  page_size=3))
    assert [row.name for row in second.items] == every[3:] and (second.total, second.pages) == (4, 2)
    beyond = list_enterprises(session, REVIEWER, EnterpriseFilter(text=OURS, page=3, page_size=3))
    assert beyond.items == [] and beyond.total == 4


@pytest.mark.parametrize("sort, with_projects", [("projects", None), ("latest_year", None), ("name", False)])
def test_district_staffs_counts_read_the_projects_index_not_their_rows(session, ids, sort, with_projects):
    # migration 0032: the enterprise, the year and what visible_projects asks, without a project's row
    chosen = repo.DirectoryFilter(None, None, None, with_projects, PUDONG.district_code)
    plan = plan_without_table_scans(session, repo.page_statement(chosen, sort, True, 25, 0))
    assert "Index Only Scan using ix_projects_enterprise_readable on projects" in plan, plan
