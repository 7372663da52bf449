"""The project form and the API body are read by one parser: fields the database could not store
are refused up front, naming the field, instead of failing deep in a service (a lost form)."""
from __future__ import annotations

import json

import pytest

from registry.domain.errors import ValidationError
from registry.services.projects.parsing import parse_draft

SQUARE = {"type": "Polygon", "coordinates": [[[121.6, 31.2], [121.601, 31.2], [121.601, 31.201], [121.6, 31.2]]]}
MOTORS = {"kind": "motor_upgrade", "year": 2013, "motors": []}


def form(**overrides) -> dict:
    values = {"kind": "motor_upgrade", "year": "2013", "title": "电机改造", "district_code": "310115",
              "credit_code": "91310115MA1K000020", "inputs": json.dumps(MOTORS), "parcel_ids": "",
              "new_parcels": json.dumps([{"type": "Feature", "geometry": SQUARE, "properties": {}}])}
    return values | overrides


def errors_of(data: dict) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        parse_draft(data)
    return {e.field: e.render() for e in info.value.field_errors}


def test_a_parcel_id_beyond_bigint_is_refused():
    assert errors_of(form(parcel_ids="12 99999999999999999999")) == {
        "parcel_ids": "“99999999999999999999” is not a parcel id"}
    assert "parcel_ids" in errors_of(form(parcel_ids="0"))
    assert parse_draft(form(parcel_ids=f"{2**63 - 1}")).parcel_ids == (2**63 - 1,)


def test_money_beyond_any_project_is_refused():
    assert errors_of(form(investment_wan_yuan="1e999999")) == {
        "investment_wan_yuan": "must be at most 1,000,000,000,000, got “1e999999”"}
    assert parse_draft(form(investment_wan_yuan="1,000,000,000,000")).investment_wan_yuan == 10**12
    assert errors_of(form(output_value_wan_yuan="1000000000000.01")) == {
        "output_value_wan_yuan": "must be at most 1,000,000,000,000, got “1000000000000.01”"}
    assert errors_of(form(subsidy_requested_wan_yuan="1." + "0" * 40)) == {
        "subsidy_requested_wan_yuan": "must have at most 34 digits"}  # numeric would not keep it as given


def test_overlap_reason_must_be_text_of_at_most_1000_characters():
    def parcels(reason):
        return json.dumps([{"type": "Feature", "geometry": SQUARE, "properties": {"overlap_reason": reason}}])

    assert errors_of(form(new_parcels=parcels({"a": 1}))) == {"new_parcels[0].overlap_reason": "must be text"}
    assert errors_of(form(new_parcels=parcels("x" * 1001))) == {
        "new_parcels[0].overlap_reason": "must be at most 1000 characters"}
    assert parse_draft(form(new_parcels=parcels("shared yard"))).new_parcels[0].overlap_reason == "shared yard"


def test_json_fields_refuse_nul_surrogates_and_deep_nesting():
    nul = json.dumps([{"geometry": SQUARE, "overlap_reason": "a\u0000b"}])
    assert errors_of(form(new_parcels=nul)) == {
        "new_parcels[0].overlap_reason": "must not contain the NUL character (U+0000)"}
    assert "U+D800" in errors_of(form(inputs='{"kind": "\\ud800"}'))["inputs.kind"]
    assert errors_of(form(inputs='{"a":' * 50000 + "1" + "}" * 50000)) == {
        "inputs": "malformed JSON: nested more than 64 levels deep"}
    assert errors_of(form(inputs="{not json")) == {"inputs": "malformed JSON at line 1, column 2"}


def test_api_values_are_checked_too():
    body = form(inputs=dict(MOTORS, note="x\ud800"), new_parcels=[{"geometry": SQUARE}])
    assert "inputs.note" in errors_of(body)


@pytest.mark.parametrize("typed", ["12,5", "1,20", "1,2000", ",125", "12,,500"])
def test_money_with_a_comma_that_groups_no_thousands_is_refused_not_read_without_it(typed):
    # "12,5" (a decimal comma, or a slip) was once stored as 125 万元
    assert errors_of(form(subsidy_requested_wan_yuan=typed)) == {
        "subsidy_requested_wan_yuan": f"must be a number, got “{typed}”"}


@pytest.mark.parametrize(("typed", "amount"), [("1,200.5", "1200.5"), ("12,500", "12500"), ("1,234,567", "1234567"),
                                               ("１，２００", "1200"), ("125", "125")])
def test_money_grouped_in_thousands_is_read_without_the_separators(typed, amount):
    from decimal import Decimal

    assert parse_draft(form(subsidy_requested_wan_yuan=typed)).subsidy_requested_wan_yuan == Decimal(amount)


def test_a_missing_year_is_required_not_a_whole_number_to_correct():
    assert errors_of(form(year=" ")) == {"year": "is required"}
    assert errors_of(form(year="2017.5")) == {"year": "must be a whole number, got “2017.5”"}


@pytest.mark.parametrize("typed", ["12e", "1,2,3", "abc", "二〇一七"])
def test_a_year_that_is_no_number_is_said_to_be_none_as_the_savings_document_says(typed):
    """The wizard's year was an <input type=number>, posted empty for "12e": 为必填项. Typed as text
    now, it is refused as the preview refuses the document's year: 必须是数字，实际为“12e”。"""
    assert errors_of(form(year=typed)) == {"year": f"must be a number, got “{typed}”"}
