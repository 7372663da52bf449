"""Stored savings traces keep their words as messages (msgid + parameters), rendered when read in the
reader's language (registry/domain/trace_storage.py), instead of English text plus a Chinese copy.
The copies had been written with the catalogue of their day: a trace stored before a wording was
translated (a ledger line given in standard coal, before 2026-12-05: "500 tce (given in standard
coal)" inside its formula, and "raw coal" in lower case) kept it in every language until its project
was edited. docs/accounting.md §7.2 gives the decision.

Each trace in the text form is computed again from its project's stored inputs with the factor
tables in the database. Where every figure comes out as the trace holds it (every input, factor and
step value, unit and field), the new trace replaces it: the same figures, today's words. Where not
(a factor edited since, an input a later rule refuses), the trace keeps its figures, formulas and
texts as they are, each text as written in both languages (a ``Bilingual`` message), so that nothing
a reader saw changes. Downgrading renders every trace back to English plus its Chinese copy.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from registry.catalogues import translator
from registry.domain.errors import Bilingual, Message, RegistryError
from registry.domain.json_text import dump_json, load_stored_json
from registry.domain.savings.calculators import HEADLINE_STEP_LABELS
from registry.domain.trace import render_message
from registry.domain.trace_storage import STORED_FORMAT, render_stored_trace, stored_message
from registry.i18n import presenter
from registry.services.savings import FactorCache, stored_trace

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

BATCH = 1000
CHINESE = "zh_Hans_CN"  # the one translation the text form kept
# A text of the text form, as written in both languages; its msgid is no catalogue entry.
AS_WRITTEN = "%(text)s"
# A text form's label of the step that gives the savings, as the rollups' drill-down finds it.
_HEADLINES = {render_message(label): label for label in HEADLINE_STEP_LABELS}
_MESSAGES = {"inputs": ("label",), "factors": ("label", "source"), "steps": ("label",)}
# What a computation must give again, item by item, for its trace to replace the stored one.
_FIGURES = {"inputs": ("field", "value", "unit"), "factors": ("energy", "value", "unit", "source_kind", "basis", "field"),
            "steps": ("value", "unit", "field")}

_TO_CONVERT = "SELECT id FROM projects WHERE savings_trace IS NOT NULL AND {condition} ORDER BY id"
_READ = "SELECT id, inputs::text AS inputs, savings_trace::text AS trace FROM projects WHERE id = ANY(:ids)"
_WRITE = """UPDATE projects p SET savings_trace = t.trace
              FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS t (id bigint, trace jsonb) WHERE p.id = t.id"""


def _as_written(english: Any, chinese: Any) -> Any:
    if not isinstance(english, str):
        return english
    if english in _HEADLINES:
        return stored_message(_HEADLINES[english])
    return stored_message(Message(AS_WRITTEN, {"text": Bilingual(chinese if isinstance(chinese, str) else english,
                                                                 english)}))


def _kept_as_written(trace: dict[str, Any]) -> dict[str, Any]:
    """A text-form trace with its texts as messages of both its languages, its figures untouched."""
    chinese = trace.get("translations", {}).get(CHINESE, trace)

    def pairs(part: str) -> list[tuple[Any, Any]]:
        # the copy was written with the English, item for item; an item it lacks reads in English
        copies = list(chinese.get(part, ()))
        return [(item, copies[n] if n < len(copies) else item) for n, item in enumerate(trace.get(part, ()))]

    kept: dict[str, Any] = {}
    for part, names in _MESSAGES.items():
        kept[part] = [{**item, **{name: _as_written(item.get(name), zh.get(name)) for name in names}}
                      for item, zh in pairs(part)]
    kept["notes"] = [_as_written(en, zh) for en, zh in pairs("notes")]
    kept["format"] = STORED_FORMAT
    return kept


def _figures(trace: dict[str, Any]) -> list:
    return [[tuple(item.get(key) for key in keys) for item in trace.get(part, ())] for part, keys in _FIGURES.items()]


def _recomputed(factors: FactorCache, inputs: Any, trace: dict[str, Any]) -> dict[str, Any] | None:
    """The trace computed again, when it gives every figure of ``trace``."""
    if not isinstance(inputs, dict):
        return None
    try:
        fresh = stored_trace(factors.compute(inputs))
    except RegistryError:
        return None
    # as jsonb gives the stored one back: its floats' digits as Decimals
    return fresh if _figures(load_stored_json(dump_json(fresh))) == _figures(trace) else None


def _convert(condition: str, convert) -> None:
    bind = op.get_bind()
    ids = bind.execute(sa.text(_TO_CONVERT.format(condition=condition))).scalars().all()
    for start in range(0, len(ids), BATCH):
        rows = bind.execute(sa.text(_READ), {"ids": ids[start:start + BATCH]}).all()
        converted = [{"id": row.id, "trace": convert(row)} for row in rows]
        bind.execute(sa.text(_WRITE), {"rows": dump_json(converted)})


def upgrade() -> None:
    factors = FactorCache(Session(bind=op.get_bind()))

    def convert(row) -> dict[str, Any]:
        trace = load_stored_json(row.trace)
        inputs = load_stored_json(row.inputs) if row.inputs else None
        return _recomputed(factors, inputs, trace) or _kept_as_written(trace)

    _convert("NOT savings_trace ? 'format'", convert)


def downgrade() -> None:
    def convert(row) -> dict[str, Any]:
        stored = load_stored_json(row.trace)
        english = render_stored_trace(stored, translator("en"), presenter("en"))
        return english | {"translations": {CHINESE: render_stored_trace(stored, translator(CHINESE), presenter(CHINESE))}}

    _convert("savings_trace ? 'format'", convert)
