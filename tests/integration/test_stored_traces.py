"""A project's stored trace keeps its words as messages and reads in each reader's language with
today's catalogue; traces stored as text before (English plus a Chinese copy) are converted by
migration 0021, computed again where their figures come out the same (docs/accounting.md §7.2)."""
from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import text

from registry.catalogues import translator
from registry.domain.json_text import dump_json, load_stored_json
from registry.domain.trace_storage import STORED_FORMAT, render_stored_trace
from registry.i18n import presenter
from registry.services import projects as svc
from registry.domain.rollups import RollupQuery
from registry.services.rollups import projects_behind
from tests.integration.project_data import PUDONG, draft

pytestmark = pytest.mark.usefixtures("districts")


MIGRATION = Path(__file__).parents[2] / "migrations" / "versions" / "0021_stored_trace_messages.py"
# A retrofit whose baseline ledger was kept in standard coal: 500 tce before, 300 t of raw coal after.
GIVEN_IN_STANDARD_COAL = {"kind": "technical_retrofit", "year": 2013, "method": "ipmvp_b",
                          "energy_before": [{"energy": "raw_coal", "quantity": 500, "unit": "tce"}],
                          "energy_after": [{"energy": "raw_coal", "quantity": 300, "unit": "t"}]}


def _migrate(session, direction: str) -> None:
    spec = importlib.util.spec_from_file_location("migration_0021", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with Operations.context(MigrationContext.configure(session.connection())):
        getattr(module, direction)()


def _stored(session, project_id: int) -> dict:
    return load_stored_json(session.execute(text("SELECT savings_trace::text FROM projects WHERE id = :id"),
                                            {"id": project_id}).scalar_one())


def _store(session, project_id: int, trace: dict) -> None:
    session.execute(text("UPDATE projects SET savings_trace = CAST(:trace AS jsonb) WHERE id = :id"),
                    {"trace": dump_json(trace), "id": project_id})


def _read(stored: dict, locale: str) -> dict:
    return render_stored_trace(stored, translator(locale), presenter(locale))


def _retrofit(session) -> int:
    return svc.register_project(session, PUDONG, draft(kind="technical_retrofit", inputs=GIVEN_IN_STANDARD_COAL,
                                                       new_parcels=())).id


def _as_stored_before_2026_12_05(session, project_id: int) -> dict:
    """The project's trace in the text form, with the words of a line given in standard coal as they
    were stored before 2026-12-05: lower-case English energy, English words inside the formula."""
    _migrate(session, "downgrade")
    trace = _stored(session, project_id)
    for copy in (trace, trace["translations"]["zh_Hans_CN"]):
        step = copy["steps"][0]
        assert step["formula"] == "500 tce", step
        step["formula"] = "500 tce (given in standard coal)"
    trace["steps"][0]["label"] = "raw coal in standard coal"
    trace["translations"]["zh_Hans_CN"]["steps"][0]["label"] = "原煤折标准煤"
    _store(session, project_id, trace)
    return trace


def test_a_trace_is_stored_as_messages_and_read_in_each_language(session):
    project_id = _retrofit(session)
    stored = _stored(session, project_id)
    assert stored["format"] == STORED_FORMAT and "translations" not in stored
    assert stored["steps"][0]["label"]["msgid"] == "%(energy)s, given in standard coal"
    assert _read(stored, "zh_Hans_CN")["steps"][0]["label"] == "原煤（以标准煤计）"
    assert _read(stored, "en")["steps"][0]["label"] == "Raw coal, given in standard coal"
    assert _read(stored, "en")["steps"][0]["value"] == 500


def test_a_trace_stored_with_untranslated_words_reads_todays_words_after_the_migration(session):
    project_id = _retrofit(session)
    fresh = _stored(session, project_id)
    old = _as_stored_before_2026_12_05(session, project_id)
    assert "(given in standard coal)" in old["translations"]["zh_Hans_CN"]["steps"][0]["formula"]
    _migrate(session, "upgrade")
    converted = _stored(session, project_id)
    assert converted == fresh  # computed again: the same figures, today's words
    chinese, english = _read(converted, "zh_Hans_CN"), _read(converted, "en")
    assert (chinese["steps"][0]["label"], chinese["steps"][0]["formula"]) == ("原煤（以标准煤计）", "500 tce")
    assert english["steps"][0]["label"] == "Raw coal, given in standard coal"
    assert not any("given in standard coal" in step["formula"] for step in chinese["steps"] + english["steps"])


def test_a_trace_whose_figures_no_longer_come_out_keeps_its_figures_and_its_words(session):
    # A factor edited since the savings were computed: computing again would change the figures the
    # project was counted with, so the trace stays as it was, each text in its own language.
    project_id = _retrofit(session)
    old = _as_stored_before_2026_12_05(session, project_id)
    old["steps"][-1]["value"] = Decimal("286.28")  # not what today's factors give
    old["translations"]["zh_Hans_CN"]["steps"][-1]["value"] = Decimal("286.28")
    _store(session, project_id, old)
    _migrate(session, "upgrade")
    converted = _stored(session, project_id)
    assert converted["format"] == STORED_FORMAT
    chinese, english = _read(converted, "zh_Hans_CN"), _read(converted, "en")
    assert [s["value"] for s in english["steps"]] == [s["value"] for s in old["steps"]]
    assert [s["formula"] for s in chinese["steps"]] == [s["formula"] for s in old["steps"]]
    assert [s["label"] for s in english["steps"]] == [s["label"] for s in old["steps"]]
    assert [s["label"] for s in chinese["steps"]] == [s["label"] for s in old["translations"]["zh_Hans_CN"]["steps"]]
    assert [f["source"] for f in chinese["factors"]] == [
        f["source"] for f in old["translations"]["zh_Hans_CN"]["factors"]]


def test_the_drill_down_still_summarises_the_savings_step_of_a_trace_kept_as_written(session):
    project_id = _retrofit(session)
    old = _as_stored_before_2026_12_05(session, project_id)
    old["steps"][0]["value"] = Decimal("499")  # figures that no longer come out: kept as written
    _store(session, project_id, old)
    _migrate(session, "upgrade")
    session.execute(text("UPDATE projects SET status = 'verified', completed_on = '2013-06-01', "
                         "verified_on = '2013-07-01' WHERE id = :id"), {"id": project_id})
    line, = projects_behind(session, RollupQuery(2013, rule="verified"), ["technical_retrofit"]).lines
    assert line.trace_summary == f"{old['steps'][-1]['formula']} = {old['steps'][-1]['value']} tce"


def test_the_migration_runs_both_ways(session):
    project_id = _retrofit(session)
    fresh = _stored(session, project_id)
    _migrate(session, "downgrade")
    text_form = _stored(session, project_id)
    assert "format" not in text_form
    assert text_form["steps"][0]["label"] == "Raw coal, given in standard coal"
    assert text_form["translations"]["zh_Hans_CN"]["steps"][0]["label"] == "原煤（以标准煤计）"
    _migrate(session, "upgrade")
    assert _stored(session, project_id) == fresh


def test_the_drill_down_summarises_a_trace_stored_before_its_labels_were_recased(session):
    # 2026-12: "savings" became "Savings" (trace_storage.RENAMED_MSGIDS); a trace stored with the old
    # msgid is still found by its savings step.
    project_id = _retrofit(session)
    stored = _stored(session, project_id)
    headline = stored["steps"][-1]
    assert headline["label"] == {"msgid": "Savings", "params": {}}
    headline["label"] = {"msgid": "savings", "params": {}}
    _store(session, project_id, stored)
    session.execute(text("UPDATE projects SET status = 'verified', completed_on = '2013-06-01', "
                         "verified_on = '2013-07-01' WHERE id = :id"), {"id": project_id})
    line, = projects_behind(session, RollupQuery(2013, rule="verified"), ["technical_retrofit"]).lines
    assert line.trace_summary == f"{headline['formula']} = {headline['value']} tce"
    assert _read(_stored(session, project_id), "en")["steps"][-1]["label"] == "Savings"
