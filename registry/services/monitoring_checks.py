"""A project's claim beside the online monitoring (在线监测对照, ``domain/monitoring.py``): the verdict its
page and the API's answer show, the projects the list marks, those its filter "deviation from the
monitoring beyond the tolerance" keeps, and an enterprise's page's monitored years with the verdicts of
its projects compared with each.

Who reads a verdict: reviewers and administrators, and district staff for their own district's
projects (as the monitoring page shows them their district's enterprises only); planners do not. The
claim is computed from the project's stored input document by the savings engine with the factor
table of its year (``domain/savings/baseline.py``), the tolerance is the operator's setting
(``registry.config.monitoring_tolerance_percent``), read at each check so every entry point flags
alike. The list's filter, its marks and an enterprise's page check the projects the other filters
select whose enterprise has monitored figures: thousands at city scale, too many to parse each
document at every reading (10–16 s for 25,000). Their claims are kept (``project_claims``, migration
0041): computed by the first reading that needs them and kept for the rules (``CLAIM_RULES``) and the
factor rows they were computed with, forgotten when a document changes. The database reads only the
kept claims that may be flagged at the tolerance of the moment beside the figures of the moment, and
``cross_check`` decides each (docs/performance.md, "The monitoring cross-check at city scale").
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Collection, Mapping, Sequence

from sqlalchemy import ColumnElement
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from registry.config import monitoring_tolerance_percent
from registry.domain.errors import N_, PermissionDenied, ValidationError
from registry.domain.monitoring import FLAGGED, READERS, VERDICTS, Claim, MonitoringCheck, cross_check
from registry.domain.permissions import ADMIN, CITY_REVIEWER, DISTRICT_STAFF, Actor, unapproved_readable_in
from registry.domain.savings import parse_savings_input
from registry.domain.savings.baseline import claimed_consumption
from registry.models import Project
from registry.repositories import monitoring as repo
from registry.repositories import project_claims as claims
from registry.services.monitoring import enterprise_figures
from registry.services.savings import FactorCache

# The version of the rules a document's claim is computed by (``parse_savings_input``, ``claimed_consumption``):
# kept claims computed by another are computed again (``project_claims``, migration 0041). Raise it with
# any change of what a stored document claims.
CLAIM_RULES = "1"
LOCK_NOT_AVAILABLE, DEADLOCK_DETECTED = "55P03", "40P01"  # a project held by a writer: its claim kept next time
# the project list's filter on the verdict (``monitoring=flagged``): its values and their names
FILTERS = {FLAGGED: VERDICTS[FLAGGED]}


def may_read(actor: Actor, district_code: str) -> bool:
    """Whether ``actor`` reads the verdicts of a project of ``district_code``."""
    if actor.role in (CITY_REVIEWER, ADMIN):
        return True
    return actor.role == DISTRICT_STAFF and district_code == actor.district_code


def check_project(session: Session, actor: Actor, project: Project, credit_code: str) -> MonitoringCheck | None:
    """The verdict on ``project`` (of the enterprise with ``credit_code``) for ``actor``; ``None`` when the
    actor does not read it."""
    if not may_read(actor, project.district_code):
        return None
    claim = claim_of(project.inputs, FactorCache(session))
    monitored = repo.figures_of(session, [credit_code]).get((credit_code, claim.year)) if claim else None
    return cross_check(claim, monitored, monitoring_tolerance_percent())


def flagged_among(session: Session, actor: Actor, conditions: Sequence[ColumnElement[bool]] = (),
                  project_ids: Collection[int] | None = None) -> list[int]:
    """The ids of the projects meeting ``conditions`` (the list's filters: ``repositories.projects.
    list_conditions``) and among ``project_ids`` (``None``: any) whose verdict the actor reads and is
    flagged; ``PermissionDenied`` for a role that reads none (planners)."""
    if actor.role not in READERS:
        raise PermissionDenied(N_("Your role may not do this."))
    tolerance = monitoring_tolerance_percent()
    key, candidates = claims.candidates(session, CLAIM_RULES, conditions, unapproved_readable_in(actor), project_ids,
                                        near_tolerance=tolerance)
    return [candidate.id for candidate, check in _verdicts(session, key, candidates, tolerance) if check.flagged]


def _verdicts(session: Session, key: str, candidates: Sequence[claims.Candidate], tolerance: Decimal,
              held: Mapping[tuple[str, int], Decimal] | None = None) -> list[tuple[claims.Candidate, MonitoringCheck]]:
    """Each of ``candidates`` that claims a consumption, with the verdict on its claim — kept, or computed
    now (and kept) — against the figure of its code and year: ``held``'s (``None``: the kept claims'
    figures as read with them, those the table holds for the others)."""
    computing = [candidate for candidate in candidates if not candidate.kept]
    computed = _computed(session, key, computing)
    figures = held if held is not None else repo.figures_of(session, {c.credit_code for c in computing})
    checked = []
    for candidate in candidates:
        claim = candidate.claim if candidate.kept else computed[candidate.id]
        if claim is None:
            continue
        read_with_it = held is None and candidate.kept
        monitored = candidate.monitored_tce if read_with_it else figures.get((candidate.credit_code, claim.year))
        checked.append((candidate, cross_check(claim, monitored, tolerance)))
    return checked


def _computed(session: Session, key: str, candidates: Sequence[claims.Candidate]) -> dict[int, Claim | None]:
    """The claims of ``candidates`` computed from their documents, by project id, and kept: derived data,
    committed at once (nothing else is pending in a session that reads), unless a writer holds one of
    the projects longer than a moment (then they are computed again next time)."""
    if not candidates:
        return {}
    factors = FactorCache(session)
    computed = {candidate.id: claim_of(candidate.inputs, factors) for candidate in candidates}
    try:
        with session.begin_nested():
            before = claims.hold_briefly(session)
            claims.store(session, [(c.id, c.digest, computed[c.id]) for c in candidates], CLAIM_RULES, key)
            claims.let_go(session, before)
    except OperationalError as error:
        if getattr(error.orig, "sqlstate", None) not in (LOCK_NOT_AVAILABLE, DEADLOCK_DETECTED):
            raise
        return computed
    session.commit()
    return computed


def marked_as_flagged(session: Session, actor: Actor, project_ids: Collection[int]) -> set[int]:
    """Those of ``project_ids`` (a page of the list) flagged for the actor (none for a planner)."""
    if not project_ids or actor.role not in READERS:
        return set()
    return set(flagged_among(session, actor, project_ids=project_ids))


def claim_of(inputs: Mapping[str, Any] | None, factors: FactorCache) -> Claim | None:
    """The consumption the stored input document claims; ``None`` when it claims none, or when it is
    one that today's rules refuse (an older record) or today's factors cannot convert."""
    try:
        parsed = parse_savings_input(inputs)
        return claimed_consumption(parsed, factors.table(parsed.year))
    except ValidationError:
        return None


# --- an enterprise's page: its monitored years and its projects' verdicts --------------------------

@dataclass(frozen=True)
class ComparedProject:
    """A project of the enterprise as its monitoring section names it (a link to its cross-check)."""

    id: int
    reference: str
    year: int


@dataclass(frozen=True)
class CheckedProject:
    project: ComparedProject
    check: MonitoringCheck


@dataclass(frozen=True)
class MonitoredYear:
    figure: repo.ListedRow
    projects: list[CheckedProject]  # those whose claim is compared with this year's figure


@dataclass(frozen=True)
class EnterpriseMonitoring:
    years: list[MonitoredYear]  # the latest first; none: nothing is monitored for the enterprise's code
    without_figure: list[CheckedProject]  # compared with a year not monitored (no_data); none when ``years`` is


def enterprise_monitoring(session: Session, actor: Actor, enterprise_id: int, credit_code: str,
                          district_code: str | None) -> EnterpriseMonitoring | None:
    """The monitored figures of the enterprise ``enterprise_id`` (of ``credit_code``, placed in
    ``district_code``) as the monitoring page shows them to ``actor``, each year with every project of the
    enterprise whose claim is compared with it and whose verdict the actor reads (district staff: their
    district's), by the list's computation, the latest year first, then the latest registered; the
    projects compared with a year not monitored apart. All of them, not the page of projects the
    enterprise's page shows: a year's list is whole whichever page is read. ``None`` when the actor reads
    none of the enterprise's figures (planners, another district's staff)."""
    figures = enterprise_figures(session, actor, credit_code, district_code)
    if figures is None:
        return None
    if not figures:
        return EnterpriseMonitoring([], [])
    key, candidates = claims.candidates(session, CLAIM_RULES, (), unapproved_readable_in(actor),
                                        enterprise_id=enterprise_id)
    by_year: dict[int, list[CheckedProject]] = {figure.year: [] for figure in figures}
    without: list[CheckedProject] = []
    # the figures shown, not read again: a load committed in between would leave a verdict without its year
    held = {(credit_code, figure.year): figure.consumption_tce for figure in figures}
    for candidate, check in _verdicts(session, key, candidates, monitoring_tolerance_percent(), held):
        checked = CheckedProject(ComparedProject(candidate.id, candidate.reference, candidate.year), check)
        (without if check.monitored_tce is None else by_year[check.year]).append(checked)
    return EnterpriseMonitoring([MonitoredYear(figure, by_year[figure.year]) for figure in figures], without)
