"""GET /api/v1/parcels and /api/v1/parcels/export: the parcel list page's filters, order, pages and
download as JSON and files, its rules (422 naming a bad parameter, in the client's language), the
projects named as the reader may read them, and both operations in the OpenAPI document."""
from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select, text

from geo import queries
from registry.domain.permissions import Actor
from registry.models import AuditEntry
from registry.services import projects as svc
from tests.integration.land_data import A, B
from tests.integration.project_data import draft

STAFF_A = Actor(None, "a-staff", "district_staff", A)
ALL = ["T-P1", "T-P2", "T-P3", "T-P4", "T-P5", "T-P7"]  # every live parcel: in use too, not the end-dated P6


@pytest.fixture
def _with_districts():
    """The land test map brings districts A and B of its own (tests/integration/land_data.py), which
    the real districts of the API tests' conftest would collide with."""


@pytest.fixture
def tied(session, ids):
    """A draft of district A holding P1 and P5."""
    return svc.register_project(session, STAFF_A, draft(district_code=A, new_parcels=(), parcel_ids=(ids["P1"], ids["P5"])))


@pytest.fixture
def reviewer(ids, bearer):
    return bearer("reviewer", "city_reviewer")


@pytest.fixture
def staff_b(ids, bearer):
    return bearer("b-staff", "district_staff", B)


def _codes(body) -> list[str]:
    return [item["code"] for item in body["items"]]


def test_the_list_gives_each_parcel_with_the_projects_the_reader_may_read(client, ids, tied, reviewer, staff_b):
    body = client.get("/api/v1/parcels", headers=reviewer).get_json()
    assert _codes(body) == ALL
    assert (body["total"], body["page"], body["page_size"], body["pages"], body["next"], body["previous"]) == (
        6, 1, 50, 1, None, None)
    p1 = body["items"][0]
    assert p1 == {"id": ids["P1"], "code": "T-P1", "district_code": A, "zone_kind": "development_zone",
                  "land_use_class": "M1", "area_m2": p1["area_m2"], "status": "freed", "is_illustrative": False,
                  "projects": [{"id": tied.id, "reference": tied.reference,
                                "href": f"http://localhost/api/v1/projects/{tied.id}"}],
                  "href": f"http://localhost/api/v1/parcels/{ids['P1']}"}
    assert 42_000 < p1["area_m2"] < 42_600 and body["area_m2"] > sum(item["area_m2"] for item in body["items"][1:])
    # B's staff may not read A's draft: not named, and the parcels are held by no project of theirs
    other = client.get("/api/v1/parcels?project=without", headers=staff_b).get_json()
    assert _codes(other) == ALL and all(item["projects"] == [] for item in other["items"])


def test_the_filters_and_the_order_are_the_pages(client, ids, tied, reviewer, staff_b):
    def codes(query):
        response = client.get(f"/api/v1/parcels?{query}", headers=reviewer)
        assert response.status_code == 200, response.get_json()
        return _codes(response.get_json())

    assert codes("status=in_use&status=freed&sort=area_m2&dir=desc&project=with") == ["T-P1", "T-P5"]
    assert codes("project=without&code=t-p") == ["T-P2", "T-P3", "T-P4", "T-P7"]
    assert codes(f"district={A}&land_use=M1") == ["T-P1", "T-P4", "T-P5"]
    assert codes("zone_kind=development_zone&sort=code&dir=desc") == ["T-P5", "T-P1"]
    assert codes("area_max=2&area_unit=ha&status=in_use,redeveloped") == ["T-P5", "T-P7"]
    # district staff are not narrowed to their district (the page opens on it; a client names it)
    assert _codes(client.get("/api/v1/parcels", headers=staff_b).get_json()) == ALL


def test_pages_link_to_each_other_with_the_same_filters(client, session, ids, reviewer):
    for n in range(25):  # 31 live parcels in district A's corner, all in use
        session.execute(text("INSERT INTO parcels (code, geom, land_use_class, status, valid_from) VALUES (:code, "
                             "ST_Multi(ST_MakeEnvelope(121.401 + :x, 31.201, 121.4015 + :x, 31.2015, 4326)), 'M1', "
                             "'in_use', DATE '2010-01-01')"), {"code": f"T-Q{n:02}", "x": n * 0.001})
    queries.derive_parcel_locations(session, list(session.scalars(text("SELECT id FROM parcels WHERE code LIKE 'T-Q%'"))))
    first = client.get("/api/v1/parcels?status=in_use&page_size=25&sort=code", headers=reviewer)
    body = first.get_json()
    assert (body["total"], body["pages"], len(body["items"]), body["previous"]) == (26, 2, 25, None)
    assert first.headers["Link"] == f'<{body["next"]}>; rel="next"'
    assert "page=2" in body["next"] and "status=in_use" in body["next"] and "dir=asc" in body["next"]
    second = client.get(body["next"], headers=reviewer)
    assert _codes(second.get_json()) == ["T-Q24"] and "Link" not in second.headers
    assert "page=1" in second.get_json()["previous"] and second.get_json()["next"] is None
    beyond = client.get("/api/v1/parcels?status=in_use&page_size=25&page=9", headers=reviewer).get_json()
    assert beyond["items"] == [] and beyond["total"] == 26  # a page beyond the last has no items


@pytest.mark.parametrize("query, field", [
    ("status=demolished", "status"), ("page_size=30", "page_size"), ("page=0", "page"), ("page=abc", "page"),
    ("sort=freed_on", "sort"), ("dir=up", "dir"), ("area_min=abc", "area_min"), ("project=some", "project"),
    ("district=31011", "district"), ("zone_kind=park", "zone_kind"), ("area_unit=acre", "area_unit")])
def test_a_value_it_cannot_use_is_refused_naming_it(client, reviewer, query, field):
    response = client.get(f"/api/v1/parcels?{query}", headers=reviewer)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_a_refusal_speaks_the_clients_language(client, reviewer):
    chinese = client.get("/api/v1/parcels?status=demolished", headers=reviewer).get_json()
    english = client.get("/api/v1/parcels?status=demolished", headers=reviewer | {"Accept-Language": "en"}).get_json()
    assert chinese["title"] == "输入有误" and "未知取值" in chinese["errors"]["status"]
    assert english["title"] != chinese["title"] and "unknown value “demolished”" in english["errors"]["status"]


def test_the_download_has_the_lists_filters_and_is_audited(client, session, ids, tied, reviewer):
    response = client.get(f"/api/v1/parcels/export?format=csv&district={A}&sort=area_m2&dir=desc",
                          headers=reviewer | {"Accept-Language": "en"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="parcels-')
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][0] == "Parcel code" and [r[0] for r in rows[1:]] == ["T-P1", "T-P4", "T-P5", "T-P7"]
    assert tied.reference in rows[1]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert (entry.entity, entry.channel) == ("parcel_list", "api")
    for query, field in (("format=pdf", "format"), ("status=x", "status")):
        refused = client.get(f"/api/v1/parcels/export?{query}", headers=reviewer)
        assert refused.status_code == 422 and field in refused.get_json()["errors"]


def test_the_openapi_document_lists_the_list_and_its_download(client, reviewer):
    paths = client.get("/api/v1/openapi.json", headers=reviewer).get_json()["paths"]
    listing = paths["/api/v1/parcels"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {
        "district", "zone_kind", "land_use", "status", "area_min", "area_max", "area_unit", "code", "project", "sort",
        "dir", "page", "page_size"}
    export = paths["/api/v1/parcels/export"]["get"]
    assert "format" in {p["name"] for p in export["parameters"]}
    assert set(export["responses"]["200"]["content"]) == {
        "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
