"""What an import answers: its counts, whether it loaded, and its report's lines — the same for a GIS
file of parcels, zones or districts (features.py) and for the project workbook (projects.py); the
pages, the command line and the report files (report.py) read it."""
from __future__ import annotations

from dataclasses import dataclass

from registry.domain.errors import N_, DistrictRef, Message, Number

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


def workbook_summary(result: ImportResult) -> Message:
    """What a project workbook's import came to, its projects and enterprises counted apart (N 个项目、
    M 家企业), in the words of the page's summary and of ``registry import projects``; a workbook
    without enterprise rows by its project rows alone (not "0 of 0 enterprise rows refused")."""
    projects, enterprises = result.projects, result.enterprises
    assert projects is not None and enterprises is not None, "a project workbook's result"
    counts = {"projects": Number(projects.refused, 0), "project_rows": Number(projects.rows_read, 0),
              "inserted": Number(projects.inserted, 0), "enterprises": Number(enterprises.refused, 0),
              "enterprise_rows": Number(enterprises.rows_read, 0), "new_enterprises": Number(enterprises.inserted, 0),
              "count": Number(result.unchanged, 0), "name": result.source_name}
    both = bool(enterprises.rows_read)
    if result.dry_run and result.refused and result.on_error == "abort":
        return Message(N_("Checked only: nothing was written. %(projects)s project row(s) and %(enterprises)s enterprise "
                          "row(s) are refused, so an import would write nothing; skipping them, it would insert "
                          "%(inserted)s project(s) and %(new_enterprises)s enterprise(s).") if both else
                       N_("Checked only: nothing was written. %(projects)s project row(s) are refused, so an import "
                          "would write nothing; skipping them, it would insert %(inserted)s project(s)."), counts)
    if result.dry_run:
        return Message(N_("Checked only: nothing was written. An import would insert %(inserted)s project(s) and "
                          "%(new_enterprises)s enterprise(s).") if both else
                       N_("Checked only: nothing was written. An import would insert %(inserted)s project(s)."), counts)
    if result.added_nothing:
        return Message(N_("Nothing new was added from “%(name)s”: its projects are already in the registry "
                          "(%(count)s), and a workbook leaves registered projects unchanged."), counts)
    if result.loaded:
        return Message(N_("Imported “%(name)s”."), counts)
    return Message(N_("Nothing was imported: %(projects)s of %(project_rows)s project rows and %(enterprises)s of "
                      "%(enterprise_rows)s enterprise rows were refused. The registry is unchanged.") if both else
                   N_("Nothing was imported: %(projects)s of %(project_rows)s project rows were refused. The registry "
                      "is unchanged."), counts)


def workbook_counts(result: ImportResult) -> tuple[tuple[str, int], ...]:
    """A project workbook's counts, (label msgid, count): the page's table, a line each on the command
    line. A motor group is a row, a project the rows sharing a 项目编号; a workbook never updates or
    repairs (registered projects are left unchanged)."""
    projects, enterprises = result.projects, result.enterprises
    assert projects is not None and enterprises is not None, "a project workbook's result"
    return ((N_("Project rows read"), projects.rows_read), (N_("Enterprise rows read"), enterprises.rows_read),
            (N_("Projects inserted"), projects.inserted), (N_("Enterprises inserted"), enterprises.inserted),
            (N_("Projects already registered (unchanged)"), result.unchanged),
            (N_("Project rows refused"), projects.refused), (N_("Enterprise rows refused"), enterprises.refused))
