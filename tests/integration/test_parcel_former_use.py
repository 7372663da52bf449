"""The land use a parcel was freed with (原用途, ``parcels.former_use``, migration 0046) on PostGIS:
set when it is freed, kept when a redevelopment gives it its new use, corrected with its land use
until then, inherited by split children; the freed land's land-use filter reads it, the parcel
list's the land use today. A completed redevelopment left the former use in the audit trail only."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select, text

from registry.catalogues import translator
from registry.domain.channels import CLI
from registry.domain.freed_land import parse_land_query
from registry.domain.parcel_list import parse_parcel_query
from registry.domain.permissions import Actor
from registry.models import AuditEntry
from registry.repositories import freed_land, parcel_list
from registry.services import lineage, redevelopment
from registry.services.land_exports import export_freed_land
from tests.integration.land_data import polygon

PLANNER = Actor(None, "planner", "planner")


def former(session, parcel_id: int) -> tuple[str, str | None]:
    """(land use today, former use) of the parcel as stored."""
    return tuple(session.execute(text("SELECT land_use_class, former_use FROM parcels WHERE id = :i"),
                                 {"i": parcel_id}).one())


def redeveloped(session, parcel_id: int, new_use: str) -> None:
    redevelopment.plan_redevelopment(session, PLANNER, parcel_id, {"new_use": new_use, "planned_on": "2018-03-01"})
    redevelopment.complete_redevelopment(session, PLANNER, parcel_id, {"completed_on": "2019-06-30"})


def test_a_parcel_in_use_has_none_and_takes_its_land_use_when_freed(session, ids):
    assert former(session, ids["P5"]) == ("M1", None)
    session.execute(text("UPDATE parcels SET status = 'freed' WHERE id = :i"), {"i": ids["P5"]})
    assert former(session, ids["P5"]) == ("M1", "M1")
    assert former(session, ids["P2"]) == ("M2", "M2") and former(session, ids["P4"]) == ("M1", "M1")


def test_a_completed_redevelopment_keeps_the_use_the_land_was_freed_with(session, ids):
    redeveloped(session, ids["P1"], "B1")
    assert former(session, ids["P1"]) == ("B1", "M1")
    assert redevelopment.parcel_detail(session, PLANNER, ids["P1"]).former_use == "M1"
    assert redevelopment.parcel_detail(session, PLANNER, ids["P1"]).to_dict()["former_use"] == "M1"


def test_a_correction_of_the_land_use_corrects_it_until_the_land_has_a_new_use(session, ids):
    # freed or planned, the land still has the use it was freed with: a corrected land use is its former use
    redevelopment.plan_redevelopment(session, PLANNER, ids["P2"], {"new_use": "B1"})
    session.execute(text("UPDATE parcels SET land_use_class = 'M3' WHERE id = :i"), {"i": ids["P2"]})
    assert former(session, ids["P2"]) == ("M3", "M3")
    redevelopment.withdraw_plan(session, PLANNER, ids["P2"])  # the plan goes, the former use stays
    assert former(session, ids["P2"]) == ("M3", "M3")
    session.execute(text("UPDATE parcels SET land_use_class = 'B1' WHERE id = :i"), {"i": ids["P3"]})
    assert former(session, ids["P3"]) == ("B1", "B1")


def test_a_redeveloped_parcels_new_land_use_leaves_its_former_use(session, ids):
    redeveloped(session, ids["P1"], "B1")
    session.execute(text("UPDATE parcels SET land_use_class = 'B2' WHERE id = :i"), {"i": ids["P1"]})
    assert former(session, ids["P1"]) == ("B2", "M1")


def test_split_children_are_freed_with_their_parents_use(session, ids):
    parts = [polygon(121.420, 31.220, 121.421, 31.222), polygon(121.421, 31.220, 121.422, 31.222)]
    children = lineage.split_parcel(session, PLANNER, ids["P1"], parts, today=date(2020, 1, 1))
    assert [former(session, child) for child in children] == [("M1", "M1")] * 2


def test_the_freed_lands_land_use_filter_reads_the_former_use_and_the_parcel_lists_todays(session, ids):
    redeveloped(session, ids["P1"], "B1")
    freed = freed_land.page(session, parse_land_query({"land_use": ["M1"], "sort": ["code"]}), with_geometry=False)
    assert [(r.code, r.land_use_class, r.former_use) for r in freed] == [("T-P1", "B1", "M1"), ("T-P4", "M1", "M1")]
    assert freed_land.totals(session, parse_land_query({"land_use": ["M1"]}))[0] == 2
    assert [r.code for r in freed_land.page(session, parse_land_query({"land_use": ["B1"]}))] == []
    listed = parcel_list.page(session, parse_parcel_query({"land_use": ["B1"]}), None)
    assert [r.code for r in listed] == ["T-P1"]
    exported = {row.code: row.former_use for row in freed_land.export_rows(session, parse_land_query({}))}
    assert exported == {"T-P1": "M1", "T-P2": "M2", "T-P3": "W1", "T-P4": "M1", "T-P7": None}


def test_a_freed_land_download_logs_its_land_use_filter_as_the_former_use(session, ids, make_user):
    planner = make_user("former-use-planner", "planner").actor(CLI)
    export_freed_land(session, planner, parse_land_query({"land_use": ["M1"]}), "csv", translator("zh_Hans_CN"))
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert entry.changes["former_use"] == ["M1"] and "land_use_class" not in entry.changes
