"""The project list, the enterprise directory and the freed-land page look a filter's district up once
a view: each page checked the code (to say one no district has) and its service checked it again;
district staff's list and directory, which open on their own district, looked it up twice a view."""
from __future__ import annotations

import pytest

from tests.web.page_text import said_above_the_list

pytestmark = pytest.mark.usefixtures("districts")


def _district_lookups(statements) -> list[str]:
    """The statements that look district codes up (``district_filter``'s check)."""
    return [s for s, _ in statements if "FROM districts WHERE districts.code IN" in s]


@pytest.mark.parametrize("page", ["/projects", "/enterprises/"])
def test_district_staff_on_their_own_district_do_not_look_it_up(client, login, statements, page):
    """Their list and directory open on their district, which a foreign key holds: it was looked up
    twice a view, by the page and by its service."""
    login("district_staff", "310115")
    statements.clear()
    assert client.get(page).status_code == 200
    assert client.get(page + "?district=310115").status_code == 200
    assert _district_lookups(statements) == []


@pytest.mark.parametrize("page", ["/projects", "/enterprises/"])
@pytest.mark.parametrize("role, district", [("city_reviewer", None), ("district_staff", "310112")])
def test_a_list_filtered_by_another_district_looks_its_code_up_once(client, login, statements, page, role, district):
    """The page checked the code (to say one no district has) and its service checked it again."""
    login(role, district)
    statements.clear()
    response = client.get(page + "?district=310115")
    assert response.status_code == 200 and said_above_the_list(response.get_data(as_text=True)) == []
    assert len(_district_lookups(statements)) == 1


def test_the_freed_land_page_looks_its_districts_up_once(client, login, statements):
    login("planner")
    statements.clear()
    response = client.get("/land/freed?district=310115&district=310112")
    assert response.status_code == 200 and said_above_the_list(response.get_data(as_text=True)) == []
    assert len(_district_lookups(statements)) == 1


def test_the_freed_land_page_still_says_a_code_no_district_has(client, login, statements):
    login("planner")
    statements.clear()
    response = client.get("/land/freed?district=310999")
    assert response.status_code == 200 and "没有代码为 310999 的区" in response.get_data(as_text=True)
    assert len(_district_lookups(statements)) == 1
