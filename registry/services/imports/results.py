"""What an import answers: its counts, whether it loaded, and its report's lines — the same for a GIS
file of parcels, zones or districts (features.py) and for the project workbook (projects.py); the
pages, the command line and the report files (report.py) read it."""
from __future__ import annotations

from dataclasses import dataclass

from registry.domain.errors import DistrictRef, Message

# What an import does when a row is refused: load nothing, or load the other rows.
ON_ERROR = ("abort", "skip")


@dataclass(frozen=True)
class Problem:
    """One line of the error report: a row (1 = first feature), a field, its value, why."""

    row: int
    field: str
    value: str | None
    message: Message
    action: str  # refused | repaired
    label: tuple[Message, ...] = ()  # the field as the reader knows it (mapping.field_labels)


@dataclass(frozen=True)
class SheetCounts:
    """The rows of one kind a project workbook held, counted apart from the other kind's: its
    projects' rows (a motor group a row) and its 企业 sheet's enterprise rows. ``inserted`` counts
    records: projects (one for the rows sharing a 项目编号) or enterprises."""

    rows_read: int
    refused: int
    inserted: int


@dataclass(frozen=True)
class ImportResult:
    target: str
    source_name: str
    rows_read: int
    inserted: int
    updated: int
    unchanged: int
    refused: int
    repaired: int
    loaded: bool  # False for a dry run and for an aborted import
    dry_run: bool
    on_error: str
    columns: dict[str, str]
    problems: tuple[Problem, ...]
    problems_total: int
    seconds: float
    run_id: int | None = None
    # (from, to or None: outside, parcels) per move when the parcels were re-attributed, the districts
    # with their names for the reader's language; None: not asked
    reassigned: tuple[tuple[DistrictRef | None, DistrictRef | None, int], ...] | None = None
    # what was left unread without refusing anything, action "ignored": a workbook's columns that are
    # not in the template (列“备注”不在模板中，未导入); shown with the result and first in the report
    notices: tuple[Problem, ...] = ()
    # a project workbook's projects and enterprises apart (rows_read and refused hold both); None: a GIS file
    projects: SheetCounts | None = None
    enterprises: SheetCounts | None = None

    @property
    def report_lines(self) -> tuple[Problem, ...]:
        """The report's lines: the notices, then the problems."""
        return self.notices + self.problems

    @property
    def aborted(self) -> bool:
        return not self.dry_run and not self.loaded

    @property
    def added_nothing(self) -> bool:
        """Loaded, yet nothing new: every row accepted was already in the registry (and perhaps updated)."""
        enterprises = self.enterprises.inserted if self.enterprises else 0
        return self.loaded and self.inserted == 0 and enterprises == 0
