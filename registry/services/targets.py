"""Targets use cases: list a year's targets; administrators add, change and remove them (audited)."""
from __future__ import annotations

from sqlalchemy.orm import Session

from registry.domain.errors import N_, Conflict, NotFound, ValidationError
from registry.domain.permissions import ADMIN, Actor, require_role
from registry.domain.targets import METRICS, TargetEntry
from registry.models import Target
from registry.repositories import targets as repository
from registry.repositories.targets import TargetRow
from registry.services import audit

_AUDITED = ("year", "scope", "district_code", "metric", "kind", "value", "value_max", "unit", "source")


def _state(target: Target) -> dict:
    return {f: getattr(target, f) for f in _AUDITED}


def list_targets(session: Session, year: int) -> list[TargetRow]:
    """The year's targets: the city's, then each district's (by code), metrics in the programme's
    order (``METRICS``, as the dashboard lists them), a plan before its published actual."""
    order = {code: index for index, code in enumerate(METRICS)}
    return sorted(repository.targets_of_year(session, year), key=lambda t: (
        t.scope != "city", t.district_code or "", order.get(t.metric, len(order)), t.metric, t.kind != "plan"))


def target_years(session: Session) -> list[int]:
    return repository.years(session)


class TargetHeld(Conflict):
    """The year's target of this scope, district, metric and plan/actual exists, and the caller did
    not name it as the one it changes: saving had replaced its value and source unasked."""

    def __init__(self, target_id: int) -> None:
        super().__init__(N_("This target exists already: saving replaces its value and source."))
        self.target_id = target_id


def save_target(session: Session, actor: Actor, entry: TargetEntry, replaces: int | None = None) -> int:
    """Create the target of (year, scope, district, metric, kind), or change its value; returns its id.
    ``replaces``: the id of the target the caller changes (None: a new one); TargetHeld where another
    target of the same (year, scope, district, metric, kind) would be replaced."""
    require_role(actor, ADMIN)
    if entry.district_code and not repository.district_exists(session, entry.district_code):
        raise ValidationError.single("district_code", N_("no district with code %(code)s"), code=entry.district_code)
    try:
        target = repository.find(session, entry.year, entry.scope, entry.district_code, entry.metric, entry.kind)
        if target is not None and target.id != replaces:
            raise TargetHeld(target.id)
        before = _state(target) if target else {}
        if target is None:
            target = Target(year=entry.year, scope=entry.scope, district_code=entry.district_code,
                            metric=entry.metric, kind=entry.kind)
            session.add(target)
        target.value, target.value_max = entry.value, entry.value_max
        target.unit, target.source = entry.unit, entry.source
        session.flush()
        audit.record(session, actor, "update" if before else "create", "target", target.id, before, _state(target))
        session.commit()
        return target.id
    except BaseException:
        session.rollback()
        raise


def delete_target(session: Session, actor: Actor, target_id: int) -> None:
    require_role(actor, ADMIN)
    try:
        target = repository.get(session, target_id)
        if target is None:
            raise NotFound(N_("No target with id %(id)s."), id=target_id)
        audit.record(session, actor, "delete", "target", target.id, _state(target), {})
        session.delete(target)
        session.commit()
    except BaseException:
        session.rollback()
        raise
