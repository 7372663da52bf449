"""What a project looks like to its readers: a DTO with parcels, savings, trace and history."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from registry import clock
from registry.domain import duplicates
from registry.domain.deadlines import overdue_days
from registry.domain.errors import N_, Message, NotFound
from registry.domain.monitoring import MonitoringCheck
from registry.domain.permissions import Actor, can_read_record, may_register_similar, unapproved_readable_in
from registry.domain.workflow import available_actions, may_correct, may_delete, may_edit, parcel_errors
from registry.models import Enterprise, Project
from registry.repositories import documents as document_repo
from registry.repositories import projects as repo
from registry.services.monitoring_checks import check_project
from registry.services.subsidies import SubsidyEstimate, estimate_for

APPROVED_STATUSES = ("approved", "completed", "verified")
# The page lists the likeliest few; more than this many alike is a programme, not a slip of the pen.
MAX_LOOKALIKES = 20


# The repository's rows are already plain, immutable DTOs: the views use them as they are.
ParcelView = repo.ParcelRow
HistoryEntry = repo.HistoryRow


@dataclass(frozen=True)
class PossibleDuplicate:
    """Another project that may register the same savings or land again, and why (domain.duplicates)."""

    project: duplicates.Lookalike
    reasons: tuple[Message, ...]


@dataclass(frozen=True)
class ProjectView:
    id: int
    reference: str
    kind: str
    year: int
    status: str
    title: str
    district_code: str
    enterprise_id: int
    enterprise_name: str
    credit_code: str
    structural_mode: str | None
    inputs: dict[str, Any]
    savings_tce: Decimal | None
    savings_tce_equal_value: Decimal | None
    savings_kwh: Decimal | None
    installed_kw: Decimal | None
    remanufactured_kw: Decimal | None
    savings_method: str | None
    trace: dict[str, Any] | None
    investment_wan_yuan: Decimal | None
    subsidy_requested_wan_yuan: Decimal | None
    subsidy_approved_wan_yuan: Decimal | None
    output_value_wan_yuan: Decimal | None
    freed_land_m2: Decimal | None
    planned_completion: date | None
    completed_on: date | None
    verified_on: date | None
    is_illustrative: bool
    version: int
    updated_at: datetime
    parcels: list[ParcelView] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    deletable: bool = False  # a draft never submitted, and the reader may delete it
    editable: bool = False  # a draft or returned project the reader may edit
    correctable: bool = False  # a verified project the reader may correct
    # the reader may register a project like it (以此为模板登记: its district's staff, administrators)
    may_register_similar: bool = False
    # the reader may submit it but its parcels forbid it (an exit with none): the page offers no
    # button that could only be refused, and says what to add
    submit_needs_parcels: bool = False
    possible_duplicates: list[PossibleDuplicate] = field(default_factory=list)
    document_count: int = 0  # its supporting documents (证明材料), which everyone who reads it reads
    subsidy: SubsidyEstimate | None = None  # by the city's rule of its year (补贴测算); None: no rule pays for it
    overdue_days: int | None = None  # days past its planned completion, if overdue (domain.deadlines)
    # its claim beside the online monitoring (在线监测对照); None: the reader does not read it (monitoring_checks)
    monitoring: MonitoringCheck | None = None

    @property
    def returned_by(self) -> HistoryEntry | None:
        """While the project is returned, the entry that returned it: who, when and what to correct."""
        if self.status != "returned":
            return None
        return next((entry for entry in reversed(self.history) if entry.action == "return"), None)


def load_visible(session: Session, actor: Actor, project_id: int) -> Project:
    """The project row, or NotFound when it does not exist or the actor may not see it."""
    project = session.get(Project, project_id) if 0 < project_id <= repo.MAX_PROJECT_ID else None
    if project is None or not can_read_record(actor, project.district_code, project.status in APPROVED_STATUSES):
        raise NotFound(N_("no project with id %(id)s"), id=project_id)
    return project


def project_id_named(session: Session, actor: Actor, key: str) -> int:
    """The id of the project ``key`` names, as an operator types it: its id or its reference
    (项目编号, 2013-310115-0042). NotFound alike when no project has it and when the actor may not
    read it, so a reference never tells that a hidden project exists."""
    key = key.strip()
    if key.isascii() and key.isdigit():
        return load_visible(session, actor, int(key)).id
    found = repo.project_id_by_reference(session, key)
    if found is None:
        raise NotFound(N_("no project with reference %(reference)s"), reference=key[:40])
    try:
        return load_visible(session, actor, found).id
    except NotFound:
        raise NotFound(N_("no project with reference %(reference)s"), reference=key[:40]) from None


def view_of(session: Session, actor: Actor, project: Project) -> ProjectView:
    enterprise = session.get(Enterprise, project.enterprise_id)
    history = repo.history(session, "project", project.id)
    parcels = repo.parcels_of(session, project.id)
    actions = available_actions(actor, project.status, project.district_code)
    return ProjectView(
        id=project.id, reference=project.reference, kind=project.kind, year=project.year, status=project.status,
        title=project.title, district_code=project.district_code, enterprise_id=enterprise.id,
        enterprise_name=enterprise.name, credit_code=enterprise.credit_code, structural_mode=project.structural_mode,
        inputs=project.inputs, savings_tce=project.savings_tce, savings_tce_equal_value=project.savings_tce_equal_value,
        savings_kwh=project.savings_kwh, installed_kw=project.installed_kw, remanufactured_kw=project.remanufactured_kw,
        savings_method=project.savings_method, trace=project.savings_trace,
        investment_wan_yuan=project.investment_wan_yuan, subsidy_requested_wan_yuan=project.subsidy_requested_wan_yuan,
        subsidy_approved_wan_yuan=project.subsidy_approved_wan_yuan, output_value_wan_yuan=project.output_value_wan_yuan,
        freed_land_m2=project.freed_land_m2, planned_completion=project.planned_completion,
        completed_on=project.completed_on, verified_on=project.verified_on, is_illustrative=project.is_illustrative,
        version=project.version, updated_at=project.updated_at,
        parcels=parcels,
        history=history,
        actions=actions,
        submit_needs_parcels="submit" in actions and bool(parcel_errors(project.kind, "submitted", len(parcels))),
        deletable=may_delete(actor, project.status, project.district_code, [h.action for h in history]),
        editable=may_edit(actor, project.status, project.district_code),
        correctable=may_correct(actor, project.status),
        may_register_similar=may_register_similar(actor, project.district_code),
        possible_duplicates=possible_duplicates(session, actor, project),
        document_count=document_repo.count(session, project.id),
        subsidy=estimate_for(session, project),
        overdue_days=overdue_days(project.status, project.planned_completion, clock.today()),
        monitoring=check_project(session, actor, project, enterprise.credit_code),
    )


def possible_duplicates(session: Session, actor: Actor, project: Project) -> list[PossibleDuplicate]:
    """The projects the actor may read that look like a second registration of ``project``."""
    found = repo.lookalikes(session, project, unapproved_readable_in(actor), MAX_LOOKALIKES)
    return [PossibleDuplicate(other, tuple(duplicates.reasons(project.kind, other))) for other in found]


def get_project(session: Session, actor: Actor, project_id: int) -> ProjectView:
    return view_of(session, actor, load_visible(session, actor, project_id))


POSSIBLE_DUPLICATES = "possible_duplicates"  # the list's data-quality check (domain.quality)


def marked_as_lookalikes(session: Session, actor: Actor, project_ids: list[int], check: str | None = None) -> set[int]:
    """Those of ``project_ids`` with a possible double registration the actor may read (a list's marks).
    ``check``: the data-quality check the list is filtered by; the possible duplicates' list holds only
    projects so marked (``project_checks.possible_duplicate_ids`` reads the same rule for the actor),
    so its page is not asked again."""
    if check == POSSIBLE_DUPLICATES:
        return set(project_ids)
    return repo.with_lookalikes(session, project_ids, unapproved_readable_in(actor))
