"""SQL for the versioned factor tables."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.domain.errors import Bilingual
from registry.domain.factors import FactorRow
from registry.models import ElectricityEqualValue, EnergyFactor, Project


def factor_rows(session: Session) -> list[FactorRow]:
    rows = session.execute(select(EnergyFactor).order_by(EnergyFactor.energy, EnergyFactor.valid_from)).scalars()
    return [
        FactorRow(
            energy=r.energy, unit=r.unit, value_kgce=r.value_kgce, standard=r.standard, edition=r.edition,
            valid_from=r.valid_from, value_min=r.value_min, value_max=r.value_max, range_edition=r.range_edition,
        )
        for r in rows
    ]


def equal_value(session: Session, year: int) -> tuple[Decimal, Bilingual] | None:
    row = session.get(ElectricityEqualValue, year)
    return (row.value_kgce_per_kwh, Bilingual(row.source, row.source_en)) if row else None


def equal_values(session: Session) -> dict[int, tuple[Decimal, Bilingual]]:
    """Every year's electricity 等价值 with its source, by year (a row a year)."""
    return {row.year: (row.value_kgce_per_kwh, Bilingual(row.source, row.source_en)) for row in equal_value_rows(session)}


def equal_value_rows(session: Session) -> list[ElectricityEqualValue]:
    return list(session.scalars(select(ElectricityEqualValue).order_by(ElectricityEqualValue.year)))


def equal_value_row(session: Session, year: int) -> ElectricityEqualValue | None:
    """The year's row to change; the caller holds the year's lock (``hold_equal_value``, exclusive)."""
    return session.get(ElectricityEqualValue, year, populate_existing=True)  # as committed when the lock came


def projects_of_year(session: Session, year: int) -> list[Project]:
    """The projects whose savings take ``year``'s factors (their document's year is the project's),
    locked for the recomputation, in id order (two recomputations lock in the same order)."""
    return list(session.scalars(select(Project).where(Project.year == year).order_by(Project.id).with_for_update()))


# The advisory-lock class of a year's equal value (``pg_advisory_xact_lock(class, year)``): recording it
# holds the year exclusively; every save computing savings with the year's factors holds it shared.
EQUAL_VALUE_LOCK_CLASS = 0x455156  # "EQV"


def hold_equal_value(session: Session, year: int, exclusive: bool = False) -> None:
    """Hold ``year``'s equal-value lock until the transaction ends (shared by savers, exclusive by the
    recording that recomputes the year). Savers take it before writing any project row and the
    recording before locking them, so the two never wait for each other in a circle."""
    lock = func.pg_advisory_xact_lock if exclusive else func.pg_advisory_xact_lock_shared
    session.execute(select(lock(EQUAL_VALUE_LOCK_CLASS, year))).all()
