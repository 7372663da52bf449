"""The OpenAPI document states the domain's bounds on the numbers it documents — the same
constants the server applies — while the check, and its message, stay the domain's."""
from __future__ import annotations

import pytest

from registry.domain.land import MAX_PARCEL_M2, MIN_PARCEL_M2
from registry.domain.numbers import MAX_MAGNITUDE, MAX_MONEY_WAN_YUAN

MONEY_IN = ("investment_wan_yuan", "subsidy_requested_wan_yuan", "output_value_wan_yuan")
MONEY_OUT = (*MONEY_IN, "subsidy_approved_wan_yuan")


@pytest.fixture
def schemas(client, pudong) -> dict:
    return client.get("/api/v1/openapi.json", headers=pudong).get_json()["components"]["schemas"]


def _range(prop: dict) -> tuple:
    return prop.get("minimum"), prop.get("maximum"), prop.get("exclusiveMaximum", False)


@pytest.mark.parametrize("schema, fields", [("ProjectBody", MONEY_IN), ("NewProjectBody", MONEY_IN),
                                            ("CorrectionBody", MONEY_OUT), ("ProjectOut", MONEY_OUT),
                                            ("TransitionBody", ("subsidy_approved_wan_yuan",))])
def test_money_fields_carry_the_bound_of_money(schemas, schema, fields):
    for name in fields:
        assert _range(schemas[schema]["properties"][name]) == (0, MAX_MONEY_WAN_YUAN, False), name


def test_target_values_carry_the_bound_of_every_other_number(schemas):
    for name in ("value", "value_max"):
        assert _range(schemas["TargetOut"]["properties"][name]) == (0, MAX_MAGNITUDE, True), name


@pytest.mark.parametrize("schema", ["NewParcelBody", "GeometryCheckBody"])
def test_a_parcel_geometry_states_the_plausible_area(schemas, schema):
    area = schemas[schema]["properties"]["geometry"]["x-area-m2"]
    assert (area["minimum"], area["maximum"]) == (MIN_PARCEL_M2, MAX_PARCEL_M2)


def test_above_the_documented_maximum_the_domain_refuses_with_its_own_message(client, schemas, pudong,
                                                                               project_body):
    """The bound is documented, not enforced by marshmallow: its generic message would win otherwise."""
    above = schemas["ProjectBody"]["properties"]["investment_wan_yuan"]["maximum"] + 0.5
    response = client.post("/api/v1/projects", json=project_body | {"investment_wan_yuan": above},
                           headers=pudong | {"Accept-Language": "en"})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert response.get_json()["errors"] == {"investment_wan_yuan": "must be at most 1,000,000,000,000, "
                                                                    "got “1000000000000.5”"}
    chinese = client.post("/api/v1/projects", json=project_body | {"investment_wan_yuan": -0.5}, headers=pudong)
    assert chinese.get_json()["errors"] == {"investment_wan_yuan": "不能为负数，实际为“-0.5”"}
