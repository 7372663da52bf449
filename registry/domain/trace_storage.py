"""A trace as a project stores it: its figures and formulas as computed, its words as messages.

A stored trace holds each label, source and note as a message (msgid + parameters), not as text
in some language: it is rendered when it is read, in the reader's language with the catalogue of
the day (``render_stored_trace(stored, gettext, show)``), so a translation added or corrected later
reads in every trace already stored, and a ``Bilingual`` source is picked by the reader's locale.
The figures are the trace's own (JSON numbers, as ``Trace.to_dict`` writes them); nothing is
computed again on reading. docs/accounting.md §7.2 gives the format and the decision.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

from registry.domain.errors import Bilingual, Message, Show
from registry.domain.numbers import plain
from registry.domain.trace import Trace, Translate, identity, render_message

# Written in every stored trace; a trace without it is the earlier text form (English plus a
# "translations" copy per locale), which migration 0021 turned into this one.
STORED_FORMAT = 2

# What each part of a trace holds as a message, by part.
_MESSAGES = {"inputs": ("label",), "factors": ("label", "source"), "steps": ("label",)}

# Msgids that traces were stored with and the code has renamed since, with today's: a stored trace
# reads today's words in every language (the Chinese of each stayed as it was), and the rollups'
# drill-down finds a savings step stored under either (``stored_forms``). 2026-12: a label, a
# source or a note begins a cell or a line, so English writes it in sentence case (two kept their
# words apart from a form label of the same English and other Chinese: intensity, kind).
_SENTENCE_CASED = (
    "Energy before", "Energy after", "Prior-year energy use", "Savings", "Savings, %(basis)s", "Electricity saved",
    "Baseline year", "Number of motors", "Rated power", "Load factor", "Operating hours per year",
    "Efficiency before", "Efficiency after", "Remanufactured", "Motor group %(number)s, electricity saved",
    "Installed power", "Of which remanufactured", "New energy", "Energy after, estimated (same useful heat)",
    "Electricity after, estimated", "Output in the reporting year", "Year", "Measured factor", "Project-measured",
    "Equal value for %(year)s",
    "Intensities are reported in standard coal, so the result is the same on both electricity bases",
    "A cleaner-production audit without measured energy ledgers claims no energy savings (0 tce)",
    "No equal value (等价值) of electricity is recorded for %(year)s, so the equal-value result is empty",
)
RENAMED_MSGIDS: Mapping[str, str] = {msgid[0].lower() + msgid[1:]: msgid for msgid in _SENTENCE_CASED} | {
    "intensity before": "Energy intensity before", "intensity after": "Energy intensity after",
    "kind of project": "Project kind",
}


def stored_message(message: Message) -> dict[str, Any]:
    """``message`` as JSON: its msgid and its parameters, each tagged by what it is."""
    params = message.params
    return {"msgid": message.msgid, "params": {name: _stored_param(value) for name, value in params.items()}
                                               if params else {}}


def _stored_param(value: Any) -> Any:
    if isinstance(value, Message):
        return {"message": stored_message(value)}
    if isinstance(value, Bilingual):
        return {"bilingual": [value.chinese, value.english]}
    if isinstance(value, Decimal):
        return {"decimal": plain(value)}
    if value is None or isinstance(value, (bool, int, str)):
        return value
    raise TypeError(f"a trace message cannot store a {type(value).__name__}")


def message_from_stored(data: Mapping[str, Any]) -> Message:
    """The message ``stored_message`` wrote, under today's msgid (``RENAMED_MSGIDS``)."""
    msgid = RENAMED_MSGIDS.get(data["msgid"], data["msgid"])
    return Message(msgid, {name: _param_from_stored(value) for name, value in data.get("params", {}).items()})


def stored_forms(message: Message) -> list[dict[str, Any]]:
    """``message`` as ``stored_message`` writes it today, and as traces stored before a rename of
    its msgid hold it: what a query comparing stored messages looks for."""
    older = [old for old, new in RENAMED_MSGIDS.items() if new == message.msgid]
    return [stored_message(Message(msgid, message.params)) for msgid in (message.msgid, *older)]


def _param_from_stored(value: Any) -> Any:
    if isinstance(value, Mapping):
        if "message" in value:
            return message_from_stored(value["message"])
        if "bilingual" in value:
            return Bilingual(*value["bilingual"])
        if "decimal" in value:
            return Decimal(value["decimal"])
    return value


def stored_trace(trace: Trace) -> dict[str, Any]:
    """``trace`` as a project stores it: ``Trace.to_dict``'s figures, every text a message (each
    made once: rendering the words only to replace them was a third of this at 100k traces)."""
    stored = trace.as_dict(stored_message)
    stored["format"] = STORED_FORMAT
    return stored


def render_stored_trace(stored: Mapping[str, Any], gettext: Translate = identity,
                        show: Show | None = None) -> dict[str, Any]:
    """A stored trace as ``Trace.to_dict(gettext, show)`` renders a fresh one: the same keys, every
    message in the language of ``gettext`` and ``show``."""

    def text(data: Any) -> Any:
        return render_message(message_from_stored(data), gettext, show) if isinstance(data, Mapping) else data

    rendered: dict[str, Any] = {}
    for part, names in _MESSAGES.items():
        rendered[part] = [{**item, **{name: text(item.get(name)) for name in names}} for item in stored.get(part, ())]
    rendered["notes"] = [text(note) for note in stored.get("notes", ())]
    return rendered
