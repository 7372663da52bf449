"""Every download of a list or a report is named ``<what>-<day it was taken>.<format>``, as the project
list's and the rollup drill-down's were: the rollup workbook, the audit trail, freed land and land
output were not dated, so two downloads of a year's report a month apart had the same name."""
from __future__ import annotations

from registry import clock
from tests.integration import rollup_data
from tests.integration.land_data import B


def _named(response, stem: str, fmt: str) -> None:
    name = f"{stem}-{clock.today().isoformat()}.{fmt}"
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"


def test_the_rollup_report_is_dated_as_its_drill_down(client, login, session):
    rollup_data.load(session)
    login("admin")
    for fmt in ("xlsx", "csv", "json"):
        _named(client.get(f"/rollups/export?year=2013&format={fmt}"), "rollup-2013-verified", fmt)
    _named(client.get("/rollups/export?year=2013&district=310115&format=csv"), "rollup-2013-verified-310115", "csv")
    _named(client.get("/rollups/projects/export?year=2013&format=csv"), "rollup-projects-2013-verified", "csv")
    assert client.post("/rollups/close", data={"year": "2013", "rule": "verified"}).status_code == 302
    _named(client.get("/rollups/export?year=2013&format=xlsx&frozen=1"), "rollup-2013-verified-frozen", "xlsx")


def test_the_audit_trail_and_the_land_downloads_are_dated(client, login, ids):
    login("admin")
    _named(client.get("/audit/export?format=csv"), "audit-trail", "csv")
    _named(client.get(f"/api/v1/land/freed/export.csv?district={B}"), f"freed-land-{B}", "csv")
    _named(client.get("/land/output/export?format=csv&year=2017&level=district"), "land-output-2017-district", "csv")


def test_the_project_list_download_names_its_district_and_year_as_the_parcel_list(client, login, session):
    rollup_data.load(session)
    login("admin")
    _named(client.get("/projects/export?format=csv"), "projects", "csv")
    _named(client.get("/projects/export?district=310115&year=2013&format=csv"), "projects-310115-2013", "csv")
    # any other filter (a kind, a status, the search text…) is said as the parcel list says it; the sort is none
    _named(client.get("/projects/export?district=310115&kind=motor_upgrade&sort=title&format=csv"),
           "projects-310115-filtered", "csv")
    _named(client.get("/projects/export?q=P1&format=xlsx"), "projects-filtered", "xlsx")
