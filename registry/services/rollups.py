"""Rollup use cases, shared by the dashboard, the API, the CLI and the Excel/CSV reports.

``rollup`` answers for a year, counting rule, optional district and optional ``as_of`` moment:
live figures come from ``rollup_cells`` (kept by triggers on every write), past ones from
``project_history``, read from the nearest checkpoint (``repositories/rollup_cells.py``).
``dashboard`` gives the report and the trend across years from one reading. ``close_year`` freezes a
year's city-wide report as a checksummed snapshot; afterwards ``rollup`` shows later corrections as
adjustments against it, and ``frozen_rollup`` returns the frozen report itself, always the same bytes.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import MAX_PREC, localcontext
from typing import Sequence

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.errors import N_, Conflict, NotFound, ValidationError
from registry.domain.paging import page_count
from registry.domain.permissions import ADMIN, CITY_REVIEWER, Actor, require_role
from registry.domain.rollup_notes import ReportNote, report_notes as domain_report_notes
from registry.domain.rollup_rule_hint import RuleHint, rule_hint as domain_rule_hint
from registry.domain.rollups import (
    DEFAULT_RULE, RULE_DATES, Cell, Figures, RollupQuery, adjustments, default_report_year,
)
from registry.domain.numbers import year_number
from registry.domain.years import MAX_YEAR, MIN_YEAR
from registry.repositories import factors as factor_repository
from registry.repositories import rollup_cells
from registry.repositories import rollups as repository
from registry.repositories.rollup_cells import Anchor, CountedCell, Selection
from registry.repositories import targets as target_repository
from registry.repositories.rollups import ProjectLine
from registry.services import audit
from registry.services.rollup_data import (
    Frozen, Rollup, TargetLine, rollup_from_snapshot, sha256_of, snapshot_of,
)

PAGE_SIZE = 200
# History rows between a moment asked for and its nearest anchor past which the dashboard stores a
# checkpoint at that moment: 17,000 rows read in ≈ 65 ms at 1M projects, the views of a moment
# that far from a stored one (docs/performance.md, "Rollups")
CHECKPOINT_AFTER = 20_000


def _targets(session: Session, year: int) -> tuple[TargetLine, ...]:
    return tuple(TargetLine(t.scope, t.district_code, t.metric, t.kind, t.value, t.value_max, t.unit, t.source)
                 for t in target_repository.targets_of_year(session, year))


def _frozen(closure: repository.Closure) -> Frozen:
    return Frozen(closure.closed_at, closure.as_of, closure.sha256)


def _selection(query: RollupQuery, every_year: bool = False) -> Selection:
    return Selection(query.rule, None if every_year else query.year, query.district_code)


def _counted(session: Session, query: RollupQuery, anchor: Anchor | None = None,
             every_year: bool = False) -> list[CountedCell]:
    """The counted cells (with their money) now, or at ``query.as_of`` read from ``anchor`` (default:
    the nearest)."""
    selection = _selection(query, every_year)
    if query.as_of is None:
        return rollup_cells.live_cells(session, selection)
    anchor = anchor or rollup_cells.nearest_anchor(session, query.rule, query.as_of)
    return rollup_cells.cells_at(session, anchor, query.as_of, selection)


def rollup(session: Session, query: RollupQuery, with_projects: bool = False) -> Rollup:
    """The year's figures as the registry holds them now (or held them at ``query.as_of``).

    When the year is closed and the figures are at or after the closing, every cell that changed
    since is listed in ``adjustments`` (live − frozen).
    """
    return _report(session, query, _counted(session, query), with_projects)


def dashboard(session: Session, query: RollupQuery) -> tuple[Rollup, dict[int, Figures]]:
    """The report and the trend across years (``trend``) the dashboard shows, from one reading of
    the cells as of a moment (every year's; the report's are among them).

    A moment far from every stored checkpoint and from now (``CHECKPOINT_AFTER`` history rows) is
    stored as one first when it is settled, and committed at once (derived data: nothing else may be
    pending in the session), so the next views of it, and of moments near it, start there."""
    if query.as_of is None:
        return rollup(session, query), trend(session, query)
    anchor = rollup_cells.nearest_anchor(session, query.rule, query.as_of)
    if anchor.rows_between >= CHECKPOINT_AFTER and rollup_cells.is_settled(session, query.as_of):
        every_cell = rollup_cells.store_checkpoint(session, anchor, query.rule, query.as_of)
        session.commit()
        counted = [cell for cell in every_cell if _selection(query, every_year=True).keeps(cell)]
    else:
        counted = _counted(session, query, anchor, every_year=True)
    return _report(session, query, [c for c in counted if c.year == query.year], False), _by_year(counted)


def equal_value_gaps(session: Session, report: Rollup, trend: dict[int, Figures]) -> list[int]:
    """The years among the report's and the trend's whose counted projects lack a 等价值 figure and
    for which no electricity equal value is recorded: the years the dashboard's note names (their
    projects that use electricity count as 0 on that basis, and the trend's line dips there). Read
    only when some counted project lacks one."""
    years = {y for y, figures in trend.items() if figures.equal_value_missing}
    years |= {report.year} if report.totals.equal_value_missing else set()
    return sorted(years - set(factor_repository.equal_values(session))) if years else []


def report_notes(session: Session, report: Rollup) -> tuple[ReportNote, ...]:
    """What a download of ``report`` says under its figures, as the dashboard says it beside its
    tables (``domain/rollup_notes.py``): the equal value's gap read as the page reads it."""
    return domain_report_notes(report.year, report.year in equal_value_gaps(session, report, {}))


def rule_hint(session: Session, report: Rollup) -> RuleHint | None:
    """Another counting rule under which the report's year (its district, its moment) counts far more
    projects (``domain/rollup_rule_hint``): live, one reading of the year's cells; as of a moment, the
    other rules' cells then — only when the report counts nothing, since each is another reading of
    history (the dashboard reads it once for the report and the trend, docs/performance.md)."""
    if report.as_of is None:
        counts = repository.year_counts(session, report.year, report.district_code)
    elif report.totals.project_count:
        return None
    else:
        query = RollupQuery(report.year, report.rule, report.as_of, report.district_code)
        counts = {rule: sum(c.cell.figures.project_count for c in _counted(session, replace(query, rule=rule)))
                  for rule in RULE_DATES if rule != report.rule}
    return domain_rule_hint(report.rule, report.totals.project_count, counts)


def _by_year(counted: list[CountedCell]) -> dict[int, Figures]:
    """Each year's cells summed exactly, every digit kept (as the database sums the live trend's): a
    computed savings figure may have 40 digits, past the default context's 28."""
    years: dict[int, Figures] = {}
    with localcontext(prec=MAX_PREC):
        for c in counted:
            years[c.year] = years.get(c.year, Figures()) + c.cell.figures
    return dict(sorted(years.items()))


def _report(session: Session, query: RollupQuery, counted: list[CountedCell], with_projects: bool) -> Rollup:
    cells = tuple(c.cell for c in counted)
    projects = None
    if with_projects:
        projects = tuple(repository.project_lines(session, query.year, query.rule, query.as_of,
                                                  query.district_code)[0])
    closure = repository.find_closure(session, query.year, query.rule, with_snapshot=False)
    frozen, changes = None, ()
    if closure is not None:
        frozen = _frozen(closure)
        if query.as_of is None or query.as_of >= closure.as_of:
            changes = tuple(adjustments(_frozen_cells(session, closure, query.district_code), cells))
    return Rollup(query.year, query.rule, query.as_of, query.district_code, repository.district_names(session),
                  cells, _targets(session, query.year), projects, frozen, False, changes,
                  tuple(c.money for c in counted))


def _frozen_cells(session: Session, closure: repository.Closure, district_code: str | None) -> list[Cell]:
    """The closed year's frozen cells, stored beside its snapshot; a closing without any (nothing was
    counted, or its snapshot no longer matched its checksum at migration 0039) reads its snapshot,
    checked against the checksum."""
    cells = repository.frozen_cells(session, closure.id) or \
        _verified_snapshot(repository.find_closure(session, closure.year, closure.rule)).cells
    return [c for c in cells if district_code is None or c.district_code == district_code]


def _verified_snapshot(closure: repository.Closure) -> Rollup:
    if sha256_of(closure.snapshot) != closure.sha256:
        raise Conflict(N_("The frozen report of %(year)s does not match its checksum: it was altered."),
                       year=closure.year)
    return rollup_from_snapshot(closure.snapshot, _frozen(closure))


def frozen_rollup(session: Session, year: int, rule: str, district_code: str | None = None) -> Rollup:
    """The report exactly as frozen when the year was closed (checked against its sha256)."""
    closure = repository.find_closure(session, year, rule)
    if closure is None:
        raise NotFound(N_("The year %(year)s has not been closed."), year=year)
    return _verified_snapshot(closure).for_district(district_code)


@dataclass(frozen=True)
class Closed:
    year: int
    rule: str
    as_of: datetime
    sha256: str


def close_year(session: Session, actor: Actor, year: int, rule: str, note: str | None = None,
               today: date | None = None, allow_empty: bool = False) -> Closed:
    """Freeze the city-wide report of ``year`` as the registry holds it now; audited.

    Only a year a report is made for (domain/years.py, as every year field), after it has ended; a closed
    year stays closed (Conflict), so one whose report counts no project under ``rule`` is refused
    unless ``allow_empty``: it is far likelier a mistyped year or a rule chosen by mistake.
    """
    require_role(actor, ADMIN, CITY_REVIEWER)
    year = year_number(year, "year", MIN_YEAR, MAX_YEAR)
    today = today or clock.today()
    if year >= today.year:
        raise ValidationError.single("year", N_("a year can be closed only after it has ended"))
    try:
        if repository.find_closure(session, year, rule, with_snapshot=False) is not None:
            raise Conflict(N_("The year %(year)s is closed already."), year=year)
        as_of = repository.database_now(session)
        report = rollup(session, RollupQuery(year, rule, as_of), with_projects=True)
        if not report.projects and not allow_empty:
            raise ValidationError.single("year", N_("no project is counted in %(year)s under this rule: "
                                                    "an empty year is not closed"), year=year)
        snapshot = snapshot_of(report)
        digest = sha256_of(snapshot)
        closure_id = repository.insert_closure(session, year, rule, as_of, snapshot, digest, actor.user_id, note)
        if closure_id is None:
            raise Conflict(N_("The year %(year)s is closed already."), year=year)
        repository.insert_frozen_cells(session, closure_id, report.cells)
        audit.record(session, actor, "close", "rollup", f"{year}/{rule}", {},
                     {"as_of": as_of, "sha256": digest, "projects": len(report.projects or ())}, note)
        session.commit()
        return Closed(year, rule, as_of, digest)
    except BaseException:
        session.rollback()
        raise


def closed_years(session: Session, rule: str) -> list[int]:
    return repository.closed_years(session, rule)


def trend(session: Session, query: RollupQuery) -> dict[int, Figures]:
    """Figures of every year with counted projects (now, or at ``query.as_of``)."""
    if query.as_of is None:
        return repository.trend(session, query.rule, query.district_code)
    return _by_year(_counted(session, query, every_year=True))


@dataclass(frozen=True)
class ProjectPage:
    lines: list[ProjectLine]
    total: int
    page: int
    pages: int


def projects_behind(session: Session, query: RollupQuery, kinds: Sequence[str] = (), status: str | None = None,
                    page: int = 1) -> ProjectPage:
    """The counted projects behind a figure of the rollup (drill-down), a page at a time."""
    page = max(1, page)
    lines, count = repository.project_lines(session, query.year, query.rule, query.as_of, query.district_code,
                                            kinds, status, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return ProjectPage(lines, count, page, page_count(count, PAGE_SIZE))


def report_years(session: Session, query: RollupQuery, today: date | None = None) -> list[int]:
    """Years worth offering in a year picker: with targets, with projects counted under either rule (a
    year the chosen rule counts nothing of says what the other counts: ``rule_hint``), and the current
    year, whose progress a leader looks for before anything in it is verified."""
    today = today or clock.today()
    return sorted(set(target_repository.years(session)) | set(repository.counted_years(session))
                  | {query.year, today.year})


def default_year(session: Session, today: date) -> int:
    """The year a dashboard opens on: ``default_report_year`` of the years with plan targets and
    the years with projects counted under the default rule."""
    return default_report_year(today, target_repository.plan_years(session),
                               repository.trend(session, DEFAULT_RULE))


def district_names(session: Session) -> dict[str, tuple[str, str]]:
    return repository.district_names(session)


def has_illustrative_projects(session: Session) -> bool:
    return repository.has_illustrative_projects(session)


def database_now(session: Session) -> datetime:
    """The database clock that stamps history (as-of moments are compared with it)."""
    return repository.database_now(session)
