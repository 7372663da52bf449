"""A claim is kept only for the document it was computed from, also when the document changes while it
is computed (``project_claims.store``, migration 0041): committed data, and a second connection changing
a project's document meanwhile. The reading answers by its own snapshot and keeps no claim of a project
whose change is under way (it waits a moment for it, then gives up), so the next reading, after the
change, checks the document as changed."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from registry.services import monitoring as monitoring_service
from registry.services import monitoring_checks
from registry.services import projects as svc
from tests.integration.monitoring_data import ADMIN, code, csv_file
from tests.integration.project_data import EXIT_INPUTS, PUDONG, REVIEWER, draft
from tests.integration.test_concurrent_writes import districts_engine

# 800 t of raw coal: 571.44 tce of 2012, +2.04 % of the 560 monitored (900 t: 642.87, +14.80 %: flagged)
WITHIN = {**EXIT_INPUTS, "energy_use": [{"energy": "raw_coal", "quantity": 800, "unit": "t"}]}


@pytest.fixture(scope="module")
def engine(fresh_database_url):
    yield from districts_engine(fresh_database_url, "registry_test_claim_locks")


@pytest.fixture
def flagged_exit(engine, tmp_path) -> int:
    """A committed exit of 2013 claiming 642.87 tce of 2012 against 560 monitored: flagged."""
    with Session(engine) as session:
        view = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", inputs=EXIT_INPUTS,
                                                           credit_code=code(2), enterprise_name="上海锁测试有限公司",
                                                           new_parcels=()))
        monitoring_service.import_monitoring(session, ADMIN, csv_file(tmp_path, [(code(2), 2012, "560", "")]))
    return view.id


def kept(engine, project_id: int) -> list:
    with engine.connect() as conn:
        return conn.execute(text("SELECT consumption_tce FROM project_claims WHERE project_id = :id"),
                            {"id": project_id}).scalars().all()


def test_a_claim_computed_while_its_document_changes_is_not_kept(engine, flagged_exit):
    with engine.connect() as other:
        other.begin()
        other.execute(text("UPDATE projects SET inputs = CAST(:inputs AS jsonb) WHERE id = :id"),
                      {"inputs": json.dumps(WITHIN), "id": flagged_exit})
        with Session(engine) as session:  # reads the document as committed: flagged, as it is until the change commits
            assert monitoring_checks.flagged_among(session, REVIEWER, project_ids=[flagged_exit]) == [flagged_exit]
        assert kept(engine, flagged_exit) == []  # the project's row was held: its claim is not kept
        other.commit()
    with Session(engine) as session:
        assert monitoring_checks.flagged_among(session, REVIEWER, project_ids=[flagged_exit]) == []
    assert kept(engine, flagged_exit) == [Decimal("571.44")]


def test_a_document_changed_after_its_claim_was_kept_forgets_it(engine, flagged_exit):
    with Session(engine) as session:
        assert monitoring_checks.flagged_among(session, REVIEWER, project_ids=[flagged_exit]) == [flagged_exit]
    assert kept(engine, flagged_exit) == [Decimal("642.87")]
    with engine.begin() as other:
        other.execute(text("UPDATE projects SET inputs = CAST(:inputs AS jsonb) WHERE id = :id"),
                      {"inputs": json.dumps(WITHIN), "id": flagged_exit})
    assert kept(engine, flagged_exit) == []
    with Session(engine) as session:
        assert monitoring_checks.flagged_among(session, REVIEWER, project_ids=[flagged_exit]) == []
