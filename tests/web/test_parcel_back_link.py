"""A parcel's page leads back to the list it was opened from, as that list was filtered and sorted.
"返回腾出土地" led to the unfiltered freed land whatever the planner had chosen (a district, a zone kind,
an order), and said "freed land" to one who came from the parcel list."""
from __future__ import annotations

import re

import pytest


@pytest.fixture
def planner(login):
    return login("planner")


def back_link(client, url: str) -> tuple[str, str] | None:
    html = client.get(url).get_data(as_text=True)
    found = re.search(r'<p class="screen-only back-link"><a href="([^"]*)">([^<]*)</a>', html)
    return (found[1].replace("&amp;", "&"), found[2]) if found else None


def test_back_to_the_freed_land_as_it_was_filtered_and_sorted(client, ids, planner):
    listed = "/land/freed?zone_kind=development_zone&year_from=2014&sort=-area_m2"
    assert client.get(listed).status_code == 200
    assert back_link(client, f"/land/parcels/{ids['P1']}") == (listed, "返回腾出土地")
    # the planner's steps on the parcel page (a refused plan here) do not lose the way back
    client.post(f"/land/parcels/{ids['P1']}/plan", data={"new_use": "", "planned_on": ""})
    assert back_link(client, f"/land/parcels/{ids['P1']}") == (listed, "返回腾出土地")


def test_back_to_the_parcel_list_when_it_was_opened_from_there(client, ids, planner):
    listed = "/land/parcels?status=freed&sort=-area_m2&page_size=25"
    assert client.get(listed).status_code == 200
    assert back_link(client, f"/land/parcels/{ids['P1']}") == (listed, "返回地块清单")
    # a parcel in use is on the parcel list too
    assert back_link(client, f"/land/parcels/{ids['P5']}") == (listed, "返回地块清单")
    assert back_link(client, f"/land/parcels/{ids['P5']}?lang=en") == (listed, "Back to the parcel list")


def test_without_a_list_opened_before_freed_land_leads_to_all_of_it(client, ids, planner):
    assert back_link(client, f"/land/parcels/{ids['P1']}") == ("/land/freed", "返回腾出土地")
    assert back_link(client, f"/land/parcels/{ids['P5']}") is None  # never freed: not on that page
