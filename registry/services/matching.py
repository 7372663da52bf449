"""Use case: rank freed parcels for a demand (“压减”与“新增”对接), each rank explained."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping

from sqlalchemy.orm import Session

from registry import clock
from registry.domain.errors import Message
from registry.domain.matching import MAX_RESULTS, Candidate, Demand, Ranked, rank_candidates, read_demand
from registry.domain.permissions import Actor
from registry.repositories import freed_land as repo


@dataclass(frozen=True)
class MatchResult:
    demand: Demand
    ranked: list[Ranked]
    considered: int

    def to_dict(self, text: Callable[[Message], str]) -> dict[str, Any]:
        """The result for a client, each reason as ``text`` renders it (in the reader's language and formats)."""
        return {
            "demand": {"min_area_m2": float(self.demand.min_area_m2), "zone_kinds": list(self.demand.zone_kinds),
                       "district": self.demand.district_code, "lon": self.demand.lon, "lat": self.demand.lat,
                       "radius_km": self.demand.radius_km},
            "considered": self.considered,
            "results": [{
                "rank": r.rank, "score": r.score, "parcel_id": r.candidate.parcel_id, "code": r.candidate.code,
                "area_m2": float(r.candidate.area_m2), "zone_kind": r.candidate.zone_kind,
                "district_code": r.candidate.district_code,
                "freed_on": r.candidate.freed_on.isoformat() if r.candidate.freed_on else None,
                "distance_km": r.candidate.distance_km,
                "reasons": [{"points": reason.points, "text": text(reason.message)} for reason in r.reasons],
            } for r in self.ranked],
        }


def match_demand(session: Session, actor: Actor, data: Mapping[str, Any], today: date | None = None) -> MatchResult:
    """The freed parcels that fit the demand in ``data``, best first (at most 50)."""
    demand = read_demand(data)
    point = (demand.lon, demand.lat) if demand.has_point else None
    rows = repo.candidates(session, demand.min_area_m2, demand.zone_kinds, demand.district_code, point,
                           demand.radius_km)
    candidates = [Candidate(pid, code, area, kind, district, freed_on, float(km) if km is not None else None)
                  for pid, code, area, kind, district, freed_on, km in rows]
    ranked = rank_candidates(demand, candidates, today or clock.today())
    return MatchResult(demand, ranked[:MAX_RESULTS], len(candidates))
