"""The audit trail across the registry (services/audit_trail.py): filters, Shanghai days, pages, who
reads which part, the names of the records, and the indexes each filter is read by."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import text

from registry.domain.audit_trail import TrailFilter, parse_trail_filter
from registry.domain.errors import PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.models import AuditEntry
from registry.repositories import audit as repo
from registry.services import audit_trail
from registry.services import projects as project_service
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.integration.project_data import CREDIT, MOTORS, SQUARE

ADMIN = Actor(None, "admin", "admin")
REVIEWER = Actor(None, "reviewer", "city_reviewer")


@pytest.fixture
def people(session, make_user):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    staff = make_user("pudong", "district_staff", "310115")
    make_user("reviewer", "city_reviewer")
    return staff.actor()


def _register(session, staff: Actor, title: str = "高效电机改造"):
    return project_service.register_project(session, staff, project_service.ProjectDraft(
        kind="motor_upgrade", year=2013, title=title, district_code="310115", credit_code=CREDIT,
        enterprise_name="上海测试电机有限公司", inputs=MOTORS, new_parcels=(project_service.NewParcel(SQUARE, "M2"),)))


def _logged(session, at: datetime, user_id=None, action="update", entity="project", entity_id="1",
            channel="web") -> None:
    session.add(AuditEntry(at=at, user_id=user_id, action=action, entity=entity, entity_id=entity_id, changes={},
                           channel=channel))
    session.flush()


def test_filters_by_user_kind_action_and_record_newest_first(session, people):
    view = _register(session, people)
    project_service.transition(session, people, view.id, "submit")
    every = audit_trail.read_trail(session, ADMIN, TrailFilter())
    # newest first: one transaction's entries share a moment, so the later id comes first
    assert [(e.action, e.entity) for e in every.entries][:2] == [("submit", "project"), ("create", "project")]
    mine = audit_trail.read_trail(session, ADMIN, TrailFilter(username="pudong"))
    assert {e.username for e in mine.entries} == {"pudong"} and mine.total == 4  # the project twice, its parcel, its enterprise
    assert [e.action for e in audit_trail.read_trail(session, ADMIN, TrailFilter(action="submit")).entries] == ["submit"]
    users = audit_trail.read_trail(session, ADMIN, TrailFilter(entity="user"))
    assert {e.record_name for e in users.entries} == {"pudong", "reviewer"} and {e.username for e in users.entries} == {None}
    one = audit_trail.read_trail(session, ADMIN, TrailFilter(entity="project", entity_id=str(view.id)))
    assert [e.action for e in one.entries] == ["submit", "create"]
    assert {e.record_name for e in one.entries} == {view.reference}
    assert audit_trail.read_trail(session, ADMIN, TrailFilter(username="nobody")).total == 0


def test_filters_by_channel_and_names_the_api_token(session, people, make_user):
    from registry.services import tokens

    make_user("robot", "admin")
    token = tokens.create_token(session, Actor.system(), "robot", "nightly sync", tokens.expiry(days=3)).token
    at = datetime(2026, 3, 1, tzinfo=timezone.utc)
    _logged(session, at, entity_id="by-cli", channel="cli")
    session.add(AuditEntry(at=at, action="update", entity="project", entity_id="by-api", changes={},
                           channel="api", api_token_id=token.id))
    _logged(session, at, entity_id="old", channel="unknown")
    session.flush()
    by_api = audit_trail.read_trail(session, ADMIN, TrailFilter(channel="api"))
    assert [(e.entity_id, e.channel, e.api_token_id, e.api_token_name) for e in by_api.entries] == [
        ("by-api", "api", token.id, "nightly sync")]
    assert [e.entity_id for e in audit_trail.read_trail(session, ADMIN, TrailFilter(channel="cli")).entries] == ["by-cli"]
    assert [e.entity_id for e in audit_trail.read_trail(session, ADMIN, TrailFilter(channel="unknown")).entries] == ["old"]
    # the people fixture's project was registered by a test's actor, which said no channel
    every = audit_trail.read_trail(session, ADMIN, TrailFilter(page_size=200)).entries
    assert {e.channel for e in every} >= {"api", "cli", "unknown", "system"}


def test_pages_hold_the_page_size_and_count_every_match(session, people):
    for n in range(5):
        _logged(session, datetime(2026, 3, 1, n, tzinfo=timezone.utc), entity_id=str(n))
    first = audit_trail.read_trail(session, ADMIN, TrailFilter(entity="project", page_size=2))
    third = audit_trail.read_trail(session, ADMIN, TrailFilter(entity="project", page=3, page_size=2))
    assert (first.total, first.pages) == (5, 3)
    assert [e.entity_id for e in first.entries] == ["4", "3"] and [e.entity_id for e in third.entries] == ["0"]


def test_days_are_shanghai_days(session, people):
    # 16:30 UTC on 1 March is 00:30 on 2 March in Shanghai
    _logged(session, datetime(2026, 3, 1, 16, 30, tzinfo=timezone.utc), entity_id="late")
    _logged(session, datetime(2026, 3, 1, 15, 59, tzinfo=timezone.utc), entity_id="early")
    on = (lambda day: [e.entity_id for e in audit_trail.read_trail(
        session, ADMIN, TrailFilter(entity="project", since=day, until=day)).entries])
    assert on(date(2026, 3, 1)) == ["early"] and on(date(2026, 3, 2)) == ["late"]
    assert audit_trail.read_trail(session, ADMIN, TrailFilter(entity="project", since=date(2026, 3, 1))).total == 2


def test_reviewers_read_the_trail_of_projects_parcels_and_enterprises_only(session, people):
    _register(session, people)
    read = audit_trail.read_trail(session, REVIEWER, TrailFilter())
    assert {e.entity for e in read.entries} == {"project", "parcel", "enterprise"} and read.total == 3
    assert audit_trail.read_trail(session, ADMIN, TrailFilter(entity="user")).total == 2  # not the reviewer's
    with pytest.raises(PermissionDenied):
        audit_trail.read_trail(session, REVIEWER, TrailFilter(entity="user"))
    with pytest.raises(PermissionDenied):
        audit_trail.export_trail(session, REVIEWER, TrailFilter(entity="api_token"))


@pytest.mark.parametrize("actor", [Actor(None, "pudong", "district_staff", "310115"), Actor(None, "planner", "planner")])
def test_district_staff_and_planners_do_not_read_the_trail(session, people, actor):
    with pytest.raises(PermissionDenied):
        audit_trail.read_trail(session, actor, TrailFilter())
    with pytest.raises(PermissionDenied):
        audit_trail.export_trail(session, actor, TrailFilter())


def test_a_deleted_draft_keeps_its_entries_without_a_name(session, people):
    view = _register(session, people)
    project_service.delete_draft(session, people, view.id)
    entries = audit_trail.read_trail(session, ADMIN, TrailFilter(entity="project", entity_id=str(view.id))).entries
    assert [e.action for e in entries] == ["delete", "create"] and {e.record_name for e in entries} == {None}


def test_the_export_is_capped_and_says_how_many_matched(session, people):
    for n in range(4):
        _logged(session, datetime(2026, 3, 1, n, tzinfo=timezone.utc), entity_id=str(n))
    export = audit_trail.export_trail(session, ADMIN, TrailFilter(entity="project"), cap=3)
    assert export.capped and export.total == 4 and [e.entity_id for e in export.entries] == ["3", "2", "1"]


def test_recent_actions_are_for_administrators(session, people):
    _register(session, people)
    assert len(audit_trail.recent_actions(session, ADMIN, people.user_id, limit=2).entries) == 2
    with pytest.raises(PermissionDenied):
        audit_trail.recent_actions(session, REVIEWER, people.user_id)


@pytest.mark.parametrize("params, field", [
    ({"entity_id": "7"}, "entity_id"), ({"since": "2026-03-02", "until": "2026-03-01"}, "until"),
    ({"since": "2026-02-30"}, "since"), ({"action": "obliterate"}, "action"), ({"entity": "moon"}, "entity"),
    ({"page": "0"}, "page"),
])
def test_a_bad_filter_names_its_field(params, field):
    with pytest.raises(ValidationError) as refused:
        parse_trail_filter(params)
    assert [e.field for e in refused.value.field_errors] == [field]


def _plan(session, filters: TrailFilter, actor: Actor = ADMIN) -> str:
    # a log of some size with its statistics, so the planner weighs the indexes as on a real one
    session.execute(text(
        "INSERT INTO audit_log (at, action, entity, entity_id, changes, channel) SELECT now() - n * interval '1 hour', "
        "(ARRAY['create','update','submit','approve','verify'])[n % 5 + 1], "
        "(ARRAY['project','parcel','enterprise','user','target'])[n % 5 + 1], (n % 400)::text, '{}', "
        "CASE n % 10 WHEN 0 THEN 'cli' WHEN 1 THEN 'cli' WHEN 2 THEN 'system' ELSE 'web' END "
        # in no order of time (md5 shuffles, the same way each run): with the rows in the order of their
        # moments, the moments' index read whole was so cheap that the choice of an action's index
        # turned on a few bytes of row width and the dead rows earlier cases had left
        "FROM generate_series(1, 2000) AS n ORDER BY md5(n::text)"))
    session.execute(text("ANALYZE audit_log"))
    conditions = audit_trail._conditions(actor, filters, audit_trail._user_ids(session, filters))
    statement = repo.trail_select(conditions, 50).compile(dialect=session.bind.dialect)
    session.execute(text("SET LOCAL enable_seqscan = off"))  # a small table would be read whole anyway
    with session.connection().connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + str(statement), statement.params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("filters, index", [
    (TrailFilter(), "ix_audit_log_at"),
    (TrailFilter(since=date(2026, 3, 1), until=date(2026, 3, 31)), "ix_audit_log_at"),
    (TrailFilter(username="pudong"), "ix_audit_log_user"),
    (TrailFilter(entity="target"), "ix_audit_log_entity_at"),
    (TrailFilter(entity="project", entity_id="7"), "ix_audit_log_entity"),
    (TrailFilter(action="verify"), "ix_audit_log_action"),
    (TrailFilter(channel="cli"), "ix_audit_log_channel"),
])
def test_each_filter_reads_an_index_in_order(session, people, filters, index):
    plan = _plan(session, filters)
    assert f"using {index} on audit_log" in plan.lower().replace("backward ", ""), plan
    assert "Seq Scan on audit_log" not in plan and "Sort" not in plan.split("Index")[0], plan
