"""Registering a similar project (以此为模板登记): a new project's fields taken from one the user
reads, for the wizard to open with and the API to answer (``GET /api/v1/projects/{id}/template``).
Nothing is written: the new project is registered as any other (``register_project``), whose
history then names the project it was started from. The rules: domain/similar_projects.py."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from registry.domain import similar_projects as rules
from registry.domain.errors import Message, NotFound
from registry.domain.permissions import DISTRICT_STAFF, Actor, require_register_similar
from registry.models import Enterprise
from registry.repositories import parcels as parcel_repo
from registry.services.projects.parsing import ProjectDraft
from registry.services.projects.views import load_visible


@dataclass(frozen=True)
class LeftOutParcel:
    """A parcel of the source that the new project does not take, and why."""

    id: int
    code: str
    reason: Message


@dataclass(frozen=True)
class SimilarProject:
    """The fields of a new project started from project ``source_id`` (``draft``: as the wizard and
    the API's create take them), the parcels it takes (code and outline, for the wizard's map) and
    those it leaves out."""

    source_id: int
    source_reference: str
    source_title: str
    source_year: int
    draft: ProjectDraft
    parcels: tuple[parcel_repo.ParcelFeature, ...]
    left_out: tuple[LeftOutParcel, ...]


def similar_project(session: Session, actor: Actor, project_id: int) -> SimilarProject:
    """A new project like ``project_id``: NotFound when the actor may not read it (as everywhere),
    PermissionDenied, naming the district, when they may not register in its district."""
    source = load_visible(session, actor, project_id)
    require_register_similar(actor, source.district_code, source.reference)
    year = rules.next_year(source.year)
    kept, left_out = [], []
    for parcel in parcel_repo.parcels_of_project(session, source.id):
        reason = rules.parcel_left_out(parcel.status, parcel.retired, parcel.district_code, source.district_code,
                                       actor.role == DISTRICT_STAFF)
        if reason is None:
            kept.append(parcel)
        else:
            left_out.append(LeftOutParcel(parcel.id, parcel.code, reason))
    enterprise = session.get(Enterprise, source.enterprise_id)
    draft = ProjectDraft(
        kind=source.kind, year=year, title=rules.title_without_year(source.title, source.year),
        district_code=source.district_code, credit_code=enterprise.credit_code, enterprise_name=enterprise.name,
        structural_mode=source.structural_mode, inputs=rules.carried_inputs(source.inputs, source.year, year),
        parcel_ids=tuple(p.id for p in kept), investment_wan_yuan=source.investment_wan_yuan,
        subsidy_requested_wan_yuan=source.subsidy_requested_wan_yuan,
        output_value_wan_yuan=source.output_value_wan_yuan,
        planned_completion=rules.moved_by_years(source.planned_completion, year - source.year),
    )
    return SimilarProject(source.id, source.reference, source.title, source.year, draft, tuple(kept),
                          tuple(left_out))


def source_reference(session: Session, actor: Actor, project_id: int | None) -> str | None:
    """The reference of the project a registration was started from (``from_project``), for its
    history: ``None`` without one, or when the actor may not read it (a forged id, a draft deleted
    since) — the registration itself does not depend on it."""
    if project_id is None:
        return None
    try:
        return load_visible(session, actor, project_id).reference
    except NotFound:
        return None
