"""What a chart is given and how it words it: a ``Series`` of values (with their drill-down links
and notes), the tooltips' punctuation in the page's language (``Wording``), the round value axis
(``nice_scale``) and how a value is written on it and in a tooltip. No SVG here: chart_svg draws."""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from flask_babel import gettext
from geo.scales import round_step
from registry.domain.presentation import round_half_up
from registry.i18n import reads_english


@dataclass(frozen=True)
class Wording:
    """How a tooltip joins its parts in the page's language: "label: value" and "text (note)" in
    English, "label：value" and "text（note）" in Chinese (``registry.i18n.chart_wording``)."""

    labelled: str = "%(label)s: %(value)s"
    noted: str = "%(text)s (%(note)s)"
    # a page in English marks the Chinese in a legend (Equal value (等价值)) as Chinese: chart_svg.svg_text
    marks_chinese: bool = False

    def label(self, label: str, value: str) -> str:
        return self.labelled % {"label": label, "value": value}

    def note(self, text: str, note: str | None) -> str:
        return self.noted % {"text": text, "note": note} if note else text


ENGLISH = Wording()


def page_wording() -> Wording:
    """The tooltips' punctuation in the page's language."""
    return Wording(gettext("%(label)s: %(value)s"), gettext("%(text)s (%(note)s)"), reads_english())


@dataclass(frozen=True)
class Series:
    """One named row of values; ``notes`` qualify single values (shown in their tooltip) and
    ``legend_note`` the whole series (a * beside its name in the legend, with the note below)."""

    name: str
    values: Sequence[Decimal | float | int]
    links: Sequence[str | None] = ()
    notes: Sequence[str | None] = ()
    legend_note: str | None = None
    places: int | None = None  # of a value in its tooltip: its unit's (presentation.PLACES), as the tables beside
    unit_one: str | None = None  # the unit of a count of 1 in its tooltip: "1 project", not "1 projects"

    def tooltip(self, category: str, value: float, unit: str, index: int, wording: Wording = ENGLISH) -> str:
        note = self.notes[index] if index < len(self.notes) else None
        shown = axis_label(value) if self.places is None else _figure(value, self.places)
        if value == 1 and self.unit_one:
            unit = self.unit_one
        return wording.note(wording.label(f"{category} · {self.name}", f"{shown} {unit}"), note)


def nice_scale(value: float, integer: bool = False) -> tuple[float, float, int]:
    """A round axis for data up to ``value``: (maximum, step, number of steps), at most 5 steps of 1, 2 or
    5 × 10^n, so every gridline has a short, exact label (25 items in steps of 5, not 6.25).
    ``integer``: the data are counts, so the step is at least 1."""
    value = max(float(value), 1.0 if integer else 1e-9)
    step = round_step(value / 5, (1, 2, 5, 10))
    if integer:
        step = max(1.0, round(step))
    steps = max(1, math.ceil(value / step - 1e-9))
    return steps * step, step, steps


def axis_label(value: float) -> str:
    """An axis's label: a round step, as short as it can be written."""
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _figure(value: float, places: int) -> str:
    """A value to ``places`` decimals, rounded half up and grouped (1,234.57) as the page's tables show
    it; Chinese and English group and point alike."""
    return f"{round_half_up(Decimal(repr(value)), places):,f}"
