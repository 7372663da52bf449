"""What a map draws around the parcels it shows (a parcel's page, a project's): the zones they lie in
and the live parcels nearby. The registry's maps have no base map on an intranet, so this is all that
tells a planner what surrounds a site (docs/freed-land.md, "A parcel's surroundings on its maps").

Land data is not confidential between districts (services/geodata.py): every signed-in reader sees
the parcels nearby in any district, each by its code, status and land use only — never the projects
on it, which ``parcel_detail`` filters for the reader on the parcel's own page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sqlalchemy.orm import Session

from geo import queries
from geo.queries import NearParcel
from registry.domain.vocabulary import ZONE_KINDS
from registry.repositories import places
from registry.repositories.places import ParcelZoneOutline

# A few minutes' walk, about a block of Shanghai's industrial land beyond the site's edge: the demo's
# sites are parcels within 300 m of each other, and its plots 0.4–4 ha (70–200 m across).
NEARBY_RADIUS_M = 250
# The nearest ones only where plots are dense (a 198 region's workshops of half a hectare hold ~60
# within 250 m of a plot): the page stays light and fast, and the map readable.
NEARBY_LIMIT = 60

__all__ = ["NEARBY_LIMIT", "NEARBY_RADIUS_M", "NearParcel", "ParcelZoneOutline", "Surroundings", "surroundings"]


@dataclass(frozen=True)
class Surroundings:
    """The zones the parcels lie in (highest-ranking kind first, as ``parcels.zone_kind`` ranks them)
    and the nearest live parcels around them, nearest first."""

    zones: list[ParcelZoneOutline]
    nearby: list[NearParcel]
    radius_m: int = NEARBY_RADIUS_M
    limit: int = NEARBY_LIMIT

    @property
    def capped(self) -> bool:
        """Whether more parcels may lie within the radius than are drawn."""
        return len(self.nearby) >= self.limit


def surroundings(session: Session, parcel_ids: Sequence[int]) -> Surroundings:
    """The surroundings of ``parcel_ids`` (one parcel's page, or a project's parcels together)."""
    rank = {kind: i for i, kind in enumerate(ZONE_KINDS)}
    zones = sorted(places.zones_holding(session, parcel_ids), key=lambda z: (rank.get(z.kind, len(rank)), z.id))
    return Surroundings(zones, queries.near_parcels(session, parcel_ids, NEARBY_RADIUS_M, NEARBY_LIMIT))
