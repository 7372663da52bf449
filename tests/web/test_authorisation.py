"""Who reaches what, route by route (docs/operations.md, "Security"; roles: docs/registration.md).

``ACCESS`` classifies every route of the app: a route added without a line here fails the first
test. Anonymous requests get the login page (pages) or 401 (API, OGC API, tiles) everywhere but the
public routes; the role-bound writes refuse the other roles; district staff reach another district's
unapproved project by no URL and no id, and change nothing of it (an import report is its
uploader's alone: tests/web/test_imports.py).
"""
from __future__ import annotations

import pytest
from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.services import documents
from registry.services import projects as svc
from registry.services import tokens
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests import document_samples as samples
from tests.integration.project_data import PUDONG, draft
from tests.web.api.conftest import PROJECT
from tests.web.route_urls import url_of

PUBLIC, SIGNED_IN, STAFF, REVIEWER, PLANNER, ADMIN, OWNER, TRAIL_READERS, DOCUMENTS, MONITORING_READERS = (
    "public", "signed in", "district staff or admin", "city reviewer", "planner", "admin", "the token's owner",
    "city reviewer or admin", "district staff, city reviewer or admin, by the project's state",
    "city reviewer, admin or district staff (their district's enterprises)")
# endpoint → who may use it (reads: every signed-in role, each service then narrows what is shown)
ACCESS = {
    "auth.login": PUBLIC, "static": PUBLIC, "assets.vendor": PUBLIC, "health.healthz": PUBLIC,
    "pages.set_language": PUBLIC,
    # the help centre: the texts only, the same for everyone (docs/development.md, "Decisions")
    "help.index": PUBLIC, "help.topic": PUBLIC,
    # a tile layer's map style: QGIS fetches a "Style URL" without the connection's authentication
    # (colours and names of codes, no record: registry/api/tiles.py)
    "tiles.style": PUBLIC,
    "auth.logout": SIGNED_IN, "pages.index": SIGNED_IN, "enterprises.detail": SIGNED_IN, "enterprises.index": SIGNED_IN,
    "enterprises.export": SIGNED_IN,
    "projects.index": SIGNED_IN, "projects.export": SIGNED_IN, "projects.detail": SIGNED_IN, "registration.enterprise_lookup": SIGNED_IN,
    "registration.parcels_in_view": SIGNED_IN, "rollups.dashboard": SIGNED_IN, "rollups.export": SIGNED_IN,
    "rollups.chart_file": SIGNED_IN,
    "rollups.projects": SIGNED_IN, "rollups.projects_export": SIGNED_IN, "land.freed": SIGNED_IN, "land.freed_export": SIGNED_IN, "land.match": SIGNED_IN,
    "land_output.output": SIGNED_IN, "land_output.output_export": SIGNED_IN, "land.parcel": SIGNED_IN, "parcel_list.index": SIGNED_IN, "parcel_list.export": SIGNED_IN, "imports.index": SIGNED_IN, "imports.template": SIGNED_IN,
    "imports.progress": SIGNED_IN, "imports.download_report": SIGNED_IN, "tokens.index": SIGNED_IN,
    "tiles.tile": SIGNED_IN, "tiles.tilejson": SIGNED_IN, "ogc.landing": SIGNED_IN, "ogc.collections": SIGNED_IN, "ogc.collection": SIGNED_IN,
    "ogc.items": SIGNED_IN, "ogc.item": SIGNED_IN, "ogc.schema": SIGNED_IN, "ogc.conformance": SIGNED_IN,
    "ogc.openapi": SIGNED_IN, "api-docs.openapi_json": SIGNED_IN, "api-docs.openapi_swagger_ui": SIGNED_IN,
    "api_places.districts": SIGNED_IN, "api_places.district": SIGNED_IN, "api_places.zones": SIGNED_IN,
    "api_places.parcel": SIGNED_IN, "api_parcels.index": SIGNED_IN, "api_parcels.export": SIGNED_IN,
    "api_reference.enterprise": SIGNED_IN, "api_reference.factors": SIGNED_IN,
    "api_reference.target_list": SIGNED_IN, "api_enterprises.index": SIGNED_IN, "api_enterprises.export": SIGNED_IN, "api_land.freed": SIGNED_IN, "api_land.export": SIGNED_IN,
    "api_land.match": SIGNED_IN, "api_land.output": SIGNED_IN, "api_land.output_export": SIGNED_IN, "api_land.parcel": SIGNED_IN,
    "api_projects.index": SIGNED_IN, "api_projects.export": SIGNED_IN, "api_projects.read": SIGNED_IN, "api_rollups.rollup": SIGNED_IN,
    "api_savings.preview": SIGNED_IN,
    # the search finds only what the reader may read (services/search.py)
    "search.index": SIGNED_IN, "api_search.search": SIGNED_IN,
    # the data-quality checks count only what the reader may read (services/quality.py)
    "quality.index": SIGNED_IN, "api_quality.index": SIGNED_IN,
    "registration.new": STAFF, "registration.edit": STAFF, "registration.parcel_check": STAFF,
    "registration.parcel_upload": STAFF, "projects.delete": STAFF, "api_projects.create": STAFF,
    "api_projects.template": STAFF,
    "api_projects.update": STAFF, "api_projects.delete": STAFF, "api_places.check": STAFF, "imports.upload": STAFF,
    # an enterprise's details: its district's staff, administrators (domain/permissions.py)
    "enterprises.edit": STAFF, "api_reference.edit_enterprise": STAFF,
    # each transition names its roles (domain/workflow.py): staff submit, reviewers approve and verify
    "projects.transition": SIGNED_IN, "api_projects.transition": SIGNED_IN,
    # a batch of them too: the step's roles are checked once for the batch (domain/batch_steps.py)
    "projects.transition_many": SIGNED_IN, "api_projects.transition_many": SIGNED_IN,
    "registration.correct": REVIEWER, "api_projects.correct": REVIEWER,
    "land.act": PLANNER, "api_land.plan": PLANNER, "api_land.withdraw": PLANNER, "api_land.complete": PLANNER,
    "api_land.outputs": PLANNER, "api_land.split": PLANNER, "api_land.merge": PLANNER,
    "targets.index": ADMIN, "targets.save": ADMIN, "targets.delete": ADMIN, "rollups.close": ADMIN,
    "reference.index": SIGNED_IN, "reference.record_equal_value": ADMIN,
    "tokens.create": OWNER, "tokens.revoke": OWNER,
    "account.index": SIGNED_IN, "account.change_password": SIGNED_IN, "account.sign_out_others": SIGNED_IN,
    "users.index": ADMIN, "users.create": ADMIN, "users.detail": ADMIN, "users.rename": ADMIN,
    "users.change_role": ADMIN, "users.set_active": ADMIN, "users.reset_password": ADMIN, "users.sign_out": ADMIN, "users.revoke_token": ADMIN,
    "land_previews.split": PLANNER, "land_previews.merge": PLANNER,
    # reviewers read the projects', parcels' and enterprises' part of it (services/audit_trail.py)
    "audit.index": TRAIL_READERS, "audit.export": TRAIL_READERS,
    # a project's documents: read with the project; added and removed by role and state (domain/documents.py)
    "documents.download": SIGNED_IN, "api_documents.index": SIGNED_IN, "api_documents.download": SIGNED_IN,
    "documents.add": DOCUMENTS, "documents.remove": DOCUMENTS, "api_documents.upload": DOCUMENTS,
    "api_documents.delete": DOCUMENTS,
    # the online monitoring's figures: read by all but planners (services/monitoring.py), loaded by administrators
    "monitoring.index": MONITORING_READERS, "monitoring.upload": ADMIN,
    "api_monitoring.index": MONITORING_READERS, "api_monitoring.load": ADMIN,
}
# A value for each kind of URL variable, to build a URL of every rule.
VALUES = {"fmt": "csv", "layer": "parcels", "z": "1", "x": "1", "y": "1",
          "filename": "x.js", "code": "zh", "path": "x", "chart": "district"}


@pytest.fixture(autouse=True)
def districts(session):
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))


def _routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_is_classified(app):
    assert {rule.endpoint for rule, _ in _routes(app)} == set(ACCESS)


def test_anonymous_requests_reach_only_the_public_routes(app, client):
    reached = []
    for rule, method in _routes(app):
        if ACCESS[rule.endpoint] == PUBLIC:
            continue
        response = client.open(url_of(rule, VALUES), method=method, json={} if method != "GET" else None)
        if rule.rule.startswith(("/api/", "/ogc", "/tiles/")):
            ok = response.status_code == 401
        else:
            ok = response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
        if not ok:
            reached.append((method, rule.rule, response.status_code))
    assert reached == []


def _a_parcel(session) -> int:
    return svc.register_project(session, PUDONG, draft()).parcels[0].id


# (endpoint, method, path, body, the roles refused) — the writes bound to a role, each tried by the others
ROLE_BOUND = [
    ("targets.save", "POST", "/targets", {"year": "2013", "metric": "retrofit_savings_tce", "value": "1"},
     ("district_staff", "city_reviewer", "planner")),
    ("targets.delete", "POST", "/targets/1/delete", {}, ("district_staff", "city_reviewer", "planner")),
    ("rollups.close", "POST", "/rollups/close", {"year": "2013", "rule": "verified"}, ("district_staff", "planner")),
    ("registration.new", "POST", "/projects/new", {"kind": "motor_upgrade"}, ("city_reviewer", "planner")),
    ("api_projects.create", "POST", "/api/v1/projects", PROJECT, ("city_reviewer", "planner")),
    ("imports.upload", "POST", "/imports/upload", {"target": "zones"}, ("district_staff", "city_reviewer", "planner")),
    ("land.act", "POST", "/land/parcels/{parcel}/plan", {"new_use": "M1"}, ("district_staff", "city_reviewer")),
    ("api_land.plan", "POST", "/api/v1/land/parcels/{parcel}/plan", {"new_use": "M1"},
     ("district_staff", "city_reviewer", "admin")),
    ("land_previews.split", "POST", "/land/parcels/{parcel}/split/preview", {"parts": "[]"},
     ("district_staff", "city_reviewer")),
    ("users.create", "POST", "/admin/users", {"username": "intruder", "role": "admin"},
     ("district_staff", "city_reviewer", "planner")),
    ("users.reset_password", "POST", "/admin/users/admin-one/password", {}, ("district_staff", "city_reviewer", "planner")),
    ("audit.index", "GET", "/audit", {}, ("district_staff", "planner")),
    ("monitoring.upload", "POST", "/monitoring", {}, ("district_staff", "city_reviewer", "planner")),
    ("monitoring.index", "GET", "/monitoring", {}, ("planner",)),
    ("api_monitoring.load", "POST", "/api/v1/monitoring",
     {"rows": [{"credit_code": "91310115MA1M000015", "year": 2016, "consumption_tce": 1}]},
     ("district_staff", "city_reviewer", "planner")),
    ("api_monitoring.index", "GET", "/api/v1/monitoring", {}, ("planner",)),
    ("projects.transition_many", "POST", "/projects/transitions", {"action": "approve", "selected": "1-1"},
     ("district_staff", "planner")),
    ("api_projects.transition_many", "POST", "/api/v1/projects/transitions",
     {"action": "verify", "projects": [{"id": 1, "version": 1}]}, ("district_staff", "planner")),
]


@pytest.mark.parametrize("endpoint, method, path, body, refused", ROLE_BOUND, ids=[r[0] for r in ROLE_BOUND])
def test_role_bound_writes_refuse_the_other_roles(app, client, session, make_user, endpoint, method, path, body,
                                                  refused):
    parcel = _a_parcel(session) if "{parcel}" in path else None
    before = _fingerprint(session)
    for role in refused:
        user = make_user(f"{role}-{endpoint}", role, "310115" if role == "district_staff" else None)
        signed = app.test_client()
        signed.post("/login", data={"username": user.username, "password": "test-password-1"})
        api = path.startswith("/api/")
        response = signed.open(path.format(parcel=parcel), method=method, json=body if api else None,
                               data=None if api else body)
        assert response.status_code == 403, (role, response.status_code, response.get_data(as_text=True)[:300])
    assert _fingerprint(session) == before


def _fingerprint(session) -> tuple:
    return tuple(session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                 for t in ("projects", "parcels", "targets", "rollup_closures", "parcel_redevelopments", "import_runs",
                           "energy_monitoring"))


@pytest.fixture
def pudong_draft(session):
    """A Pudong draft on a parcel of its own, and its enterprise."""
    view = svc.register_project(session, PUDONG, draft(title="浦东未公开草稿"))
    enterprise = session.execute(text("SELECT enterprise_id FROM projects WHERE id = :i"), {"i": view.id}).scalar_one()
    return view, view.parcels[0].id, enterprise


def _state(session, project_id: int) -> tuple:
    return session.execute(text("SELECT status, version, title FROM projects WHERE id = :i"), {"i": project_id}).one()


def _document(session, project_id: int) -> int:
    upload = documents.NewDocument("contract", "浦东合同.pdf", samples.pdf("浦东"))
    return documents.add_document(session, PUDONG, project_id, upload, 1024 * 1024).id


def test_minhang_staff_cannot_read_a_pudong_draft_by_any_url(client, login, session, pudong_draft):
    view, parcel, enterprise = pudong_draft
    document = _document(session, view.id)
    login("district_staff", "310112")
    for path in (f"/projects/{view.id}", f"/api/v1/projects/{view.id}", f"/ogc/collections/projects/items/{view.id}",
                 f"/projects/{view.id}/documents/{document}", f"/api/v1/projects/{view.id}/documents",
                 f"/api/v1/projects/{view.id}/documents/{document}", f"/projects/new?from={view.id}",
                 f"/api/v1/projects/{view.id}/template"):
        response = client.get(path)
        assert response.status_code == 404 and "浦东未公开草稿" not in response.get_data(as_text=True), path
    for path in ("/projects?district=310115&status=draft", f"/enterprises/{enterprise}",
                 f"/land/parcels/{parcel}", f"/api/v1/land/parcels/{parcel}", "/api/v1/projects?district=310115",
                 "/ogc/collections/projects/items?limit=1000"):
        body = client.get(path).get_data(as_text=True)
        assert view.reference not in body and "浦东未公开草稿" not in body, path
    # the search repeats what was typed, but finds, counts and opens nothing of the draft
    for path in (f"/search?q={view.reference}", "/search?q=浦东未公开", f"/api/v1/search?q={view.reference}",
                 "/api/v1/search?q=浦东未公开"):
        response = client.get(path)
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and f"/projects/{view.id}" not in body and "浦东未公开草稿" not in body, path
        assert "项目：0" in body if path.startswith("/search") else response.get_json()["projects"]["total"] == 0


def test_its_own_district_and_the_city_roles_see_the_draft_on_its_parcel(client, login, session, pudong_draft):
    view, parcel, _ = pudong_draft
    login("district_staff", "310115")
    assert view.reference in client.get(f"/land/parcels/{parcel}").get_data(as_text=True)
    assert [p["reference"] for p in client.get(f"/api/v1/land/parcels/{parcel}").get_json()["projects"]] \
        == [view.reference]


def test_minhang_staff_cannot_change_a_pudong_draft_by_any_url(client, login, session, pudong_draft):
    view, _, _ = pudong_draft
    document = _document(session, view.id)
    before = _state(session, view.id), _documents(session)
    login("district_staff", "310112")
    attempts = [
        ("GET", f"/projects/{view.id}/edit", None), ("POST", f"/projects/{view.id}/edit", {"title": "改掉"}),
        ("POST", f"/projects/{view.id}/transition", {"action": "submit"}),
        ("POST", f"/projects/{view.id}/delete", {}),
        ("PUT", f"/api/v1/projects/{view.id}", PROJECT | {"title": "改掉"}),
        ("POST", f"/api/v1/projects/{view.id}/transitions", {"action": "submit"}),
        ("DELETE", f"/api/v1/projects/{view.id}", None),
        ("POST", f"/projects/{view.id}/documents/{document}/remove", {}),
        ("DELETE", f"/api/v1/projects/{view.id}/documents/{document}", None),
    ]
    for method, path, body in attempts:
        api = path.startswith("/api/")
        response = client.open(path, method=method, json=body if api else None, data=None if api else body,
                               headers={"If-Match": f'"{view.id}-{view.version}"'} if api else {})
        assert response.status_code in (403, 404), (method, path, response.status_code)
    for path in (f"/projects/{view.id}/documents", f"/api/v1/projects/{view.id}/documents"):
        response = client.post(path, **samples.multipart({"kind": "other"}, ("闵行.pdf", samples.pdf("闵行"))))
        assert response.status_code in (403, 404), (path, response.status_code)
    assert (_state(session, view.id), _documents(session)) == before


def _documents(session) -> tuple:
    return tuple(session.execute(text("SELECT id, sha256 FROM project_documents ORDER BY id")).all())


def test_planners_add_and_remove_no_document_on_any_path(app, session, make_user):
    view = svc.register_project(session, PUDONG, draft(title="浦东项目", new_parcels=()), submit=True)
    reviewer = Actor(None, "reviewer", "city_reviewer")
    note = documents.add_document(session, reviewer, view.id, documents.NewDocument(
        "other", "审核意见.pdf", samples.pdf("意见")), 1024 * 1024).id
    before = _documents(session)
    make_user("planner-docs", "planner")
    planner = app.test_client()
    planner.post("/login", data={"username": "planner-docs", "password": "test-password-1"})
    for path in (f"/projects/{view.id}/documents", f"/api/v1/projects/{view.id}/documents"):
        response = planner.post(path, **samples.multipart({"kind": "other"}, ("规划.pdf", samples.pdf("规划"))))
        assert response.status_code == 403, (path, response.status_code)
    assert planner.post(f"/projects/{view.id}/documents/{note}/remove").status_code == 403
    assert planner.delete(f"/api/v1/projects/{view.id}/documents/{note}").status_code == 403
    assert _documents(session) == before


def test_a_token_is_revoked_only_by_its_owner_or_an_administrator(client, login, session, make_user):
    make_user("owner", "planner")
    token = tokens.create_token(session, Actor.system(), "owner", "ci", tokens.expiry(days=7))
    login("district_staff", "310112")
    response = client.post(f"/account/tokens/{token.token.id}/revoke")
    assert response.status_code in (403, 404)
    assert session.execute(text("SELECT revoked_at FROM api_tokens WHERE id = :i"),
                           {"i": token.token.id}).scalar_one() is None


def test_a_token_cannot_manage_tokens(app, session, make_user):
    """A leaked token must not mint others that outlive its revocation, nor revoke the owner's."""
    make_user("owner", "planner")
    token = tokens.create_token(session, Actor.system(), "owner", "ci", tokens.expiry(days=7))
    bearer = {"Authorization": f"Bearer {token.secret}"}
    assert app.test_client().get("/api/v1/districts", headers=bearer).status_code == 200
    assert app.test_client().post("/account/tokens", data={"name": "persist", "days": "365"},
                                  headers=bearer).status_code == 403
    assert app.test_client().post(f"/account/tokens/{token.token.id}/revoke", headers=bearer).status_code == 403
    assert session.execute(text("SELECT count(*) FROM api_tokens")).scalar_one() == 1
