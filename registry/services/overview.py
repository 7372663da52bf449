"""The overview page's use case: what the registry holds, and the district map's data."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from registry.repositories import places, stats


@dataclass(frozen=True)
class Overview:
    counts: stats.RegistryCounts
    districts: list[places.DistrictOutline]
    zones: list[places.ZoneOutline]


def overview(session: Session) -> Overview:
    return Overview(
        counts=stats.registry_counts(session),
        districts=places.district_outlines(session),
        zones=places.zone_outlines(session),
    )
