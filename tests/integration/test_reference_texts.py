"""Reference data a user reads beside every figure (the trace's factor sources, the targets'
documents) speaks the registry's languages, not the developers' notes it was seeded from
(migrations 0015, 0016 and 0017)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import text

from registry.catalogues import translator
from registry.domain.trace_storage import render_stored_trace
from registry.i18n import presenter
from registry.services import projects as svc
from registry.services.demo.targets import seed_document_targets
from tests.integration.project_data import PUDONG, draft

pytestmark = pytest.mark.usefixtures("districts")

VERSIONS = Path(__file__).parents[2] / "migrations" / "versions"
LANGUAGES = "0017_equal_value_source_languages"
MESSAGES = "0021_stored_trace_messages"  # traces in the text form 0015 and 0017 rewrote


def _migration(name: str = "0015_equal_value_source_text"):
    spec = importlib.util.spec_from_file_location(f"migration_{name}", VERSIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _migrate(session, name: str, direction: str = "upgrade") -> None:
    with Operations.context(MigrationContext.configure(session.connection())):
        getattr(_migration(name), direction)()


def _sources(session) -> list[tuple[str, str | None]]:
    return session.execute(text("SELECT DISTINCT source, source_en FROM electricity_equal_values")).all()


def _stored_sources(session, project_id: int) -> tuple[str, str]:
    """The equal value's source in a project's stored trace: in English, and in Chinese (the trace's
    Chinese copy while it is in the text form of the migrations before 0021)."""
    trace = session.execute(text("SELECT savings_trace FROM projects WHERE id = :id"), {"id": project_id}).scalar_one()

    def source(rendered) -> str:
        return next(f["source"] for f in rendered["factors"] if f["basis"] == "equal_value")

    if "translations" in trace:
        return source(trace), source(trace["translations"]["zh_Hans_CN"])
    return tuple(source(render_stored_trace(trace, translator(locale), presenter(locale)))
                 for locale in ("en", "zh_Hans_CN"))


def test_the_equal_value_sources_are_stored_in_chinese_and_in_english(session):
    languages = _migration(LANGUAGES)
    assert _sources(session) == [(languages.CHINESE, languages.ENGLISH)]
    assert languages.CHINESE == "全国平均供电煤耗，二手资料，待核实"


def test_a_trace_quotes_the_source_in_each_language_alone(session):
    languages = _migration(LANGUAGES)
    view = svc.register_project(session, PUDONG, draft(new_parcels=()))  # a motor upgrade: saves electricity
    assert _stored_sources(session, view.id) == (languages.ENGLISH, languages.CHINESE)


def test_traces_stored_with_the_old_words_read_the_seeded_then_the_split_ones(session):
    seeded, languages = _migration(), _migration(LANGUAGES)
    view = svc.register_project(session, PUDONG, draft(new_parcels=()))
    _migrate(session, MESSAGES, "downgrade")
    _migrate(session, LANGUAGES, "downgrade")
    assert _stored_sources(session, view.id) == (languages.BOTH, languages.BOTH)
    session.execute(text("UPDATE projects SET savings_trace = replace(savings_trace::text, :new, :old)::jsonb "
                         "WHERE id = :id"), {"new": seeded.SOURCE, "old": seeded.SEEDED, "id": view.id})
    _migrate(session, "0015_equal_value_source_text")
    assert _stored_sources(session, view.id) == (seeded.SOURCE, seeded.SOURCE)
    _migrate(session, LANGUAGES)
    assert _stored_sources(session, view.id) == (languages.ENGLISH, languages.CHINESE)
    _migrate(session, MESSAGES)
    assert _stored_sources(session, view.id) == (languages.ENGLISH, languages.CHINESE)


def test_splitting_the_sources_runs_both_ways_and_keeps_a_source_written_since(session):
    languages = _migration(LANGUAGES)
    session.execute(text("INSERT INTO electricity_equal_values (year, value_kgce_per_kwh, source) "
                         "VALUES (2030, 0.29, '市统计局快报')"))
    _migrate(session, LANGUAGES, "downgrade")
    columns = session.execute(text("SELECT column_name FROM information_schema.columns "
                                   "WHERE table_name = 'electricity_equal_values'")).scalars().all()
    assert "source_en" not in columns
    assert set(session.execute(text("SELECT DISTINCT source FROM electricity_equal_values")).scalars()) == {
        languages.BOTH, "市统计局快报"}
    _migrate(session, LANGUAGES)
    assert set(_sources(session)) == {(languages.CHINESE, languages.ENGLISH), ("市统计局快报", None)}


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
