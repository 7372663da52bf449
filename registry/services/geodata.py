"""Reading districts, zones and parcels for the JSON API (GeoJSON geometry, EPSG:4326).

Land data is not confidential between districts: every signed-in user reads every district,
zone and parcel (projects, whose drafts are, are filtered by ``registry.services.projects``).
"""
from __future__ import annotations

from typing import Iterable

from sqlalchemy.orm import Session

from registry.domain.errors import N_, NotFound, UNKNOWN_VALUE
from registry.domain.fields import Errors
from registry.domain.numbers import is_ascii_digits
from registry.domain.vocabulary import ZONE_KINDS, named_choices
from registry.repositories import geodata as repo
from registry.repositories import places, versions
from registry.repositories.geodata import DistrictRow, ParcelRow, ZoneRow
from registry.services.district_filter import known_districts

__all__ = ["DistrictRow", "ParcelRow", "ZoneRow", "district_names", "district_outline", "district_outlines", "districts_version",
           "get_district", "get_parcel", "list_districts", "list_zones"]


def list_districts(session: Session) -> list[DistrictRow]:
    """The 16 districts with outlines simplified to ~1 m."""
    return repo.districts(session)


def district_names(session: Session, codes: Iterable[str] | None) -> dict[str, tuple[str, str]]:
    """The names of the districts of ``codes`` (``None``: every one), code → (Chinese, English); unknown
    codes left out."""
    return places.district_names(session, codes)


def district_outline(session: Session, code: str | None) -> places.DistrictOutline | None:
    """The outline of the district of ``code`` drawn around a parcel on its page (``None``: none known)."""
    return places.district_outline(session, code)


def district_outlines(session: Session) -> list[places.DistrictOutline]:
    """Every district's outline as the maps draw them (simplified as the overview's), by code."""
    return places.district_outlines(session)


def districts_version(session: Session) -> tuple:
    """The database and its districts layer's version (migration 0010): outlines read at a version
    hold until it changes."""
    return versions.of_layers(session, "districts")


def get_district(session: Session, code: str) -> DistrictRow:
    found = repo.districts(session, code) if is_ascii_digits(code) and len(code) == 6 else []
    if not found:
        raise NotFound(N_("no district with code %(code)s"), code=code)
    return found[0]


def list_zones(session: Session, kind: str | None = None, district_code: str | None = None) -> list[ZoneRow]:
    """Zones (104 blocks, 195/198 regions, development zones), optionally of one kind or district
    (ValidationError on ``district`` for a code no district has: an empty list would say it has none)."""
    errors = Errors()
    if kind is not None and kind not in ZONE_KINDS:
        errors.add("kind", UNKNOWN_VALUE, value=kind[:40],
                   allowed=named_choices(ZONE_KINDS))
    known_districts(session, errors, [district_code])
    errors.raise_if_any()
    return repo.zones(session, kind, district_code)


def get_parcel(session: Session, parcel_id: int) -> ParcelRow:
    found = repo.parcel(session, parcel_id)
    if found is None:
        raise NotFound(N_("no parcel with id %(id)s"), id=parcel_id)
    return found
