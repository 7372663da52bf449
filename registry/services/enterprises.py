"""Enterprises: look up by unified social credit code, or register a new one."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry.domain.credit_code import check_credit_code, normalize_credit_code
from registry.domain.errors import N_, FieldError, Message, NotFound, ValidationError
from registry.domain.industries import industry_code_problem
from registry.domain.permissions import Actor
from registry.models import Enterprise
from registry.repositories import audit as audit_repo
from registry.repositories.former_names import FormerName, former_names
from registry.services import audit
from registry.services.monitoring_checks import EnterpriseMonitoring, enterprise_monitoring

if TYPE_CHECKING:  # services.projects registers enterprises (find_or_create): imported when used
    from registry.services.projects import ProjectPage


@dataclass(frozen=True)
class EnterpriseView:
    id: int
    credit_code: str
    name: str
    industry_code: str | None
    district_code: str | None
    address: str | None
    version: int = 1  # what an edit sends back (the API's ETag, the form's hidden field)


def enterprise_view(e: Enterprise) -> EnterpriseView:
    return EnterpriseView(e.id, e.credit_code, e.name, e.industry_code, e.district_code, e.address, e.version)


def find_by_credit_code(session: Session, credit_code: str) -> EnterpriseView:
    """The enterprise with this code; ValidationError (with the reason) if the code is malformed."""
    return enterprise_view(enterprise_row(session, credit_code))


def registered_enterprise(session: Session, credit_code: str) -> EnterpriseView | None:
    """The enterprise with this (normalised, valid) credit code, or ``None``: the project list's
    ``enterprise=`` names the one it is narrowed to, or says that none has the code."""
    found = _with_code(session, credit_code)
    return None if found is None else enterprise_view(found)


def _with_code(session: Session, code: str) -> Enterprise | None:
    """The enterprise registered with this (normalised) credit code, if any."""
    return session.scalars(select(Enterprise).where(Enterprise.credit_code == code)).one_or_none()


def enterprise_row(session: Session, key: int | str) -> Enterprise:
    """The enterprise of an id (the page's) or a credit code (the API's, the command line's);
    NotFound, or ValidationError naming the fault of a malformed code."""
    if isinstance(key, int):
        found = session.get(Enterprise, key) if 0 < key < 2 ** 31 else None
        if found is None:
            raise NotFound(N_("no enterprise with id %(id)s"), id=key)
        return found
    code = normalize_credit_code(key)
    check_credit_code(code)
    found = _with_code(session, code)
    if found is None:
        raise NotFound(N_("no enterprise with credit code %(code)s"), code=code)
    return found


def check_enterprise(session: Session, credit_code: str, name: str | None, industry_code: str | None = None) -> None:
    """The problems ``find_or_create`` would refuse, all at once (ValidationError), writing nothing."""
    _checked(session, normalize_credit_code(credit_code or ""), name, industry_code)


def _checked(session: Session, code: str, name: str | None, industry_code: str | None) -> Enterprise | None:
    """The registered enterprise of ``code``, else ``None`` when a new one may be made of the rest."""
    check_credit_code(code)
    found = _with_code(session, code)
    if found is not None:
        return found
    errors = []
    if not (name or "").strip():
        errors.append(FieldError("enterprise_name", Message(N_("is required for a new enterprise"))))
    if problem := industry_code_problem(industry_code):
        errors.append(FieldError("industry_code", problem))
    if errors:
        raise ValidationError(errors)
    return None


def find_or_create(session: Session, actor: Actor, credit_code: str, name: str | None,
                   industry_code: str | None = None, district_code: str | None = None,
                   address: str | None = None) -> EnterpriseView:
    """The enterprise with this code, created (in the caller's transaction) if it is new."""
    code = normalize_credit_code(credit_code or "")
    found = _checked(session, code, name, industry_code)
    if found is not None:
        return enterprise_view(found)
    enterprise = Enterprise(credit_code=code, name=name.strip(), industry_code=industry_code or None,
                            district_code=district_code, address=address)
    try:
        with session.begin_nested():  # a registration at the same moment may create it first
            session.add(enterprise)
            session.flush()
    except IntegrityError:
        found = _with_code(session, code)
        if found is None:
            raise
        return enterprise_view(found)
    audit.record(session, actor, "create", "enterprise", enterprise.id,
                 after={"credit_code": code, "name": enterprise.name, "industry_code": industry_code})
    return enterprise_view(enterprise)


# The enterprise page's projects a page (its pager); the command line reads page after page of the
# project list's largest (``projects.MAX_PAGE_SIZE``) to print them all.
PROJECTS_PAGE_SIZE = 50


@dataclass(frozen=True)
class EnterpriseDetail:
    enterprise: EnterpriseView
    projects: ProjectPage  # a page of the projects the actor may see; its ``total`` counts them all
    history: list[audit_repo.HistoryRow]
    former_names: list[FormerName]  # 曾用名, the latest first
    # its online monitoring's years with all its projects' verdicts; None: the actor reads none (monitoring_checks)
    monitoring: EnterpriseMonitoring | None = None


def get_enterprise(session: Session, actor: Actor, key: int | str, page: int = 1,
                   page_size: int = PROJECTS_PAGE_SIZE) -> EnterpriseDetail:
    """The enterprise of ``key`` (its id: the page's; its credit code: the command line's) with page
    ``page`` of the projects the actor may see (``enterprise_projects``), its field-level history, its
    former names, and its monitored consumption with the verdicts of all its projects the actor reads
    (not only the page's: ``monitoring_checks.enterprise_monitoring``). The page and ``registry
    enterprises show`` share it; NotFound, or ValidationError for a malformed credit code."""
    found = enterprise_row(session, key)
    return EnterpriseDetail(enterprise_view(found), enterprise_projects(session, actor, found.id, page, page_size),
                            audit_repo.history(session, "enterprise", found.id), former_names(session, found.id),
                            enterprise_monitoring(session, actor, found.id, found.credit_code, found.district_code))


def enterprise_projects(session: Session, actor: Actor, enterprise_id: int, page: int = 1,
                        page_size: int = PROJECTS_PAGE_SIZE) -> ProjectPage:
    """Page ``page`` of the enterprise's projects the actor may see (district staff: their district's
    and the approved ones elsewhere, as the project list), the latest year first, then the latest
    registered; a page beyond the last holds none (the page redirects to the last)."""
    from registry.services.projects import ProjectFilter, list_projects

    return list_projects(session, actor, ProjectFilter(enterprise_id=enterprise_id, sort="year", descending=True,
                                                       page=page, page_size=page_size))


def enterprise_former_names(session: Session, enterprise_id: int) -> list[FormerName]:
    """The names the enterprise bore before (曾用名), the latest first: the API's ``former_names``."""
    return former_names(session, enterprise_id)
