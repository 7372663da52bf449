"""The registration form as the wizard posts it, for the page tests: a Pudong motor upgrade of 2013
on a new parcel (tests/integration/project_data.py), how many projects the database holds, and a
project as the services hold it."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from registry.models import Project
from registry.services.projects import ProjectView, get_project
from tests.integration.project_data import CREDIT, MOTORS, REVIEWER, SQUARE

JSON = {"Accept": "application/json"}


def form(**overrides) -> dict:
    """The wizard's fields, with ``overrides`` (strings, as a browser sends them)."""
    values = {"kind": "motor_upgrade", "year": "2013", "title": "电机改造", "district_code": "310115",
              "credit_code": CREDIT, "enterprise_name": "上海测试电机有限公司", "inputs": json.dumps(MOTORS),
              "new_parcels": json.dumps([{"type": "Feature", "geometry": SQUARE, "properties": {"land_use_class": "M2"}}]),
              "parcel_ids": "", "investment_wan_yuan": "120", "save": "draft"}
    return values | overrides


def projects(session) -> int:
    return session.execute(select(func.count()).select_from(Project)).scalar_one()


def project_view(session, project_id: int) -> ProjectView:
    """The project as the services hold it (read as a city reviewer), to check what a page stored."""
    return get_project(session, REVIEWER, project_id)
