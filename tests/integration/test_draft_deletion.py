"""Deleting a draft on a real PostGIS: the project and its links go, its parcels stay, the audit
log keeps the deletion with the reference, and the reference is never given again."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from registry.domain.errors import Conflict, NotFound, PermissionDenied
from registry.domain.permissions import Actor
from registry.models import AuditEntry, Parcel, Project, project_parcels
from registry.services import projects as svc
from tests.integration.project_data import MINHANG, PLANNER, PUDONG, REVIEWER, draft

pytestmark = pytest.mark.usefixtures("districts")


ADMIN = Actor(None, "admin", "admin")


def count(session, what) -> int:
    return session.execute(select(func.count()).select_from(what)).scalar_one()


def test_deletes_the_draft_and_its_links_and_keeps_its_parcels(session):
    kept = svc.register_project(session, PUDONG, draft(new_parcels=()))
    view = svc.register_project(session, PUDONG, draft(title="误建的草稿"))
    parcel_id = view.parcels[0].id
    assert svc.delete_draft(session, PUDONG, view.id, view.version) == view.reference
    assert session.get(Project, view.id) is None
    assert count(session, select(project_parcels).where(project_parcels.c.project_id == view.id).subquery()) == 0
    assert session.get(Parcel, parcel_id) is not None and session.get(Parcel, parcel_id).valid_to is None
    assert svc.get_project(session, PUDONG, kept.id).reference == kept.reference
    with pytest.raises(NotFound):
        svc.get_project(session, PUDONG, view.id)


def test_the_deletion_is_in_the_audit_log_with_the_reference(session):
    view = svc.register_project(session, PUDONG, draft(new_parcels=()))
    svc.delete_draft(session, ADMIN, view.id)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "project", AuditEntry.action == "delete",
                                                     AuditEntry.entity_id == str(view.id))).one()
    assert entry.changes["reference"] == [view.reference, None]
    assert entry.changes["title"] == ["高效电机改造", None] and entry.changes["status"] == ["draft", None]


def test_the_reference_of_a_deleted_draft_is_not_given_again(session):
    first = svc.register_project(session, PUDONG, draft(new_parcels=()))
    latest = svc.register_project(session, PUDONG, draft(new_parcels=()))
    svc.delete_draft(session, PUDONG, latest.id)
    assert svc.register_project(session, PUDONG, draft(new_parcels=())).reference == "2013-310115-0003"
    assert first.reference == "2013-310115-0001"


def test_a_submitted_or_returned_project_keeps_its_record(session):
    submitted = svc.register_project(session, PUDONG, draft(new_parcels=()), submit=True)
    returned = svc.transition(session, REVIEWER, svc.register_project(session, PUDONG, draft(new_parcels=()), submit=True).id,
                              "return", comment="请补充材料")
    for project in (submitted, returned):
        with pytest.raises(Conflict):
            svc.delete_draft(session, PUDONG, project.id)
        assert session.get(Project, project.id) is not None
    assert count(session, select(AuditEntry).where(AuditEntry.action == "delete").subquery()) == 0


@pytest.mark.parametrize("actor, refusal", [(MINHANG, NotFound), (REVIEWER, PermissionDenied), (PLANNER, PermissionDenied)])
def test_only_its_districts_staff_and_administrators_may_delete_a_draft(session, actor, refusal):
    view = svc.register_project(session, PUDONG, draft(new_parcels=()))
    with pytest.raises(refusal):  # another district's draft is not even visible to its staff
        svc.delete_draft(session, actor, view.id)
    assert session.get(Project, view.id) is not None


def test_a_stale_version_is_a_conflict_and_deletes_nothing(session):
    view = svc.register_project(session, PUDONG, draft(new_parcels=()))
    edited = svc.update_project(session, PUDONG, view.id, draft(title="改过的名称", new_parcels=()), view.version)
    with pytest.raises(Conflict):
        svc.delete_draft(session, PUDONG, view.id, view.version)
    assert svc.delete_draft(session, PUDONG, view.id, edited.version) == view.reference


def test_the_page_is_told_who_may_delete(session):
    view = svc.register_project(session, PUDONG, draft(new_parcels=()))
    assert view.deletable and svc.get_project(session, ADMIN, view.id).deletable
    assert not svc.get_project(session, REVIEWER, view.id).deletable
    assert not svc.transition(session, PUDONG, view.id, "submit").deletable
