"""How a result explains itself: its inputs, each factor with its source, and each step.

All text is a ``Message`` (English msgid + parameters); a parameter may itself be a ``Message``
(an energy's name) and is translated first. ``Trace.to_dict(gettext, show)`` renders one trace in
the reader's language as JSON-safe data, for the project page, the API, the CLI and the Excel
report: ``gettext`` translates the msgids, ``show`` (the edge's presenter of the reader's locale)
picks the language of reference text stored in both (a ``Bilingual`` factor source).
Numbers stay exact ``Decimal`` in the trace and become JSON numbers (float) only in ``to_dict``.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from registry.domain.errors import Message, Show
from registry.domain.numbers import plain

Translate = Callable[[str], str]
Text = Callable[[Message], Any]  # what a trace's message becomes in its JSON form

SOURCE_STANDARD = "standard"
SOURCE_MEASURED = "project-measured"
SOURCE_EQUAL_VALUE = "equal-value"


def identity(msgid: str) -> str:
    """The untranslated msgid (English)."""
    return msgid


def render_message(message: Message, gettext: Translate = identity, show: Show | None = None) -> str:
    """``message`` in the language of ``gettext``, nested messages translated, numbers plain (a
    trace's figures are not grouped), other values as ``show`` presents them."""
    params = {name: _render_param(value, gettext, show) for name, value in message.params.items()}
    text = gettext(message.msgid)
    return text % params if params else text


def _render_param(value: Any, gettext: Translate, show: Show | None) -> Any:
    if isinstance(value, Message):
        return render_message(value, gettext, show)
    if isinstance(value, Decimal):
        return plain(value)
    return show(value) if show else value


def json_number(value: Decimal | int | None) -> float | int | None:
    """A Decimal as a JSON number (float: ~15–17 significant digits, no further rounding)."""
    if value is None or isinstance(value, int):
        return value
    return float(value)


def _json_value(value: Any) -> Any:
    return json_number(value) if isinstance(value, Decimal) else value


@dataclass(frozen=True)
class TraceInput:
    """One input value as the calculation read it; ``field`` is its path in the input document."""

    field: str
    label: Message
    value: Decimal | int | str | bool | None
    unit: str | None = None

    def as_dict(self, text: Text) -> dict[str, Any]:
        return {"field": self.field, "label": text(self.label), "value": _json_value(self.value), "unit": self.unit}


@dataclass(frozen=True)
class TraceFactor:
    """A conversion factor used: kgce per ``unit`` of ``energy``, and where it comes from.

    ``source_kind`` is ``standard``, ``project-measured`` or ``equal-value``; ``basis`` is set for
    electricity (``equivalent`` 当量值 / ``equal_value`` 等价值).
    """

    energy: str
    label: Message
    value: Decimal
    unit: str
    source_kind: str
    source: Message
    basis: str | None = None
    field: str | None = None

    def as_dict(self, text: Text) -> dict[str, Any]:
        return {"energy": self.energy, "label": text(self.label), "value": json_number(self.value), "unit": self.unit,
                "source_kind": self.source_kind, "source": text(self.source), "basis": self.basis, "field": self.field}


@dataclass(frozen=True)
class TraceStep:
    """One intermediate value: what it is, the formula with the numbers put in, value and unit.

    The formula is symbols and numbers only (no words), so it needs no translation; its numbers are
    shown to at most 6 decimal places, while ``value`` is exact.
    """

    label: Message
    formula: str
    value: Decimal | None
    unit: str
    field: str | None = None

    def as_dict(self, text: Text) -> dict[str, Any]:
        return {"label": text(self.label), "formula": self.formula, "value": json_number(self.value), "unit": self.unit,
                "field": self.field}


@dataclass(frozen=True)
class Trace:
    """Everything needed to check a result by hand."""

    inputs: tuple[TraceInput, ...] = ()
    factors: tuple[TraceFactor, ...] = ()
    steps: tuple[TraceStep, ...] = ()
    notes: tuple[Message, ...] = ()

    def to_dict(self, gettext: Translate = identity, show: Show | None = None) -> dict[str, Any]:
        """JSON-safe dicts, every text rendered with ``gettext`` and ``show``."""
        return self.as_dict(lambda message: render_message(message, gettext, show))

    def as_dict(self, text: Text) -> dict[str, Any]:
        """JSON-safe dicts, every message (label, source, note) as ``text`` makes it: rendered
        (``to_dict``), or kept as a message to render when read (``trace_storage.stored_trace``)."""
        return {
            "inputs": [item.as_dict(text) for item in self.inputs],
            "factors": [item.as_dict(text) for item in self.factors],
            "steps": [item.as_dict(text) for item in self.steps],
            "notes": [text(note) for note in self.notes],
        }


class TraceBuilder:
    """Collects a trace while a calculation runs; ``build()`` freezes it."""

    def __init__(self) -> None:
        self._inputs: list[TraceInput] = []
        self._factors: list[TraceFactor] = []
        self._steps: list[TraceStep] = []
        self._notes: list[Message] = []

    def input(self, field: str, label: Message, value: Any, unit: str | None = None) -> None:
        self._inputs.append(TraceInput(field, label, value, unit))

    def factor(self, factor: TraceFactor) -> None:
        # The same factor used on several lines is listed once.
        if factor not in self._factors:
            self._factors.append(factor)

    def step(self, label: Message, formula: str, value: Decimal | None, unit: str,
             field: str | None = None) -> None:
        self._steps.append(TraceStep(label, formula, value, unit, field))

    def note(self, note: Message) -> None:
        if note not in self._notes:
            self._notes.append(note)

    def build(self) -> Trace:
        return Trace(tuple(self._inputs), tuple(self._factors), tuple(self._steps),
                     tuple(self._notes))
