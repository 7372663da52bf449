"""Loading a dataset: all or nothing, with errors that name the record and the field."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from registry.domain.errors import ValidationError
from registry.models import Enterprise, Parcel, Project
from registry.services.loading import load_dataset
from registry.services.records import parse_dataset

# A square of ~1 ha inside Pudong (310115), and a district square that contains it.
PUDONG_SQUARE = {"type": "Polygon", "coordinates": [[[121.60, 31.20], [121.601, 31.20], [121.601, 31.201], [121.60, 31.201], [121.60, 31.20]]]}
DISTRICT = {"type": "Polygon", "coordinates": [[[121.5, 31.1], [121.7, 31.1], [121.7, 31.3], [121.5, 31.3], [121.5, 31.1]]]}
BOW_TIE = {"type": "Polygon", "coordinates": [[[121.60, 31.20], [121.601, 31.201], [121.601, 31.20], [121.60, 31.201], [121.60, 31.20]]]}
FAR_AWAY = {"type": "Polygon", "coordinates": [[[116.40, 39.90], [116.401, 39.90], [116.401, 39.901], [116.40, 39.901], [116.40, 39.90]]]}
CODE = "91310115MA1H00001"


def valid_code() -> str:
    from registry.domain.credit_code import credit_code_check_char

    return CODE + credit_code_check_char(CODE)


def document(parcel_geometry=PUDONG_SQUARE, credit_code=None, investment=100.0, quantity=900):
    credit_code = credit_code or valid_code()
    return {
        "districts": [{"code": "310115", "name_zh": "浦东新区", "name_en": "Pudong", "geometry": DISTRICT}],
        "parcels": [
            {"type": "Feature", "geometry": PUDONG_SQUARE, "properties": {"code": "P-OK", "land_use_class": "M2"}},
            {"type": "Feature", "geometry": parcel_geometry, "properties": {"code": "P-2", "land_use_class": "M1"}},
        ],
        "enterprises": [{"credit_code": credit_code, "name": "上海测试化工有限公司", "industry_code": "C261"}],
        "projects": [{
            "reference": "2013-310115-0001", "title": "关停", "kind": "structural_adjustment", "year": 2013,
            "status": "verified", "enterprise_credit_code": credit_code, "district_code": "310115",
            "parcel_codes": ["P-OK"], "investment_wan_yuan": investment,
            "inputs": {"kind": "structural_adjustment", "year": 2013, "baseline_year": 2012,
                       "energy_use": [{"energy": "raw_coal", "quantity": quantity, "unit": "t"}]},
        }],
    }


def counts(session) -> tuple[int, int, int]:
    return tuple(session.execute(select(func.count()).select_from(m)).scalar_one() for m in (Parcel, Enterprise, Project))


def test_loads_a_valid_document_and_derives_district_area_and_savings(session):
    report = load_dataset(session, parse_dataset(document(parcel_geometry={
        "type": "Polygon", "coordinates": [[[121.61, 31.21], [121.611, 31.21], [121.611, 31.211], [121.61, 31.211], [121.61, 31.21]]]})))
    assert report.inserted["parcels"] == 2 and report.inserted["projects"] == 1
    parcel = session.scalars(select(Parcel).where(Parcel.code == "P-OK")).one()
    assert parcel.district_code == "310115"
    assert parcel.status == "freed"  # its structural-adjustment project is verified
    project = session.scalars(select(Project)).one()
    # 900 t raw coal × 0.7143 kgce/kg = 642.87 tce (prior-year consumption)
    assert project.savings_tce == Decimal("642.87")
    assert project.freed_land_m2 == parcel.area_m2


@pytest.mark.parametrize("kwargs, field_fragment", [
    ({"parcel_geometry": BOW_TIE}, "parcels[1] (P-2).geometry"),
    ({"credit_code": "91310115MA1H000010"}, "enterprises[0] (上海测试化工有限公司).credit_code"),
    ({"investment": -5}, "projects[0] (2013-310115-0001).investment_wan_yuan"),
    ({"quantity": -900}, "projects[0] (2013-310115-0001).inputs.energy_use[0].quantity"),
    ({"parcel_geometry": FAR_AWAY}, "parcels[1] (P-2).geometry"),
])
def test_a_bad_record_names_record_and_field_and_changes_nothing(session, kwargs, field_fragment):
    before = counts(session)
    with pytest.raises(ValidationError) as info:
        load_dataset(session, parse_dataset(document(**kwargs)))
    fields = [e.field for e in info.value.field_errors]
    assert any(field_fragment in f for f in fields), fields
    assert counts(session) == before


def test_invalid_geometry_message_explains_the_problem(session):
    """In the words and with the place the wizard gives, not GEOS's Self-intersection[…]."""
    with pytest.raises(ValidationError) as info:
        load_dataset(session, parse_dataset(document(parcel_geometry=BOW_TIE)))
    assert info.value.render() == ("parcels[1] (P-2).geometry: geometry is invalid: "
                                   "the boundary crosses itself at 121.6005 31.2005")


def test_parcel_outside_shanghai_is_refused_after_spatial_derivation(session):
    with pytest.raises(ValidationError) as info:
        load_dataset(session, parse_dataset(document(parcel_geometry=FAR_AWAY)))
    assert "outside every district" in info.value.render()
    assert session.execute(text("SELECT count(*) FROM parcels")).scalar_one() == 0


def test_malformed_json_is_a_validation_error():
    with pytest.raises(ValidationError) as info:
        parse_dataset(b"{not json")
    assert info.value.field_errors[0].field == "file"


def test_money_is_loaded_up_to_the_bound_of_the_project_form(session):
    other = {"type": "Polygon", "coordinates": [[[121.61, 31.21], [121.611, 31.21], [121.611, 31.211], [121.61, 31.211],
                                                 [121.61, 31.21]]]}
    before = counts(session)
    with pytest.raises(ValidationError) as info:
        load_dataset(session, parse_dataset(document(parcel_geometry=other, investment="1000000000000.01")))
    assert info.value.render() == ("projects[0] (2013-310115-0001).investment_wan_yuan: "
                                   "must be at most 1,000,000,000,000, got “1000000000000.01”")
    assert counts(session) == before
    load_dataset(session, parse_dataset(document(parcel_geometry=other, investment=10**12)))
    assert session.scalars(select(Project.investment_wan_yuan)).one() == 10**12


def test_an_enterprise_or_project_of_an_unregistered_district_is_refused_naming_the_record(session):
    """The rule of the project form and the workbook (``district_errors``), not a foreign-key error."""
    doc = document()
    doc["enterprises"][0]["district_code"] = "999999"
    doc["projects"][0]["district_code"] = "310199"
    before = counts(session)
    with pytest.raises(ValidationError) as info:
        load_dataset(session, parse_dataset(doc))
    assert info.value.render() == (
        "enterprises[0] (上海测试化工有限公司).district_code: no district with code 999999; "
        "projects[0] (2013-310115-0001).district_code: no district with code 310199")
    assert counts(session) == before and session.execute(text("SELECT count(*) FROM districts")).scalar_one() == 0


def test_a_district_stored_before_or_loaded_with_the_records_is_registered(session):
    load_dataset(session, parse_dataset({"districts": document()["districts"]}))
    doc = document()
    del doc["districts"]  # 310115 is stored now
    doc["enterprises"][0]["district_code"] = "310115"
    assert load_dataset(session, parse_dataset(doc)).inserted["enterprises"] == 1


def test_a_target_is_checked_by_the_rules_of_the_targets_page_before_anything_is_written(session):
    """Each of these once reached the INSERT: a CHECK, integer or numeric overflow."""
    doc = document()
    doc["targets"] = [
        {"year": 2013, "metric": "projects_total", "value": 5, "value_max": 3, "unit": "项"},
        {"year": 99999999999, "metric": "projects_total", "value": 5, "unit": "项"},
        {"year": 2013, "metric": "boilers_replaced", "value": "1e999999", "unit": "台"},
        {"year": 2013, "metric": "freed_land_km2", "value": 3, "unit": "亩"},
    ]
    before = counts(session)
    with pytest.raises(ValidationError) as info:
        load_dataset(session, parse_dataset(doc))
    assert info.value.render() == (
        "targets[0] (projects_total).value_max: must not be less than the value; "
        "targets[1] (projects_total).year: must be a year between 2000 and 2100; "
        "targets[2] (boilers_replaced).value: must be less than 1,000,000,000,000,000; "
        "targets[3] (freed_land_km2).unit: must be km², the unit of this metric, got “亩”")
    assert counts(session) == before


def test_a_target_repeated_in_the_file_is_loaded_once_as_other_repeated_keys_are(session):
    doc = document()
    doc["targets"] = [{"year": 2013, "metric": "projects_total", "value": v, "unit": "项"} for v in (5, 6)]
    report = load_dataset(session, parse_dataset(doc))
    assert (report.inserted["targets"], report.skipped["targets"]) == (1, 1)
    assert session.execute(text("SELECT value FROM targets")).scalar_one() == 5


def test_a_dataset_file_keeps_every_digit_of_its_numbers(session):
    # `registry load FILE.json` read numbers as floats: 1234567890.123456789 万元 became …0.1234568.
    from registry.domain.json_text import dump_json

    text = dump_json(document(investment=Decimal("1234567890.123456789"), quantity=Decimal("900.1")))
    load_dataset(session, parse_dataset(text.encode()))
    project = session.scalars(select(Project)).one()
    assert project.investment_wan_yuan == Decimal("1234567890.123456789")
    assert project.inputs["energy_use"][0]["quantity"] == Decimal("900.1")


def test_a_malformed_dataset_file_is_refused_with_its_place():
    with pytest.raises(ValidationError) as info:
        parse_dataset(b'{"projects": [1, 2,]}')
    assert info.value.field_errors[0].field == "file"
    assert info.value.render() == "file: malformed JSON at line 1, column 20"


def test_a_large_load_refreshes_the_statistics_of_what_it_wrote(session, monkeypatch):
    """The freed land and its parcels' status are joined to the projects just written: a load of many
    projects analyses them first (a synth of 20,000 projects spent minutes in a nested loop planned
    on the empty tables' statistics). Here "many" is one: the statistics then count this
    transaction's rows, which no earlier analysis could have seen."""
    from registry.repositories import project_loading

    monkeypatch.setattr(project_loading, "ANALYZE_FROM", 1)
    load_dataset(session, parse_dataset(document()))
    for table in ("projects", "project_parcels"):
        rows = session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        estimated = session.execute(text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table}).scalar_one()
        assert rows >= 1 and estimated == rows, (table, rows, estimated)
