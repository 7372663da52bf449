"""The data-quality checks' declarations (registry/domain/quality.py): each check is complete — a
name, a reason, a list that shows its records and a filter of that list that selects them — and
whose records the page checks."""
from __future__ import annotations

import pytest

from registry.domain.errors import ValidationError
from registry.domain.parcel_list import parse_parcel_query
from registry.domain.permissions import CITY_REVIEWER, DISTRICT_STAFF, Actor
from registry.domain.vocabulary import DOCUMENT_KINDS
from registry.domain.quality import (
    AUDIT_REPORT, CHECKS, ENTERPRISES, PARCELS, PROJECTS, RECORDS, checked_district, listed_check, listed_checks, require_listed_check,
)
from registry.repositories.enterprise_directory import ENTERPRISE_CHECKS
from registry.repositories.project_checks import PROJECT_CHECKS

PUDONG = Actor(None, "pudong", DISTRICT_STAFF, "310115")
MINHANG = Actor(None, "minhang", DISTRICT_STAFF, "310112")
REVIEWER, PLANNER = Actor(None, "reviewer", CITY_REVIEWER), Actor(None, "planner", "planner")


def test_every_check_has_an_id_a_name_a_reason_and_a_list():
    assert len({check.id for check in CHECKS}) == len(CHECKS)
    for check in CHECKS:
        assert check.id.isidentifier() and check.records in RECORDS, check
        assert check.label.strip() and check.why.strip() and check.label != check.why, check
        assert check.why.endswith("."), check  # one sentence


def test_every_check_of_projects_and_enterprises_has_its_lists_condition_and_no_condition_is_left_over():
    assert set(PROJECT_CHECKS) == set(listed_checks(PROJECTS))
    assert set(ENTERPRISE_CHECKS) == set(listed_checks(ENTERPRISES))
    assert listed_checks(PARCELS) == {}


def test_the_audit_report_is_a_kind_of_supporting_document():
    assert AUDIT_REPORT in DOCUMENT_KINDS and DOCUMENT_KINDS[AUDIT_REPORT] == "Energy-savings audit report"


def test_a_check_with_a_filter_of_its_own_links_with_it_the_others_with_check():
    by_id = {check.id: check for check in CHECKS}
    assert by_id["parcel_without_project"].link == (("project", "without"),)
    assert by_id["possible_duplicates"].link == (("check", "possible_duplicates"),)
    for check in CHECKS:
        if check.records == PARCELS:  # the parcel list reads them as its own parameters
            parse_parcel_query({name: [value] for name, value in check.link})


def test_a_list_takes_only_its_own_checks():
    assert listed_check(PROJECTS, "possible_duplicates") == "possible_duplicates"
    assert listed_check(PROJECTS, "enterprise_without_address") is None
    assert listed_check(ENTERPRISES, "enterprise_without_address") == "enterprise_without_address"
    assert listed_check(PARCELS, "parcel_without_project") is None  # the parcel list's own project=without
    assert require_listed_check(PROJECTS, None) is None
    with pytest.raises(ValidationError) as refused:
        require_listed_check(ENTERPRISES, "exit_without_parcels")
    assert refused.value.field_errors[0].field == "check"


def test_district_staff_check_their_own_district_and_the_city_roles_the_city_or_the_one_they_choose():
    assert checked_district(PUDONG, None) == "310115"
    assert checked_district(PUDONG, "310112") == "310115"
    assert checked_district(MINHANG, "") == "310112"
    for actor in (REVIEWER, PLANNER):
        assert checked_district(actor, None) is None and checked_district(actor, "") is None
        assert checked_district(actor, "310112") == "310112"
    for bad in ("31011", "3101150", "abcdef", "３１０１１５"):
        with pytest.raises(ValidationError):
            checked_district(REVIEWER, bad)
