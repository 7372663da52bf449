"""The parcel list (地块清单) on PostGIS: every live parcel, not only freed land; the freed-land
query's filters over all four statuses, the code's start, whether a project holds the parcel (only
projects the reader may read count), the sorts and the pages."""
from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import text

from registry.domain.errors import ValidationError
from registry.domain.parcel_list import parse_parcel_query
from registry.domain.permissions import Actor
from registry.repositories import parcel_list as parcel_list_repo
from registry.services import projects as svc
from registry.services.parcel_list import list_parcels
from tests.integration.land_data import A, B
from tests.integration.project_data import draft

REVIEWER = Actor(None, "reviewer", "city_reviewer")
STAFF_A = Actor(None, "a-staff", "district_staff", A)
STAFF_B = Actor(None, "b-staff", "district_staff", B)


def listed(session, ids, actor=REVIEWER, **args) -> list[str]:
    """The names (P1…P7) the list shows for ``args``, in its order."""
    names = {v: k for k, v in ids.items()}
    query = parse_parcel_query({k: [str(v)] for k, v in args.items()})
    return [names[item.parcel.id] for item in list_parcels(session, actor, query).rows]


@pytest.fixture
def project(session, ids):
    """A draft of district A holding P1 and P5 (in use): its reference."""
    view = svc.register_project(session, STAFF_A, draft(district_code=A, new_parcels=(), parcel_ids=(ids["P1"], ids["P5"])))
    return view


def test_every_live_parcel_is_listed_in_use_or_freed_by_code(session, ids):
    # the freed land leaves out P5 (in use); the list holds it, and leaves out P6 (end-dated) as well
    assert listed(session, ids) == ["P1", "P2", "P3", "P4", "P5", "P7"]


def test_the_status_filter_takes_all_four_statuses(session, ids):
    assert listed(session, ids, status="in_use") == ["P5"]
    assert listed(session, ids, status="in_use,redeveloped") == ["P5", "P7"]
    with pytest.raises(ValidationError):
        parse_parcel_query({"status": ["demolished"]})


def test_the_freed_land_filters_apply_to_parcels_in_use_too(session, ids):
    assert listed(session, ids, district=A) == ["P1", "P4", "P5", "P7"]
    assert listed(session, ids, zone_kind="development_zone") == ["P1", "P5"]
    assert listed(session, ids, land_use="M1") == ["P1", "P4", "P5"]
    assert listed(session, ids, area_max=2, area_unit="ha") == ["P2", "P4", "P5", "P7"]


def test_the_code_filter_finds_codes_that_start_with_the_text_case_and_width_aside(session, ids):
    assert listed(session, ids, code="t-p1") == ["P1"]
    assert listed(session, ids, code="ｔ－Ｐ") == ["P1", "P2", "P3", "P4", "P5", "P7"]
    assert listed(session, ids, code="P1") == []  # the start of the code, not anywhere in it
    assert listed(session, ids, code="T_P%") == []  # the wildcards match themselves


def test_parcels_tied_to_a_project_and_those_tied_to_none(session, ids, project):
    assert listed(session, ids, project="with") == ["P1", "P5"]
    assert listed(session, ids, project="without") == ["P2", "P3", "P4", "P7"]
    rows = list_parcels(session, REVIEWER, parse_parcel_query({"code": ["T-P1"]})).rows
    assert rows[0].projects == [(project.id, project.reference)]


def test_another_districts_draft_neither_ties_nor_is_named_to_district_staff(session, ids, project):
    # B's staff may not read A's draft (can_read_record): for them the parcels are tied to nothing
    assert listed(session, ids, STAFF_B, project="with") == []
    assert listed(session, ids, STAFF_B, project="without") == ["P1", "P2", "P3", "P4", "P5", "P7"]
    assert all(not row.projects for row in list_parcels(session, STAFF_B, parse_parcel_query({})).rows)
    assert listed(session, ids, STAFF_A, project="with") == ["P1", "P5"]
    session.execute(text("UPDATE projects SET status = 'approved' WHERE id = :id"), {"id": project.id})
    assert listed(session, ids, STAFF_B, project="with") == ["P1", "P5"]  # approved: everyone reads it


def test_sorts_by_area_district_and_status_each_way(session, ids):
    areas = {name: session.execute(text("SELECT area_m2 FROM parcels WHERE id = :i"), {"i": i}).scalar_one()
             for name, i in ids.items()}
    by_area = listed(session, ids, sort="-area_m2")
    assert [areas[n] for n in by_area] == sorted((areas[n] for n in by_area), reverse=True)
    assert listed(session, ids, sort="district_code")[:4] == sorted(["P1", "P4", "P5", "P7"], key=ids.get)
    statuses = listed(session, ids, sort="-status")
    assert statuses[0] == "P4" and statuses[-1] in ("P1", "P2", "P3")  # redevelopment_planned … freed
    with pytest.raises(ValidationError):
        parse_parcel_query({"sort": ["freed_on"]})  # the freed land's sort, not the list's


def test_pages_follow_each_other_without_overlap_in_a_sort_full_of_ties(session, ids):
    query = parse_parcel_query({"sort": ["status"]})
    pages = [[item.parcel.id for item in list_parcels(session, REVIEWER, replace(query, limit=2, offset=offset)).rows]
             for offset in (0, 2, 4)]
    everything = [item.parcel.id for item in list_parcels(session, REVIEWER, query).rows]
    assert [i for page in pages for i in page] == everything and len(set(everything)) == 6
    result = list_parcels(session, REVIEWER, replace(query, limit=2, offset=6))
    assert result.rows == [] and result.totals.count == 6 and result.pages == 3


def test_pages_are_read_by_number_and_size(session, ids):
    query = parse_parcel_query({"page": ["3"], "page_size": ["25"]})
    assert (query.limit, query.offset) == (25, 50)
    with pytest.raises(ValidationError):
        parse_parcel_query({"page_size": ["30"]})


@pytest.mark.parametrize("sort", ["code", "-code"])
def test_the_list_by_code_reads_the_code_s_unique_index_not_a_sort_of_every_parcel(session, ids, sort):
    # the overview's link to every parcel opens the list by code: at 1M parcels a sort of all of them
    # to show 50 took 360 ms; the code's unique index gives them in order (ties by id after it)
    statement = parcel_list_repo.page_statement(parse_parcel_query({"sort": [sort]}), None)
    compiled = statement.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
    session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(session.execute(text(f"EXPLAIN {compiled}")).scalars())
    assert "uq_parcels_code" in plan, plan
    assert listed(session, ids, sort=sort) == (["P1", "P2", "P3", "P4", "P5", "P7"][::-1 if sort[0] == "-" else 1])
