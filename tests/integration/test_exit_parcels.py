"""An exit of capacity is submitted with the land it frees, whichever way it comes in: registered
and submitted at once, a draft submitted later, an edit that submits, a correction, a dataset
load (the workbook import: tests/integration/imports/test_exit_parcels_import.py). A draft may
have none; other kinds are reviewed without (registry/domain/workflow.py, ``parcel_errors``)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.domain.errors import ValidationError
from registry.models import Project
from registry.services import projects as svc
from registry.services.loading import load_dataset
from registry.services.records import parse_dataset
from tests.integration.project_data import CREDIT, EXIT_INPUTS, PUDONG, REVIEWER, SQUARE, draft

pytestmark = pytest.mark.usefixtures("districts")

NEEDS_A_PARCEL = ("parcel_ids: an exit of capacity is reviewed with the land it frees: it needs at least one "
                  "parcel to be submitted (a draft may have none)")


def exit_draft(**overrides) -> svc.ProjectDraft:
    """A Pudong shutdown of 2013 on a new parcel, with ``overrides``."""
    return draft(**{"kind": "structural_adjustment", "title": "化工厂关停", "structural_mode": "shutdown",
                    "inputs": EXIT_INPUTS} | overrides)


def _dataset(status: str, parcel_codes: list[str]) -> dict:
    """A dataset file's parcel, enterprise and exit of ``status`` on ``parcel_codes``."""
    return {"parcels": [{"type": "Feature", "geometry": SQUARE, "properties": {"code": "P-1", "land_use_class": "M2"}}],
            "enterprises": [{"credit_code": CREDIT, "name": "上海测试化工有限公司"}],
            "projects": [{"reference": "2013-310115-0001", "title": "关停", "kind": "structural_adjustment",
                          "year": 2013, "status": status, "enterprise_credit_code": CREDIT,
                          "district_code": "310115", "parcel_codes": parcel_codes, "inputs": EXIT_INPUTS}]}


def _count(session) -> int:
    return session.execute(select(func.count()).select_from(Project)).scalar_one()


def test_an_exit_without_parcels_is_kept_as_a_draft_but_not_registered_as_submitted(session):
    kept = svc.register_project(session, PUDONG, exit_draft(new_parcels=()))
    assert kept.status == "draft" and kept.parcels == []
    with pytest.raises(ValidationError) as refused:
        svc.register_project(session, PUDONG, exit_draft(new_parcels=()), submit=True)
    assert refused.value.render() == NEEDS_A_PARCEL
    assert _count(session) == 1  # the refused one wrote nothing


def test_a_draft_exit_without_parcels_cannot_be_submitted_and_stays_a_draft(session):
    kept = svc.register_project(session, PUDONG, exit_draft(new_parcels=()))
    with pytest.raises(ValidationError) as refused:
        svc.transition(session, PUDONG, kept.id, "submit", expected_version=kept.version)
    assert [e.field for e in refused.value.field_errors] == ["parcel_ids"]
    after = svc.get_project(session, PUDONG, kept.id)
    assert (after.status, after.version, [h.action for h in after.history]) == ("draft", kept.version, ["create"])


def test_an_exit_with_a_parcel_is_submitted(session):
    view = svc.register_project(session, PUDONG, exit_draft(), submit=True)
    assert view.status == "submitted" and len(view.parcels) == 1


def test_an_edit_that_submits_saves_both_or_neither(session):
    first = svc.register_project(session, PUDONG, exit_draft())
    parcel_id = first.parcels[0].id
    with pytest.raises(ValidationError) as refused:
        svc.update_project(session, PUDONG, first.id, exit_draft(title="改名", new_parcels=()), first.version,
                           submit=True)
    assert refused.value.render() == NEEDS_A_PARCEL
    unchanged = svc.get_project(session, PUDONG, first.id)
    assert (unchanged.title, unchanged.version, [p.id for p in unchanged.parcels]) == ("化工厂关停", first.version,
                                                                                        [parcel_id])
    submitted = svc.update_project(session, PUDONG, first.id, exit_draft(new_parcels=(), parcel_ids=(parcel_id,)),
                                   first.version, submit=True)
    assert submitted.status == "submitted"
    assert [h.action for h in submitted.history] == ["create", "update", "submit"]


def test_a_returned_exit_may_lose_its_parcels_while_edited_but_goes_back_only_with_one(session):
    view = svc.register_project(session, PUDONG, exit_draft(), submit=True)
    view = svc.transition(session, REVIEWER, view.id, "return", "地块边界有误，请重新绘制")
    edited = svc.update_project(session, PUDONG, view.id, exit_draft(new_parcels=()), view.version)
    assert (edited.status, edited.parcels) == ("returned", [])
    with pytest.raises(ValidationError):
        svc.transition(session, PUDONG, view.id, "submit", expected_version=edited.version)
    assert svc.get_project(session, PUDONG, view.id).status == "returned"


@pytest.mark.parametrize("kind, inputs", [("motor_upgrade", None), ("cleaner_production",
                                                                     {"kind": "cleaner_production", "year": 2013})])
def test_other_kinds_are_submitted_without_parcels(session, kind, inputs):
    overrides = {"kind": kind, "new_parcels": ()} | ({"inputs": inputs} if inputs else {})
    assert svc.register_project(session, PUDONG, draft(**overrides), submit=True).status == "submitted"


def test_a_correction_cannot_take_a_verified_exits_last_parcel(session):
    view = svc.register_project(session, PUDONG, exit_draft(), submit=True)
    for actor, action in ((REVIEWER, "approve"), (PUDONG, "complete"), (REVIEWER, "verify")):
        view = svc.transition(session, actor, view.id, action)
    with pytest.raises(ValidationError) as refused:
        svc.correct_project(session, REVIEWER, view.id, exit_draft(new_parcels=()), "地块有误", view.version)
    assert [e.field for e in refused.value.field_errors] == ["parcel_ids"]
    assert len(svc.get_project(session, REVIEWER, view.id).parcels) == 1


def test_a_dataset_loads_an_exit_beyond_a_draft_only_with_its_parcels(session):
    with pytest.raises(ValidationError) as refused:
        load_dataset(session, parse_dataset(_dataset("verified", [])))
    assert [e.field for e in refused.value.field_errors] == ["projects[0] (2013-310115-0001).parcel_codes"]
    assert _count(session) == 0
    assert load_dataset(session, parse_dataset(_dataset("draft", []))).inserted["projects"] == 1


def test_a_dataset_exit_with_an_unknown_status_is_refused_for_its_status_alone(session):
    with pytest.raises(ValidationError) as refused:
        load_dataset(session, parse_dataset(_dataset("finished", [])))
    assert [e.field for e in refused.value.field_errors] == ["projects[0] (2013-310115-0001).status"]
