"""A record with no history of its own (loaded from a dataset file or the demo) says so, instead
of an empty History card."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from registry.models import Project
from registry.services.loading import load_dataset
from registry.services.records import parse_dataset
from tests.integration.test_loading import document

pytestmark = pytest.mark.usefixtures("districts")


def test_a_project_without_recorded_changes_says_so(client, login, session):
    login("district_staff", "310115")
    load_dataset(session, parse_dataset(document()))  # `registry load` writes no history
    loaded = session.scalars(select(Project.id).where(Project.reference == "2013-310115-0001")).one()
    page = client.get(f"/projects/{loaded}").get_data(as_text=True)
    assert "历史记录" in page and "暂无变更记录。" in page
