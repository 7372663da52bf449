"""Times on pages are Shanghai time in the reader's language, whatever zone the database session is in.
The UX audit (22:10 UTC = 06:10 on 5 December in Shanghai) saw "2026年12月5日 22:10" in a project's
history: the Shanghai date with the UTC time."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from registry.models import AuditEntry
from registry.services import projects as svc
from registry.services.demo.districts import shipped_districts
from registry.services.loading import load_dataset
from registry.services.records import Dataset
from tests.integration.project_data import PUDONG, draft

AUDIT_RUN = datetime(2026, 12, 4, 22, 10, tzinfo=timezone.utc)  # 06:10 on 5 December in Shanghai


@pytest.fixture
def project_id(session) -> int:
    load_dataset(session, Dataset(districts=tuple(shipped_districts())))
    view = svc.register_project(session, PUDONG, draft())
    session.add(AuditEntry(at=AUDIT_RUN, action="submit", entity="project", entity_id=str(view.id), changes={},
                           channel="web"))
    session.commit()
    return view.id


@pytest.mark.parametrize("lang, shown, wrong", [
    ("zh_Hans_CN", "2026年12月5日 06:10", "22:10"),
    ("en", "Dec 5, 2026, 6:10\u202fAM", "10:10"),
])
def test_a_history_entry_shows_shanghai_time_in_the_readers_language(client, login, session, project_id,
                                                                       lang, shown, wrong):
    login("district_staff", "310115")
    session.execute(text("SET LOCAL TIME ZONE 'UTC'"))  # the database hands timestamps back in UTC
    page = client.get(f"/projects/{project_id}?lang={lang}").get_data(as_text=True)
    assert f"<time>{shown}</time>" in page
    assert wrong not in page
