"""Fixtures of the page tests (the app, client, login and districts are in tests/conftest.py)."""
from __future__ import annotations

import pytest

from tests.web.project_form import form


@pytest.fixture
def project_url(client, login, districts):
    """The page of a Pudong motor upgrade submitted through the registration form, signed in as its
    district's staff."""
    login("district_staff", "310115")
    response = client.post("/projects/new", data=form(save="submit"))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"]
