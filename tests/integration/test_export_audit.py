"""Each export of registry data writes exactly one audit entry (services.export_log) with who, the
channel, the filters and the count — the project list, the projects behind a rollup figure, freed
land, the registry's GeoPackage and the audit trail's own download; a refused export writes none."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from registry.catalogues import translator
from registry.domain.audit_trail import TrailFilter
from registry.domain.channels import CLI, WEB
from registry.domain.errors import ValidationError
from registry.domain.freed_land import parse_land_query
from registry.domain.permissions import Actor
from registry.domain.rollups import RollupQuery
from registry.models import AuditEntry
from registry.services import audit_trail
from registry.services import projects as svc
from registry.services.imports.export import export_registry
from registry.services.land_exports import export_freed_land
from registry.services.project_exports import export_projects, export_projects_behind
from tests.integration import rollup_data
from tests.integration.land_data import A, seed_land
from tests.integration.project_data import draft

ZH = translator("zh_Hans_CN")


def _exports(session) -> list[AuditEntry]:
    return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id)))


@pytest.fixture
def reviewer(make_user) -> Actor:
    return make_user("export-reviewer", "city_reviewer").actor(WEB)


def test_a_project_list_download_is_one_entry_with_its_filters_and_count(session, districts, reviewer):
    staff = Actor(None, "pudong-staff", "district_staff", "310115", CLI)
    for n in range(3):
        svc.register_project(session, staff, draft(title=f"电机改造 {n}", new_parcels=()))
    filters = svc.ProjectFilter(text="电机", district_code="310115", kind="motor_upgrade", sort="title",
                                descending=False)
    written = export_projects(session, reviewer, filters, "csv", io.BytesIO(), ZH)
    (entry,) = _exports(session)
    assert (entry.user_id, entry.channel, entry.api_token_id) == (reviewer.user_id, "web", None)
    assert (entry.entity, entry.entity_id) == ("project_list", "-")
    assert entry.changes == {"format": "csv", "rows": written.count, "text": "电机", "district_code": "310115",
                             "kind": "motor_upgrade", "sort": "title", "descending": False}
    # with a text the list's plans are set for it again after the entry's commit: the same rows
    assert written.count == 3


def test_a_refused_download_takes_nothing_out_and_logs_nothing(session, districts, reviewer):
    staff = Actor(None, "pudong-staff", "district_staff", "310115")
    for n in range(2):
        svc.register_project(session, staff, draft(title=f"电机改造 {n}", new_parcels=()))
    with pytest.raises(ValidationError):
        export_projects(session, reviewer, svc.ProjectFilter(), "csv", io.BytesIO(), ZH, limit=1)
    with pytest.raises(ValidationError):
        export_projects(session, reviewer, svc.ProjectFilter(), "pdf", io.BytesIO(), ZH)
    assert _exports(session) == []


def test_the_projects_behind_a_rollup_figure(session, districts, reviewer):
    rollup_data.load(session)
    export_projects_behind(session, reviewer, RollupQuery(2013, "verified"), ["motor_upgrade"], None, "xlsx",
                           io.BytesIO(), ZH)
    (entry,) = _exports(session)
    assert entry.entity == "rollup_projects"
    assert entry.changes == {"format": "xlsx", "rows": entry.changes["rows"], "year": 2013, "rule": "verified",
                             "kind": ["motor_upgrade"]}


def test_freed_land_and_the_registrys_geopackage(session, make_user, tmp_path):
    seed_land(session)
    planner = make_user("export-planner", "planner").actor(CLI)
    export_freed_land(session, planner, parse_land_query({"district": [A], "status": ["freed"]}), "geojson", ZH)
    export_registry(session, Actor.system(CLI), tmp_path / "registry.gpkg", A)
    land, registry = _exports(session)
    assert (land.entity, land.channel, land.user_id) == ("freed_land", "cli", planner.user_id)
    assert land.changes == {"format": "geojson", "rows": land.changes["rows"], "district_code": [A],
                            "status": ["freed"], "sort": "freed_on", "descending": False}
    assert land.changes["rows"] > 0
    assert (registry.entity, registry.user_id, registry.channel) == ("registry", None, "cli")
    assert registry.changes == {"format": "gpkg", "district_code": A}


def test_the_audit_trails_download_is_an_export_too(session, make_user):
    admin = make_user("export-auditor", "admin").actor(WEB)
    before = audit_trail.export_trail(session, admin, TrailFilter()).total
    trail = audit_trail.download_trail(session, admin, TrailFilter(channel="system"), "xlsx")
    (entry,) = _exports(session)
    assert entry.entity == "audit_log" and entry.changes == {"format": "xlsx", "rows": len(trail.entries),
                                                             "channel": "system"}
    # the file does not hold its own entry; the next reading does
    assert audit_trail.export_trail(session, admin, TrailFilter()).total == before + 1
