"""Fixtures of the page tests (the app, client, login and districts are in tests/conftest.py)."""
from __future__ import annotations

import pytest
from sqlalchemy import event, text

from tests.web.project_form import form


@pytest.fixture
def project_url(client, login, districts):
    """The page of a Pudong motor upgrade submitted through the registration form, signed in as its
    district's staff."""
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(save="submit"))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"]


@pytest.fixture
def real_ids(project_url, session):
    """Ids of real records for every URL variable of the app (tests/web/route_urls.py): a project
    registered through the form by "district_staff-310115", its enterprise and parcel."""
    project_id = project_url.rstrip("/").rsplit("/", 1)[1]
    enterprise_id, credit_code = session.execute(text(
        "SELECT e.id, e.credit_code FROM projects p JOIN enterprises e ON e.id = p.enterprise_id WHERE p.id = :id"),
        {"id": int(project_id)}).one()
    parcel_id = str(session.execute(text("SELECT parcel_id FROM project_parcels WHERE project_id = :id"),
                                    {"id": int(project_id)}).scalar_one())
    return {"project_id": project_id, "parcel_id": parcel_id, "enterprise_id": str(enterprise_id),
            "credit_code": credit_code, "username": "district_staff-310115", "feature_id": parcel_id, "slug": "signing-in",
            "fmt": "csv", "layer": "parcels", "collection_id": "parcels", "z": "10", "x": "857", "y": "418",
            "filename": "x.js", "code": "310115"}


@pytest.fixture
def statements(connection) -> list[tuple[str, dict]]:
    """The statements the test's connection runs from when the fixture is asked for, with their parameters."""
    seen: list[tuple[str, dict]] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((" ".join(statement.split()), parameters))

    event.listen(connection, "before_cursor_execute", record)
    yield seen
    event.remove(connection, "before_cursor_execute", record)
