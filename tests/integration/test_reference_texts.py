"""Reference data a user reads beside every figure (the trace's factor sources, the targets'
documents) speaks the registry's languages, not the developers' notes it was seeded from
(migrations 0015 and 0016)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import text

from registry.services import projects as svc
from registry.services.demo.targets import seed_document_targets
from tests.integration.test_projects import PUDONG, districts, draft  # noqa: F401

VERSIONS = Path(__file__).parents[2] / "migrations" / "versions"


def _migration(name: str = "0015_equal_value_source_text"):
    spec = importlib.util.spec_from_file_location(f"migration_{name}", VERSIONS / f"{name}.py")
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


def test_the_demo_targets_cite_their_documents_by_title():
    sources = {target.source for target in seed_document_targets()}
    assert sources == set(_migration("0016_target_source_titles").TITLES.values())
    assert not any("seed" in source for source in sources)


def test_targets_loaded_with_the_seed_notes_cite_the_titles_after_the_migration_and_edited_ones_stay(session):
    migration = _migration("0016_target_source_titles")
    old_2013, old_2017 = migration.TITLES
    session.execute(text(
        "INSERT INTO targets (year, scope, metric, kind, value, unit, source) VALUES "
        "(2013, 'city', 'structural_adjustment_projects', 'plan', 500, '项', :old_2013), "
        "(2017, 'city', 'structural_adjustment_projects', 'plan', 1000, '项', :old_2017), "
        "(2016, 'city', 'structural_adjustment_projects', 'actual', 1176, '项', '市统计局快报')"),
        {"old_2013": old_2013, "old_2017": old_2017})
    with Operations.context(MigrationContext.configure(session.connection())):
        migration.upgrade()
    sources = dict(session.execute(text("SELECT year, source FROM targets")).all())
    assert sources == {2013: "《上海市经济和信息化委员会2013年工作要点》",
                       2017: "2017年上海市经济和信息化系统工作会议产业和信息化工作报告", 2016: "市统计局快报"}
