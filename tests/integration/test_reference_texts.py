"""Reference data a user reads beside every figure (the trace's factor sources) speaks the
registry's languages, not the developers' notes it was seeded from (migration 0015)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import text

from registry.services import projects as svc
from tests.integration.test_projects import PUDONG, districts, draft  # noqa: F401

MIGRATION = Path(__file__).parents[2] / "migrations" / "versions" / "0015_equal_value_source_text.py"


def _migration():
    spec = importlib.util.spec_from_file_location("migration_0015", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _trace_text(session, project_id: int) -> str:
    return session.execute(text("SELECT savings_trace::text FROM projects WHERE id = :id"), {"id": project_id}).scalar_one()


def test_the_equal_value_sources_are_in_chinese_first_and_name_no_developer_file(session):
    sources = session.execute(text("SELECT DISTINCT source FROM electricity_equal_values")).scalars().all()
    assert sources == [_migration().SOURCE] and _migration().SOURCE.startswith("全国平均供电煤耗")


def test_a_trace_stored_with_the_old_words_reads_the_new_ones_after_the_migration(session):
    migration = _migration()
    view = svc.register_project(session, PUDONG, draft(new_parcels=()))  # a motor upgrade: saves electricity
    assert migration.SOURCE in _trace_text(session, view.id)
    session.execute(text("UPDATE projects SET savings_trace = replace(savings_trace::text, :new, :old)::jsonb "
                         "WHERE id = :id"), {"new": migration.SOURCE, "old": migration.SEEDED, "id": view.id})
    assert migration.SEEDED in _trace_text(session, view.id)
    with Operations.context(MigrationContext.configure(session.connection())):
        migration.upgrade()
    stored = _trace_text(session, view.id)
    assert migration.SEEDED not in stored and migration.SOURCE in stored
