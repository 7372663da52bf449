"""``registry load``: what a record refers to (a district, a zone kind, a metric, an enterprise, a
parcel) must exist — stored, or in the file itself. A reference to nothing is a validation error
naming the record and the field, found before anything is written (never a foreign-key error)."""
from __future__ import annotations

import pytest
from sqlalchemy import event, text

from registry.domain.errors import ValidationError
from registry.services.loading import load_dataset
from registry.services.records import parse_dataset
from tests.integration.test_loading import DISTRICT, document

TABLES = ("districts", "zones", "parcels", "enterprises", "projects", "project_parcels", "targets")
OTHER_CODE = "91310115MA1H000024"  # a valid credit code of no enterprise in the file


def _zone(**fields) -> dict:
    return {"kind": "development_zone", "name_zh": "测试园区", "name_en": "Test Park", "geometry": DISTRICT, **fields}


def _target(**fields) -> dict:
    return {"year": 2013, "metric": "projects_total", "value": 5, "unit": "项", **fields}


def _with(section: str, record: dict) -> dict:
    doc = document()
    doc[section] = [record]
    return doc


def _project(**fields) -> dict:
    doc = document()
    doc["projects"][0].update(fields)
    return doc


CASES = {
    "zone district": (_with("zones", _zone(district_code="999999")),
                      "zones[0] (测试园区).district_code: no district with code 999999"),
    "zone kind": (_with("zones", _zone(kind="free_trade_zone")),
                  "zones[0] (测试园区).kind: unknown value “free_trade_zone” (allowed: Development zone "
                  "(development_zone), 104 industrial block (block_104), 195 region (region_195), 198 region "
                  "(region_198), Other (other))"),
    "target district": (_with("targets", _target(scope="district", district_code="999999")),
                        "targets[0] (projects_total).district_code: no district with code 999999"),
    "target metric": (_with("targets", _target(metric="projects_in_total")),
                      "targets[0] (projects_in_total).metric: unknown value “projects_in_total” (allowed: "),
    "project enterprise": (_project(enterprise_credit_code=OTHER_CODE),
                           f"projects[0] (2013-310115-0001).enterprise_credit_code: no enterprise with credit code "
                           f"{OTHER_CODE}"),
    "project parcel": (_project(parcel_codes=["P-OK", "P-NONE"]),
                       "projects[0] (2013-310115-0001).parcel_codes: no parcel with code P-NONE"),
}


@pytest.fixture
def writes(connection) -> list[str]:
    """The INSERT, UPDATE and DELETE statements the test's connection runs."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            seen.append(statement)

    event.listen(connection, "before_cursor_execute", record)
    yield seen
    event.remove(connection, "before_cursor_execute", record)


def _counts(session) -> dict[str, int]:
    return {t: session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


@pytest.mark.parametrize("case", CASES)
def test_a_reference_to_nothing_is_refused_naming_record_and_field_before_any_write(session, writes, case):
    doc, expected = CASES[case]
    before = _counts(session)
    with pytest.raises(ValidationError) as info:
        load_dataset(session, parse_dataset(doc))
    assert info.value.render().startswith(expected)
    assert writes == [] and _counts(session) == before


def test_every_reference_to_nothing_is_reported_at_once(session):
    doc = _project(enterprise_credit_code=OTHER_CODE, parcel_codes=["P-NONE"])
    doc["zones"] = [_zone(district_code="999999")]
    doc["targets"] = [_target(scope="district", district_code="310199")]
    with pytest.raises(ValidationError) as info:
        load_dataset(session, parse_dataset(doc))
    assert [e.field for e in info.value.field_errors] == [
        "zones[0] (测试园区).district_code", "projects[0] (2013-310115-0001).enterprise_credit_code",
        "projects[0] (2013-310115-0001).parcel_codes", "targets[0] (projects_total).district_code"]


def test_references_to_records_stored_before_or_loaded_with_them_are_taken(session):
    doc = document()
    doc["zones"] = [_zone(district_code="310115")]
    doc["targets"] = [_target(scope="district", district_code="310115")]
    assert load_dataset(session, parse_dataset(doc)).inserted == {
        "districts": 1, "zones": 1, "parcels": 2, "enterprises": 1, "projects": 1, "targets": 1}
    again = document()
    del again["districts"], again["parcels"], again["enterprises"]  # stored now
    again["projects"][0]["reference"] = "2013-310115-0002"
    again["zones"] = [_zone(name_zh="测试园区二", district_code="310115")]
    again["targets"] = [_target(year=2014, scope="district", district_code="310115")]
    assert load_dataset(session, parse_dataset(again)).inserted == {
        "districts": 0, "zones": 1, "parcels": 0, "enterprises": 0, "projects": 1, "targets": 1}
