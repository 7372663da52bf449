"""The data-quality checks on a real PostGIS (domain/quality.py, repositories/quality.py): each
check's count on crafted records, for each reader and district, and the same number on the list its
link opens — the project list, the enterprise directory, the parcel list."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from registry.domain.errors import ValidationError
from registry.domain.parcel_list import parse_parcel_query
from registry.domain.quality import CHECKS, ENTERPRISES, PARCELS, PROJECTS
from registry.services import enterprise_directory, parcel_list, project_exports, quality
from registry.services import projects as svc
from registry.services.projects.filters import parse_project_filter
from tests.integration.project_data import MINHANG, PLANNER, PUDONG, REVIEWER, draft
from tests.integration.search_data import credit_code
from tests.integration.quality_data import (
    MINHANG_STAFF, PUDONG_STAFF, REVIEWER_CITY, REVIEWER_MINHANG, seed_quality,
)

pytestmark = pytest.mark.usefixtures("districts")
READERS = [(REVIEWER, None, REVIEWER_CITY), (PLANNER, None, REVIEWER_CITY), (PUDONG, None, PUDONG_STAFF),
           (MINHANG, None, MINHANG_STAFF), (REVIEWER, "310112", REVIEWER_MINHANG),
           # district staff check their own district's records, whichever they ask for
           (PUDONG, "310112", PUDONG_STAFF)]


def counts(session, actor, district=None) -> dict[str, int]:
    return {r.check.id: r.failing for r in quality.quality_report(session, actor, district).results}


def listed(session, actor, result: quality.CheckResult) -> int:
    """How many records the list of the check's link finds for ``actor`` (its "N found")."""
    params = dict(result.link)
    if result.check.records == PROJECTS:
        return svc.count_projects(session, actor, parse_project_filter(params))
    if result.check.records == ENTERPRISES:
        filters = enterprise_directory.EnterpriseFilter(district_code=params.get("district"), check=params["check"])
        return enterprise_directory.list_enterprises(session, actor, filters).total
    assert result.check.records == PARCELS
    query = parse_parcel_query({name: [value] for name, value in params.items()})
    return parcel_list.list_parcels(session, actor, query).totals.count


def test_an_empty_registry_fails_no_check(session):
    assert counts(session, REVIEWER) == {check.id: 0 for check in CHECKS}


@pytest.mark.parametrize("actor, district, expected", READERS,
                         ids=["reviewer", "planner", "pudong", "minhang", "reviewer-minhang", "pudong-asks-minhang"])
def test_each_reader_counts_the_records_of_their_scope_they_may_read(session, actor, district, expected):
    seed_quality(session)
    assert counts(session, actor, district) == expected


@pytest.mark.parametrize("actor, district", [(r[0], r[1]) for r in READERS[:5]])
def test_each_count_is_what_its_linked_list_finds(session, actor, district):
    seed_quality(session)
    report = quality.quality_report(session, actor, district)
    assert {r.check.id: listed(session, actor, r) for r in report.results} == {r.check.id: r.failing
                                                                              for r in report.results}


def test_the_links_carry_the_district_checked(session):
    seed_quality(session)
    links = {r.check.id: r.link for r in quality.quality_report(session, PUDONG).results}
    assert links["possible_duplicates"] == (("check", "possible_duplicates"), ("district", "310115"))
    assert links["parcel_without_project"] == (("project", "without"), ("district", "310115"))
    city = {r.check.id: r.link for r in quality.quality_report(session, REVIEWER).results}
    assert city["enterprise_without_address"] == (("check", "enterprise_without_address"),)


def test_the_project_lists_possible_duplicates_are_the_projects_it_marks(session):
    """The list's filter (set-based, repositories/project_checks.py) and its marks (``with_lookalikes``,
    one probe per row) are two spellings of one rule: for every reader, the same projects."""
    seed_quality(session)
    for actor in (REVIEWER, PUDONG, MINHANG):
        every = svc.list_projects(session, actor, svc.ProjectFilter(page_size=200)).items
        flagged = svc.list_projects(session, actor, svc.ProjectFilter(check="possible_duplicates", page_size=200)).items
        assert {p.id for p in flagged} == svc.marked_as_lookalikes(session, actor, [p.id for p in every]), actor.username


def test_the_project_lists_download_holds_the_projects_failing_the_check_and_says_so(session):
    seed_quality(session)
    out = io.BytesIO()
    filters = parse_project_filter({"check": "possible_duplicates", "district": "310112"})
    written = project_exports.export_projects(session, REVIEWER, filters, "xlsx", out, lambda msgid: msgid)
    assert written.count == REVIEWER_MINHANG["possible_duplicates"]
    about = load_workbook(io.BytesIO(out.getvalue()), read_only=True).worksheets[-1]
    assert ("Data-quality check", "Projects that may be registered twice") in [tuple(r[:2]) for r in about.values]


def test_a_shared_parcel_of_the_same_year_makes_both_projects_possible_duplicates(session):
    first = svc.register_project(session, PUDONG, draft())
    other = svc.register_project(session, PUDONG, draft(credit_code=credit_code("91310115MA1KQ0009"), new_parcels=(),
                                                        enterprise_name="上海另一电机有限公司",
                                                        parcel_ids=(first.parcels[0].id,)))
    flagged = svc.list_projects(session, REVIEWER, svc.ProjectFilter(check="possible_duplicates")).items
    assert {p.id for p in flagged} == {first.id, other.id}
    assert counts(session, REVIEWER)["possible_duplicates"] == 2


def test_a_project_check_the_list_does_not_know_is_refused_naming_it(session):
    with pytest.raises(ValidationError) as refused:
        svc.list_projects(session, REVIEWER, svc.ProjectFilter(check="parcel_without_project"))
    assert refused.value.field_errors[0].field == "check"
    with pytest.raises(ValidationError):
        enterprise_directory.list_enterprises(session, REVIEWER,
                                              enterprise_directory.EnterpriseFilter(check="possible_duplicates"))


def test_a_malformed_district_is_refused_for_the_city_roles(session):
    with pytest.raises(ValidationError) as refused:
        quality.quality_report(session, REVIEWER, "31011")
    assert refused.value.field_errors[0].field == "district"
