"""A sorted list stays sorted when its filters change: each sortable list's filter form carries the
order its column head chose as hidden fields (templates/_filter_form.html ``kept_order``), none while
the list is in its own order; 重置 is the bare list, and the form never sends a page. The browser
test of the same on the project list is tests/browser/test_filter_rows.py's."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.usefixtures("ids")  # the land test map, its two districts too

# each sortable list: its address, its form's opening tag (a part of it), a sort as its head links write it
LISTS = {
    "projects": ("/projects", '<form class="filters project-filters"', "sort=year&dir=asc"),
    "enterprises": ("/enterprises/", '<form class="filters"', "sort=projects&dir=desc"),
    "parcels": ("/land/parcels", '<form class="land-filters parcel-filters"', "sort=-area_m2"),
    "freed land": ("/land/freed", 'id="freed-form"', "sort=-area_m2"),
}


def filter_form(html: str, opening: str) -> str:
    start = html.index(opening)
    return html[start:html.index("</form>", start)]


def kept(form: str) -> list[tuple[str, str]]:
    """The order the form sends back: its hidden ``sort`` and ``dir`` fields, in order."""
    return re.findall(r'<input type="hidden" name="(sort|dir)" value="([^"]*)">', form)


def page_of(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


@pytest.mark.parametrize("name", LISTS)
def test_a_sorted_lists_filter_form_sends_its_order_back_and_no_page_and_an_unsorted_one_none(client, login, name):
    login("planner")
    address, opening, sort = LISTS[name]
    form = filter_form(page_of(client, f"{address}?{sort}"), opening)
    assert kept(form) == [tuple(pair.split("=")) for pair in sort.split("&")]
    assert 'name="page"' not in form and 'name="offset"' not in form  # a changed filter starts on page 1
    # in its own order (no sort in the address) the list has no order to keep
    assert kept(filter_form(page_of(client, f"{address}?page_size=50"), opening)) == []


def test_the_project_list_keeps_the_order_it_shows_and_resets_to_the_bare_list(client, login):
    login("city_reviewer")
    # a sort the list passes over shows the latest changes first: the form keeps that order
    form = filter_form(page_of(client, "/projects?sort=nonsense&kind=motor_upgrade"), "<form class=\"filters")
    assert kept(form) == [("sort", "updated"), ("dir", "desc")]
    sorted_form = filter_form(page_of(client, "/projects?sort=title&dir=asc&page_size=50"), "<form class=\"filters")
    assert '<a class="reset" href="/projects">重置</a>' in sorted_form  # the list as it opens, unsorted
    assert '<option value="50" selected>' in sorted_form  # 每页 is sent with the order it keeps


def test_the_enterprise_directory_keeps_its_direction_and_has_a_reset(client, login):
    login("planner")
    # the directory names its default direction by column: a first click on a name sorts A to Z
    form = filter_form(page_of(client, "/enterprises/?sort=credit_code"), '<form class="filters"')
    assert kept(form) == [("sort", "credit_code"), ("dir", "asc")]
    assert '<a class="reset" href="/enterprises/">重置</a>' in form


def test_a_refused_sort_of_the_parcel_list_is_not_sent_again(client, login):
    login("planner")
    html = page_of(client, "/land/parcels?sort=-nonsense&code=T")  # said above the list (200)
    assert kept(filter_form(html, '<form class="land-filters parcel-filters"')) == []
    # another field's problem leaves a good order kept
    html = page_of(client, "/land/parcels?sort=-area_m2&page_size=7")
    assert kept(filter_form(html, '<form class="land-filters parcel-filters"')) == [("sort", "-area_m2")]


def test_a_lone_direction_that_turns_a_lists_own_order_round_is_kept_with_its_default_column(client, login):
    login("city_reviewer")
    # the project list in its own column (the last update) the other way round: the oldest changes first
    assert kept(filter_form(page_of(client, "/projects?dir=asc&kind=motor_upgrade"), '<form class="filters')) == \
        [("sort", "updated"), ("dir", "asc")]
    assert kept(filter_form(page_of(client, "/projects?dir=desc"), '<form class="filters')) == []  # its own order
    # the directory's own order is by name, A to Z: a lone dir=desc lists Z to A
    assert kept(filter_form(page_of(client, "/enterprises/?dir=desc"), '<form class="filters"')) == [("sort", "name"), ("dir", "desc")]
    assert kept(filter_form(page_of(client, "/enterprises/?dir=asc"), '<form class="filters"')) == []


def page_size_sent(form: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="limit" value="([^"]*)">', form)


def test_the_freed_lands_form_keeps_a_page_size_typed_in_the_address(client, login):
    login("planner")
    # the page has no 每页 field: limit= (docs/freed-land.md) is sent back with the order, never the offset
    html = page_of(client, "/land/freed?limit=2&offset=2&sort=-area_m2")
    form = filter_form(html, 'id="freed-form"')
    assert page_size_sent(form) == ["2"] and kept(form) == [("sort", "-area_m2")]
    assert 'name="offset"' not in form
    assert "第 3–4 行" in html  # limit= is the page's size: the second page of two rows
    assert page_size_sent(filter_form(page_of(client, "/land/freed"), 'id="freed-form"')) == []
    # a size the page refuses is not sent again
    refused = client.get("/land/freed?limit=abc")
    assert page_size_sent(filter_form(refused.get_data(as_text=True), 'id="freed-form"')) == []
