"""A rollup's progress against the year's targets, pure: a metric's measured value over the counted
cells, the pace (the share of the year gone by), % complete against the target, and the places
each column of a progress table shows. docs/rollups.md, "Progress".
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable

from registry.domain.presentation import entered_places
from registry.domain.rollups import Cell, total
from registry.domain.targets import Metric

def measured_value(metric: Metric, cells: Iterable[Cell]) -> Decimal | None:
    """The metric's actual value over ``cells``; None for a metric the registry does not measure,
    and for a 等价值 none of whose projects has one."""
    if metric.measure is None:
        return None
    value = total(cells, metric.measure.kinds).known(metric.measure.field)
    return value * metric.measure.scale if value is not None else None


def pace_fraction(year: int, on: date) -> Decimal:
    """Share of ``year`` elapsed at the end of day ``on``: 0 before the year, 1 after it."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    if on < first:
        return Decimal(0)
    if on >= last:
        return Decimal(1)
    return Decimal((on - first).days + 1) / Decimal((last - first).days + 1)


@dataclass(frozen=True)
class Progress:
    """A measured (or reported) actual against a target; percentages as Decimal 0–100+."""

    metric: Metric
    target: Decimal | None
    target_max: Decimal | None
    actual: Decimal | None
    actual_source: str  # registry | reported | none
    percent: Decimal | None
    expected_percent: Decimal
    expected_value: Decimal | None

    @property
    def behind_pace(self) -> bool:
        return self.percent is not None and self.percent < self.expected_percent


@dataclass(frozen=True)
class ProgressColumns:
    """The most decimals each figure column of a progress table shows, so that a column's decimal
    points line up (its page's ``aligned``, its sheet's ``aligned_pattern``): targets as entered
    (400,000 beside 1.5), actuals and reported actuals to their unit's places."""

    target: int
    actual: int
    reported: int


def progress_columns(rows: Iterable[tuple[Progress, Decimal | None]]) -> ProgressColumns:
    """The columns' places of the (progress, reported actual) rows of a rollup."""
    rows = list(rows)
    return ProgressColumns(
        entered_places(v for p, _ in rows for v in (p.target, p.target_max)),
        max((p.metric.places for p, _ in rows if p.actual is not None), default=0),
        max((p.metric.places for p, reported in rows if reported is not None), default=0))


def progress(metric: Metric, target: Decimal | None, target_max: Decimal | None, actual: Decimal | None,
             actual_source: str, year: int, on: date) -> Progress:
    """% complete = actual / target × 100; expected pace = the share of the year elapsed on ``on``."""
    fraction = pace_fraction(year, on)
    percent = actual * 100 / target if actual is not None and target else None
    expected_value = target * fraction if target is not None else None
    return Progress(metric, target, target_max, actual, actual_source, percent, fraction * 100, expected_value)
