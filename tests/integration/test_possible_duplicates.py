"""Possible double registration on a real PostGIS (domain/duplicates.py): the other projects of the
year that claim the same savings and share the enterprise or a parcel, as each reader may read them."""
from __future__ import annotations

import pytest

from registry.domain.credit_code import credit_code_check_char
from registry.services import projects as svc
from tests.integration.project_data import EXIT_INPUTS, MINHANG, MOTORS, PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")

OTHER_FIRST17 = "91310115MA1K00003"
OTHER_CREDIT = OTHER_FIRST17 + credit_code_check_char(OTHER_FIRST17)
ELECTRICITY = [{"energy": "electricity", "quantity": 2000, "unit": "MWh"}]
RETROFIT = {"kind": "technical_retrofit", "year": 2013, "method": "measured", "energy_before": ELECTRICITY,
            "energy_after": [{"energy": "electricity", "quantity": 1500, "unit": "MWh"}]}
EMC = RETROFIT | {"kind": "contract_energy_management", "emc_model": "shared_savings"}


def alike(session, actor, project_id) -> dict[str, list[str]]:
    """{reference: reasons as msgids} of the project's possible duplicates as ``actor`` reads them."""
    return {d.project.reference: [m.msgid for m in d.reasons]
            for d in svc.get_project(session, actor, project_id).possible_duplicates}


def test_two_projects_of_one_enterprise_kind_and_year_name_each_other(session):
    first = svc.register_project(session, PUDONG, draft(new_parcels=()))
    second = svc.register_project(session, PUDONG, draft(title="高效电机改造（重复）", new_parcels=()))
    assert alike(session, PUDONG, first.id) == {second.reference: ["The same enterprise, in the same year"]}
    assert alike(session, REVIEWER, second.id) == {first.reference: ["The same enterprise, in the same year"]}


def test_another_year_or_a_kind_counting_other_savings_is_not_alike(session):
    motors = svc.register_project(session, PUDONG, draft(new_parcels=()))
    svc.register_project(session, PUDONG, draft(year=2014, inputs=MOTORS | {"year": 2014}, new_parcels=()))
    svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                structural_mode="shutdown", new_parcels=()))
    assert alike(session, REVIEWER, motors.id) == {}


def test_a_shared_parcel_makes_another_enterprises_project_alike(session):
    first = svc.register_project(session, PUDONG, draft())
    parcel = first.parcels[0]
    other = svc.register_project(session, PUDONG, draft(credit_code=OTHER_CREDIT, enterprise_name="上海另一电机有限公司",
                                                        new_parcels=(), parcel_ids=(parcel.id,)))
    assert alike(session, REVIEWER, first.id) == {other.reference: ["Shares the parcels %(codes)s"]}
    found = svc.get_project(session, REVIEWER, other.id).possible_duplicates
    assert [d.project.shared_parcel_codes for d in found] == [(parcel.code,)] and not found[0].project.same_enterprise


def test_a_retrofit_and_the_emc_contract_of_the_same_enterprise_are_alike(session):
    retrofit = svc.register_project(session, PUDONG, draft(kind="technical_retrofit", new_parcels=(),
                                                           inputs=RETROFIT))
    emc = svc.register_project(session, PUDONG, draft(kind="contract_energy_management", inputs=EMC, new_parcels=()))
    reasons = alike(session, REVIEWER, retrofit.id)[emc.reference]
    assert reasons[0] == "The same enterprise, in the same year" and reasons[-1].startswith("An EMC contract")


def test_district_staff_see_only_the_lookalikes_they_may_read(session):
    approved = svc.transition(session, REVIEWER, svc.register_project(session, PUDONG, draft(new_parcels=()),
                                                                      submit=True).id, "approve")
    pudong_draft = svc.register_project(session, PUDONG, draft(new_parcels=()))
    # Minhang reads the approved Pudong project, not Pudong's draft beside it
    assert alike(session, MINHANG, approved.id) == {}
    assert list(alike(session, PUDONG, approved.id)) == [pudong_draft.reference]
    assert list(alike(session, REVIEWER, pudong_draft.id)) == [approved.reference]


def test_a_lists_marks_agree_with_each_projects_page(session):
    """``marked_as_lookalikes`` (one query for a list page) and the page's list (``lookalikes``) are
    two spellings of one rule: for every reader, a project is marked exactly when its page lists one."""
    pair = [svc.register_project(session, PUDONG, draft(new_parcels=())) for _ in range(2)]
    on_land = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                          structural_mode="shutdown"))
    shares = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                         structural_mode="shutdown", credit_code=OTHER_CREDIT,
                                                         enterprise_name="上海另一电机有限公司", new_parcels=(),
                                                         parcel_ids=(on_land.parcels[0].id,)), submit=True)
    svc.transition(session, REVIEWER, shares.id, "approve")
    retrofit = svc.register_project(session, PUDONG, draft(kind="technical_retrofit", inputs=RETROFIT, new_parcels=(),
                                                           credit_code=OTHER_CREDIT, enterprise_name="上海另一电机有限公司"))
    emc = svc.register_project(session, PUDONG, draft(kind="contract_energy_management", inputs=EMC, new_parcels=(),
                                                      credit_code=OTHER_CREDIT, enterprise_name="上海另一电机有限公司"))
    alone = svc.register_project(session, PUDONG, draft(year=2014, inputs=MOTORS | {"year": 2014}, new_parcels=()))
    ids = [p.id for p in (*pair, on_land, shares, retrofit, emc, alone)]
    for actor in (REVIEWER, PUDONG, MINHANG):
        readable = [i for i in ids if actor is not MINHANG or i == shares.id]
        on_pages = {i for i in readable if svc.get_project(session, actor, i).possible_duplicates}
        assert svc.marked_as_lookalikes(session, actor, ids) & set(readable) == on_pages, actor.username
    assert svc.marked_as_lookalikes(session, REVIEWER, ids) == set(ids) - {alone.id}
    assert svc.marked_as_lookalikes(session, MINHANG, [shares.id]) == set()  # its twin is Pudong's draft
