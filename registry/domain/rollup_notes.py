"""What a rollup report says beside its figures, carried into its downloads (Excel, CSV, JSON) as
the dashboard says it (docs/rollups.md, "Notes in the downloads"): a metric the registry counts in
another thing than its target's unit (the boilers replaced: a target in 台, the registry's projects),
and a report year without the electricity equal value (等价值), whose projects then count as 0 on
that basis, and why."""
from __future__ import annotations

from dataclasses import dataclass

from registry.domain.errors import N_, Message
from registry.domain.messages import REFERENCE_PAGE
from registry.domain.targets import METRICS, UNITS

EQUAL_VALUE_NOT_RECORDED = N_(
    "No electricity equal value (等价值) is recorded for %(year)s: the year's projects that use electricity count "
    "as 0 on the equal-value basis, so the report's equal-value figures are low. A year's national figure is "
    "published the year after; once an administrator records it on the page “%(page)s”, that year's projects "
    "are recomputed.")


@dataclass(frozen=True)
class ReportNote:
    """A note of the report: ``code`` for a program (``counted_as``, ``equal_value_not_recorded``),
    ``metric`` the target metric it is about (or None), ``message`` for a reader."""

    code: str
    metric: str | None
    message: Message


def report_notes(year: int, equal_value_not_recorded: bool) -> tuple[ReportNote, ...]:
    """The notes of ``year``'s report: each measured metric counted as another thing than its unit
    (the report shows every measured metric), then the year's missing equal value when its counted
    projects lack a 等价值 figure and none is recorded for it (``services/rollups.equal_value_gaps``)."""
    notes = [ReportNote("counted_as", m.code, Message(m.counted_note, {"metric": Message(m.label),
                                                                        "unit": Message(UNITS[m.unit])}))
             for m in METRICS.values() if m.measured and m.counted_note]
    if equal_value_not_recorded:
        notes.append(ReportNote("equal_value_not_recorded", None,
                                Message(EQUAL_VALUE_NOT_RECORDED, {"year": str(year), "page": Message(REFERENCE_PAGE)})))
    return tuple(notes)
