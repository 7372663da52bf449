"""API tests: the real districts, users with bearer tokens, a valid project body."""
from __future__ import annotations

import copy

import pytest

from registry.domain.permissions import Actor
from registry.services import tokens
from tests.integration.project_data import CREDIT, SQUARE

# The integration tests' motor group without the optional "remanufactured", as a client may send it.
MOTORS = {"kind": "motor_upgrade", "year": 2013, "motors": [{"count": 1, "rated_kw": 55, "load_factor": 0.75,
          "hours_per_year": 6000, "efficiency_before": 0.921, "efficiency_after": 0.946}]}
PROJECT = {"kind": "motor_upgrade", "year": 2013, "title": "高效电机改造", "district_code": "310115",
           "credit_code": CREDIT, "enterprise_name": "上海测试电机有限公司", "inputs": MOTORS,
           "new_parcels": [{"geometry": SQUARE, "land_use_class": "M2"}]}


@pytest.fixture(autouse=True)
def _with_districts(districts):
    """Every API test runs with the 16 real districts (the ``districts`` fixture of tests/conftest.py)."""


@pytest.fixture
def bearer(session, make_user):
    """``bearer("pudong", "district_staff", "310115")`` → headers with a fresh token for a new user."""
    def issue(username: str, role: str, district_code: str | None = None) -> dict[str, str]:
        make_user(username, role, district_code)
        created = tokens.create_token(session, Actor.system(), username, "test", tokens.expiry(days=30))
        return {"Authorization": f"Bearer {created.secret}"}

    return issue


@pytest.fixture
def pudong(bearer):
    return bearer("pudong", "district_staff", "310115")


@pytest.fixture
def minhang(bearer):
    return bearer("minhang", "district_staff", "310112")


@pytest.fixture
def project_body():
    return copy.deepcopy(PROJECT)
