"""Counts of what the registry holds, for the overview page."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import District, Enterprise, Parcel, Project, Zone


@dataclass(frozen=True)
class RegistryCounts:
    districts: int
    zones: int
    parcels: int
    enterprises: int
    illustrative_projects: int


def registry_counts(session: Session) -> RegistryCounts:
    def count(model, *where) -> int:
        return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()

    return RegistryCounts(
        districts=count(District),
        zones=count(Zone),
        parcels=count(Parcel, Parcel.valid_to.is_(None)),
        enterprises=count(Enterprise),
        illustrative_projects=count(Project, Project.is_illustrative.is_(True)),
    )


def projects_by_status(session: Session, statuses: list[str], district_code: str | None) -> dict[str, int]:
    """How many projects are in each of ``statuses`` (of one district, if given)."""
    query = select(Project.status, func.count()).where(Project.status.in_(statuses)).group_by(Project.status)
    if district_code is not None:
        query = query.where(Project.district_code == district_code)
    return {status: count for status, count in session.execute(query)}


def freed_parcels_without_plan(session: Session) -> int:
    """Live parcels freed by a project whose redevelopment nobody has planned yet."""
    return session.execute(select(func.count()).select_from(Parcel).where(
        Parcel.valid_to.is_(None), Parcel.status == "freed")).scalar_one()
