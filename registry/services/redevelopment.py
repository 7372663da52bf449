"""Use cases of the redevelopment lifecycle: plan, withdraw, complete, record output, read.

Planners only (DOMAIN.md §1). Each use case locks the parcel row, checks the transition, writes,
audits and commits; split and merge live in ``registry.services.lineage``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Mapping

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.errors import N_, Conflict, NotFound
from registry.domain.permissions import PLANNER, Actor, can_read_record, require_role
from registry.domain.redevelopment import check_transition, read_completion, read_output, read_plan
from registry.domain.vocabulary import OUTPUT_AT_COMPLETION
from registry.models import Parcel, ParcelRedevelopment
from registry.repositories import audit as audit_repo
from registry.repositories import redevelopment as repo
from registry.services import audit
from registry.services.projects.views import APPROVED_STATUSES


@dataclass(frozen=True)
class RedevelopmentView:
    new_use: str
    description: str
    investment_wan_yuan: Decimal | None
    expected_output_wan_yuan: Decimal | None
    actual_output_wan_yuan: Decimal | None
    planned_on: date
    completed_on: date | None


@dataclass(frozen=True)
class ParcelDetail:
    id: int
    code: str
    status: str
    land_use_class: str
    area_m2: Decimal
    district_code: str | None
    zone_kind: str  # the highest-ranking zone it lies in (docs/freed-land.md), "other" in none
    freed_on: date | None
    former_use: str | None  # the land use it was freed with (原用途), kept when a redevelopment replaces it
    valid_from: date
    valid_to: date | None
    version: int
    is_illustrative: bool
    geometry_geojson: str
    parents: list[repo.Relative]
    children: list[repo.Relative]
    projects: list[tuple[int, str, str, int, str]]
    redevelopment: RedevelopmentView | None
    outputs: list[tuple[int, Decimal, str]]
    history: list[audit_repo.HistoryRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: money (the plan's and the outputs' 万元) stays an exact ``Decimal``, answered
        with every digit stored (registry.json_provider); the measured area is a float."""
        def plain(value):
            return value.isoformat() if isinstance(value, date) else value

        redevelopment = ({k: plain(v) for k, v in vars(self.redevelopment).items()}
                         if self.redevelopment else None)
        return {
            "id": self.id, "code": self.code, "status": self.status, "land_use_class": self.land_use_class,
            "area_m2": float(self.area_m2), "district_code": self.district_code, "zone_kind": self.zone_kind,
            "freed_on": plain(self.freed_on), "former_use": self.former_use,
            "valid_from": plain(self.valid_from), "valid_to": plain(self.valid_to), "version": self.version,
            "geometry": json.loads(self.geometry_geojson),
            "parents": [{"id": r.id, "code": r.code, "relation": r.relation} for r in self.parents],
            "children": [{"id": r.id, "code": r.code, "relation": r.relation} for r in self.children],
            "projects": [{"id": p[0], "reference": p[1], "kind": p[2], "year": p[3], "status": p[4]} for p in self.projects],
            "redevelopment": redevelopment,
            "outputs": [{"year": y, "output_wan_yuan": o, "source": s} for y, o, s in self.outputs],
        }


MAX_ID = 2 ** 63 - 1  # parcels.id is a bigint


def _readable_projects(actor: Actor, projects: list[tuple]) -> list[tuple[int, str, str, int, str]]:
    """The parcel's projects the actor may read: another district's draft is not named to its staff."""
    return [p[:5] for p in projects if can_read_record(actor, p[5], p[4] in APPROVED_STATUSES)]


def parcel_detail(session: Session, actor: Actor, parcel_id: int) -> ParcelDetail:
    """Everything a planner reads about one parcel (every signed-in role may read it)."""
    parcel = session.get(Parcel, parcel_id) if 0 < parcel_id <= MAX_ID else None
    if parcel is None:
        raise NotFound(N_("No parcel with id %(id)s."), id=parcel_id)
    session.refresh(parcel)  # freed_on and area are set by the database
    plan = repo.redevelopment_of(session, parcel_id)
    view = RedevelopmentView(plan.new_use, plan.description, plan.investment_wan_yuan, plan.expected_output_wan_yuan,
                             plan.actual_output_wan_yuan, plan.planned_on, plan.completed_on) if plan else None
    return ParcelDetail(
        parcel.id, parcel.code, parcel.status, parcel.land_use_class, parcel.area_m2, parcel.district_code,
        parcel.zone_kind, parcel.freed_on, parcel.former_use, parcel.valid_from, parcel.valid_to, parcel.version,
        parcel.is_illustrative,
        repo.geometry_geojson(session, parcel_id), repo.parents(session, parcel_id), repo.children(session, parcel_id),
        _readable_projects(actor, repo.projects_of(session, parcel_id)), view, repo.outputs(session, parcel_id),
        audit_repo.history(session, "parcel", parcel_id),
    )


def _locked_live_parcel(session: Session, parcel_id: int) -> Parcel:
    parcel = repo.parcel_for_update(session, parcel_id) if 0 < parcel_id <= MAX_ID else None
    if parcel is None:
        raise NotFound(N_("No parcel with id %(id)s."), id=parcel_id)
    return parcel


def _move(session: Session, actor: Actor, parcel: Parcel, target: str) -> dict[str, Any]:
    if parcel.valid_to is not None:
        check_transition("redeveloped", target)  # an end-dated parcel moves nowhere
    check_transition(parcel.status, target)
    before = {"status": parcel.status}
    parcel.status = target
    return before


def plan_redevelopment(session: Session, actor: Actor, parcel_id: int, data: Mapping[str, Any],
                       today: date | None = None, at: datetime | None = None) -> ParcelDetail:
    """freed → redevelopment_planned, recording new use, investment and expected output (万元); the
    history entry dated ``at`` when given (``audit.record``)."""
    require_role(actor, PLANNER)
    plan = read_plan(data, today or clock.today())
    parcel = _locked_live_parcel(session, parcel_id)
    before = _move(session, actor, parcel, "redevelopment_planned")
    record = repo.redevelopment_of(session, parcel_id) or ParcelRedevelopment(parcel_id=parcel_id)
    record.new_use, record.description, record.planned_on = plan.new_use, plan.description, plan.planned_on
    record.investment_wan_yuan, record.expected_output_wan_yuan = plan.investment_wan_yuan, plan.expected_output_wan_yuan
    record.actual_output_wan_yuan, record.completed_on = None, None
    session.add(record)
    audit.record(session, actor, "plan_redevelopment", "parcel", parcel_id, before,
                 {"status": parcel.status, **vars(plan)}, at=at)
    session.commit()
    return parcel_detail(session, actor, parcel_id)


def withdraw_plan(session: Session, actor: Actor, parcel_id: int) -> ParcelDetail:
    """redevelopment_planned → freed; the plan is kept in the audit log, not in the parcel."""
    require_role(actor, PLANNER)
    parcel = _locked_live_parcel(session, parcel_id)
    before = _move(session, actor, parcel, "freed")
    plan = repo.redevelopment_of(session, parcel_id)
    if plan is not None:
        before |= {"new_use": plan.new_use, "planned_on": plan.planned_on}
        session.delete(plan)
    audit.record(session, actor, "withdraw_redevelopment", "parcel", parcel_id, before, {"status": "freed"})
    session.commit()
    return parcel_detail(session, actor, parcel_id)


def complete_redevelopment(session: Session, actor: Actor, parcel_id: int, data: Mapping[str, Any],
                           today: date | None = None, at: datetime | None = None) -> ParcelDetail:
    """redevelopment_planned → redeveloped: the parcel takes its new use; the actual output is
    recorded for the completion year (the basis of land output); the history entry dated ``at``
    when given."""
    require_role(actor, PLANNER)
    parcel = _locked_live_parcel(session, parcel_id)
    plan = repo.redevelopment_of(session, parcel_id)
    check_transition(parcel.status, "redeveloped")
    if plan is None:
        raise Conflict(N_("No redevelopment plan is recorded for this parcel."))
    completion = read_completion(data, today or clock.today(), plan.planned_on)
    before = {"status": parcel.status, "land_use_class": parcel.land_use_class}
    parcel.status, parcel.land_use_class = "redeveloped", plan.new_use
    plan.completed_on, plan.actual_output_wan_yuan = completion.completed_on, completion.actual_output_wan_yuan
    if completion.actual_output_wan_yuan is not None:
        repo.upsert_output(session, parcel_id, completion.completed_on.year, completion.actual_output_wan_yuan,
                           OUTPUT_AT_COMPLETION)
    audit.record(session, actor, "complete_redevelopment", "parcel", parcel_id, before,
                 {"status": "redeveloped", "land_use_class": plan.new_use, **vars(completion)}, at=at)
    session.commit()
    return parcel_detail(session, actor, parcel_id)


def record_output(session: Session, actor: Actor, parcel_id: int, data: Mapping[str, Any]) -> ParcelDetail:
    """Record (or correct) a parcel's output value for a year, in 万元."""
    require_role(actor, PLANNER)
    year, output, source = read_output(data)
    _locked_live_parcel(session, parcel_id)
    previous = dict((y, o) for y, o, _ in repo.outputs(session, parcel_id)).get(year)
    repo.upsert_output(session, parcel_id, year, output, source)
    audit.record(session, actor, "record_output", "parcel", parcel_id, {f"output_{year}": previous},
                 {f"output_{year}": output})
    session.commit()
    return parcel_detail(session, actor, parcel_id)
