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


def stored_message(message: Message) -> dict[str, Any]:
    """``message`` as JSON: its msgid and its parameters, each tagged by what it is."""
    return {"msgid": message.msgid, "params": {name: _stored_param(value) for name, value in message.params.items()}}


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
    """The message ``stored_message`` wrote."""
    return Message(data["msgid"], {name: _param_from_stored(value) for name, value in data.get("params", {}).items()})


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
    """``trace`` as a project stores it: ``Trace.to_dict``'s figures, every text a message."""
    stored = trace.to_dict()
    for part, names in _MESSAGES.items():
        for item, rendered in zip(getattr(trace, part), stored[part]):
            rendered.update({name: stored_message(getattr(item, name)) for name in names})
    stored["notes"] = [stored_message(note) for note in trace.notes]
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
