"""SQL for targets (plans and published actuals per year, scope, metric)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from registry.models import Target


@dataclass(frozen=True)
class TargetRow:
    id: int
    year: int
    scope: str
    district_code: str | None
    metric: str
    kind: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    source: str | None


def _row(t: Target) -> TargetRow:
    return TargetRow(t.id, t.year, t.scope, t.district_code, t.metric, t.kind, t.value, t.value_max, t.unit, t.source)


def targets_of_year(session: Session, year: int) -> list[TargetRow]:
    rows = session.scalars(select(Target).where(Target.year == year).order_by(
        Target.scope, Target.district_code.nulls_first(), Target.metric, Target.kind))
    return [_row(t) for t in rows]


def years(session: Session) -> list[int]:
    return list(session.scalars(text("SELECT DISTINCT year FROM targets ORDER BY year")))


def plan_years(session: Session) -> list[int]:
    """Years with a plan target (any scope): the programme's years."""
    return list(session.scalars(text("SELECT DISTINCT year FROM targets WHERE kind = 'plan' ORDER BY year")))


def find(session: Session, year: int, scope: str, district_code: str | None, metric: str, kind: str) -> Target | None:
    return session.scalars(select(Target).where(
        Target.year == year, Target.scope == scope, Target.metric == metric, Target.kind == kind,
        Target.district_code.is_(None) if district_code is None else Target.district_code == district_code,
    )).one_or_none()


def get(session: Session, target_id: int) -> Target | None:
    return session.get(Target, target_id)


def district_exists(session: Session, code: str) -> bool:
    return session.execute(text("SELECT EXISTS (SELECT 1 FROM districts WHERE code = :c)"), {"c": code}).scalar_one()
