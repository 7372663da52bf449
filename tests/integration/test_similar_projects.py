"""Registering a similar project (services/projects/similar.py) on a real PostGIS: what a new
project takes from the one it is started from and what it leaves, the parcels it may no longer
use, who may start one, and the new project's history naming its source."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from registry.domain.errors import NotFound, PermissionDenied
from registry.domain.permissions import Actor
from registry.models import AuditEntry, Parcel, Project
from registry.services import projects as svc
from tests.integration.project_data import EXIT_INPUTS, MINHANG, MOTORS, PLANNER, PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")

ADMIN = Actor(None, "admin", "admin")


def verified_source(session) -> svc.ProjectView:
    """A verified Pudong motor upgrade of 2013 on a new parcel, with every field a project may hold."""
    view = svc.register_project(session, PUDONG, draft(
        title="2013年高效电机改造", investment_wan_yuan=Decimal("120.5"), subsidy_requested_wan_yuan=Decimal("30"),
        output_value_wan_yuan=Decimal("800"), planned_completion=date(2013, 12, 31)), submit=True)
    svc.transition(session, REVIEWER, view.id, "approve", subsidy_approved="25")
    svc.transition(session, PUDONG, view.id, "complete", completed_on="2013-11-30")
    return svc.transition(session, REVIEWER, view.id, "verify")


def test_takes_the_kind_enterprise_parcels_inputs_and_money_and_moves_the_year_on(session):
    source = verified_source(session)
    found = svc.similar_project(session, PUDONG, source.id)
    new = found.draft
    assert (found.source_id, found.source_reference, found.source_year) == (source.id, source.reference, 2013)
    assert (new.kind, new.year, new.title, new.district_code) == ("motor_upgrade", 2014, "高效电机改造", "310115")
    assert (new.credit_code, new.enterprise_name) == (source.credit_code, "上海测试电机有限公司")
    assert new.inputs == source.inputs | {"year": 2014} and new.inputs["motors"][0]["rated_kw"] == MOTORS["motors"][0]["rated_kw"]
    assert new.parcel_ids == (source.parcels[0].id,)
    assert [p.code for p in found.parcels] == [source.parcels[0].code] and found.left_out == ()
    assert new.new_parcels == ()  # the same parcel, linked: no copy is drawn
    assert (new.investment_wan_yuan, new.subsidy_requested_wan_yuan, new.output_value_wan_yuan) == (
        Decimal("120.5"), Decimal("30"), Decimal("800"))
    assert new.planned_completion == date(2014, 12, 31)
    # the source's own record stays with it: nothing holds its status, dates, approval or reference
    assert not {"status", "completed_on", "verified_on", "subsidy_approved_wan_yuan", "reference"} & set(vars(new))


def test_nothing_is_written_until_the_new_project_is_registered(session):
    source = verified_source(session)
    count = (lambda what: session.execute(select(func.count()).select_from(what)).scalar_one())
    before = (count(Project), count(AuditEntry))
    svc.similar_project(session, PUDONG, source.id)
    assert (count(Project), count(AuditEntry)) == before


def test_registering_it_links_the_same_parcel_and_names_the_source_in_the_history(session):
    source = verified_source(session)
    new = svc.register_project(session, PUDONG, svc.similar_project(session, PUDONG, source.id).draft,
                               from_project=source.id)
    assert new.status == "draft" and new.year == 2014 and new.reference == "2014-310115-0001"
    assert [p.id for p in new.parcels] == [p.id for p in source.parcels]
    assert new.subsidy_approved_wan_yuan is None and new.completed_on is None and new.verified_on is None
    created = new.history[0]
    assert created.action == "create" and created.changes["registered_from"] == [None, source.reference]
    assert new.possible_duplicates == []  # another year: a programme, not a double registration


def test_kept_in_the_same_year_it_is_a_possible_double_registration_of_its_source(session):
    source = verified_source(session)
    same_year = svc.similar_project(session, PUDONG, source.id).draft
    same_year = svc.ProjectDraft(**vars(same_year) | {"year": 2013, "inputs": dict(same_year.inputs) | {"year": 2013}})
    new = svc.register_project(session, PUDONG, same_year, from_project=source.id)
    assert [d.project.reference for d in new.possible_duplicates] == [source.reference]
    assert svc.get_project(session, REVIEWER, source.id).possible_duplicates[0].project.id == new.id


def test_a_source_no_longer_readable_is_not_named(session):
    hidden = svc.register_project(session, MINHANG, draft(district_code="310112", new_parcels=()))
    new = svc.register_project(session, PUDONG, draft(new_parcels=()), from_project=hidden.id)
    assert "registered_from" not in new.history[0].changes
    plain = svc.register_project(session, PUDONG, draft(new_parcels=()))
    assert "registered_from" not in plain.history[0].changes


def test_parcels_split_freed_or_elsewhere_are_left_out_and_said_why(session):
    source = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                         structural_mode="shutdown"))
    held = source.parcels[0].id
    extra = [svc.register_project(session, PUDONG, draft(title=f"另一地块 {n}", new_parcels=(svc.NewParcel(square),)))
             .parcels[0].id for n, square in enumerate((_square(121.602), _square(121.604), _square(121.606)))]
    linked = svc.update_project(session, PUDONG, source.id, draft(
        kind="structural_adjustment", inputs=EXIT_INPUTS, structural_mode="shutdown", new_parcels=(),
        parcel_ids=(held, *extra)), source.version)
    retired, freed, elsewhere = extra
    session.execute(update(Parcel).where(Parcel.id == retired).values(valid_to=func.current_date()))
    session.execute(update(Parcel).where(Parcel.id == freed).values(status="freed"))
    session.execute(update(Parcel).where(Parcel.id == elsewhere).values(district_code="310112"))
    found = svc.similar_project(session, PUDONG, linked.id)
    assert found.draft.parcel_ids == (held,) and [p.id for p in found.parcels] == [held]
    reasons = {p.id: p.reason.msgid for p in found.left_out}
    assert reasons == {retired: "split or merged into other parcels since: choose what it became on the map",
                       freed: "no longer in use (%(status)s)", elsewhere: "lies in another district (%(district)s)"}
    # an exit's savings follow its new year: the default baseline (the year before) is left to it
    assert found.draft.inputs["year"] == 2014 and "baseline_year" not in found.draft.inputs
    assert found.draft.structural_mode == "shutdown"
    # an administrator's save takes a parcel of another district, so the template keeps it for them
    assert set(svc.similar_project(session, ADMIN, linked.id).draft.parcel_ids) == {held, elsewhere}


def _square(west: float) -> dict:
    east, south, north = west + 0.001, 31.200, 31.201
    return {"type": "Polygon", "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]]}


def test_who_may_start_from_a_project(session):
    source = verified_source(session)
    minhang_draft = svc.register_project(session, MINHANG, draft(district_code="310112", new_parcels=()))
    with pytest.raises(PermissionDenied) as refused:
        svc.similar_project(session, MINHANG, source.id)  # Minhang's staff read it (verified), but register in Minhang
    assert source.reference in refused.value.render()
    for actor in (REVIEWER, PLANNER):
        with pytest.raises(PermissionDenied):
            svc.similar_project(session, actor, source.id)
    with pytest.raises(NotFound):  # another district's draft: as if there were none
        svc.similar_project(session, PUDONG, minhang_draft.id)
    with pytest.raises(NotFound):
        svc.similar_project(session, PUDONG, 2**31)
    assert svc.similar_project(session, ADMIN, minhang_draft.id).draft.district_code == "310112"
