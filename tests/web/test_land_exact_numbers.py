"""``/api/v1/land`` reads JSON numbers as exact decimals: money keeps every digit on its way in and
out, and a number beyond the domain's bound is refused by that bound, not read as infinity."""
from __future__ import annotations

import re

import pytest

from tests.web.api.test_exact_numbers import MONEY, post_raw


@pytest.fixture
def planner(login):
    return login("planner")


def post(client, url: str, body: dict, **numbers: str):
    return post_raw(client, url, body, {}, **numbers)


def says(response, field: str, number: str) -> bool:
    return re.search(rf'"{field}": ?{re.escape(number)}[,}}]', response.get_data(as_text=True)) is not None


def test_a_plan_and_its_completion_keep_every_digit_of_their_money(client, ids, planner):
    parcel = f"/api/v1/land/parcels/{ids['P1']}"
    planned = post(client, f"{parcel}/plan", {"new_use": "A35", "investment_wan_yuan": "@money",
                                              "expected_output_wan_yuan": "@money"}, money=MONEY)
    assert planned.status_code == 200, planned.get_data(as_text=True)
    completed = post(client, f"{parcel}/complete", {"actual_output_wan_yuan": "@money"}, money=MONEY)
    assert completed.status_code == 200, completed.get_data(as_text=True)
    read = client.get(parcel)
    for field in ("investment_wan_yuan", "expected_output_wan_yuan", "actual_output_wan_yuan"):
        assert says(read, field, MONEY), field


def test_an_output_value_keeps_every_digit(client, ids, planner):
    parcel = f"/api/v1/land/parcels/{ids['P7']}"
    recorded = post(client, f"{parcel}/outputs", {"year": 2017, "output_wan_yuan": "@money"}, money=MONEY)
    assert recorded.status_code == 200, recorded.get_data(as_text=True)
    assert says(recorded, "output_wan_yuan", MONEY) and says(client.get(parcel), "output_wan_yuan", MONEY)


def test_a_demand_beyond_the_bound_is_refused_by_the_bound(client, ids, planner):
    refused = post(client, "/api/v1/land/matching", {"min_area": "@area"}, area="1e400")
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"min_area": "必须小于 1,000,000,000,000,000"}  # not "got inf"
