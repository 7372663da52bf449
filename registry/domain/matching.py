"""Matching freed land to incoming projects (“压减”与“新增”对接), with a rank that explains itself.

A demand names a minimum area, the zone kinds it may go to (in order of preference), perhaps a
district and a point it should be near. Parcels that fail a hard condition are not candidates;
the others get 0–100 points from four parts, each reported with its reason:

- distance (40): full marks at the point, none at the search radius (no point: 40 to all);
- area fit (30): demand ÷ parcel area — a parcel much larger than needed wastes land;
- zone preference (20): the first allowed kind scores 20, later ones less (any kind: 20);
- time idle (10): land freed longer ago is offered first, full marks after five years.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Mapping, Sequence

from registry.domain.errors import N_, NOT_A_DISTRICT_CODE, Day, Listed, Message, Number, UNKNOWN_VALUE
from registry.domain.fields import Errors
from registry.domain.freed_land import AREA_UNITS, DISTRICT_CODE, SHANGHAI_LAT, SHANGHAI_LON, to_m2
from registry.domain.land import area_ha, area_mu
from registry.domain.numbers import decimal_from, without_digit_grouping
from registry.domain.vocabulary import ZONE_KINDS, named_choices

WEIGHT_DISTANCE = 40
WEIGHT_AREA = 30
WEIGHT_ZONE = 20
WEIGHT_IDLE = 10
FULL_IDLE_YEARS = 5
DEFAULT_RADIUS_KM = 10.0
MAX_RESULTS = 50
# the area reason in the unit the demand was typed in (m²: its own message, whole square metres)
AREA_REASONS = {"mu": (N_("%(area)s mu for %(need)s mu needed (%(pct).0f%% used)"), area_mu),
                "ha": (N_("%(area)s ha for %(need)s ha needed (%(pct).0f%% used)"), area_ha)}


@dataclass(frozen=True)
class Demand:
    min_area_m2: Decimal
    zone_kinds: tuple[str, ...] = ()  # in order of preference; empty = any
    district_code: str | None = None
    lon: float | None = None
    lat: float | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    area_unit: str = "m2"  # as typed (m2, mu, ha): the area reason speaks it

    @property
    def has_point(self) -> bool:
        return self.lon is not None and self.lat is not None


@dataclass(frozen=True)
class Candidate:
    parcel_id: int
    code: str
    area_m2: Decimal
    zone_kind: str
    district_code: str | None
    freed_on: date | None
    distance_km: float | None = None


@dataclass(frozen=True)
class Reason:
    points: float
    message: Message


@dataclass(frozen=True)
class Ranked:
    rank: int
    candidate: Candidate
    score: float
    reasons: tuple[Reason, ...]


def read_demand(data: Mapping[str, Any]) -> Demand:
    """A demand from form/JSON fields: min_area (+ area_unit), zone_kind, district, lon, lat, radius_km."""
    errors = Errors()

    def text(name: str) -> str:
        value = data.get(name)
        if isinstance(value, (list, tuple)):
            value = ",".join(str(v) for v in value)
        return str(value).strip() if value is not None else ""

    unit = text("area_unit") or "m2"
    if unit not in AREA_UNITS:
        errors.add("area_unit", UNKNOWN_VALUE, value=unit[:20],
                   allowed=Listed(tuple(AREA_UNITS)))
        unit = "m2"
    area = errors.capture(decimal_from, without_digit_grouping(text("min_area") or "0"), "min_area")  # 10,000 m²
    if area is not None and area < 0:
        errors.add("min_area", N_("must not be negative"))
    kinds = tuple(dict.fromkeys(k.strip() for k in text("zone_kind").split(",") if k.strip()))
    for kind in kinds:
        if kind not in ZONE_KINDS:
            errors.add("zone_kind", UNKNOWN_VALUE, value=kind[:40],
                       allowed=named_choices(ZONE_KINDS))
    district = text("district") or None
    if district and not DISTRICT_CODE.match(district):
        errors.add("district", NOT_A_DISTRICT_CODE, value=district[:40])
    lon, lat = _coordinate(errors, text("lon"), "lon", SHANGHAI_LON), _coordinate(errors, text("lat"), "lat", SHANGHAI_LAT)
    if (lon is None) != (lat is None) and not errors:
        errors.add("lat", N_("give longitude and latitude together"))
    radius = _coordinate(errors, text("radius_km"), "radius_km", (0.1, 100.0)) or DEFAULT_RADIUS_KM
    errors.raise_if_any()
    return Demand(to_m2(area, unit), kinds, district, lon, lat, radius, unit)


def _coordinate(errors: Errors, raw: str, name: str, bounds: tuple[float, float]) -> float | None:
    if not raw:
        return None
    value = errors.capture(decimal_from, raw, name)
    if value is None:
        return None
    if not bounds[0] <= value <= bounds[1]:
        errors.add(name, N_("must be between %(low)s and %(high)s"), low=bounds[0], high=bounds[1])
        return None
    return float(value)


def rank_candidates(demand: Demand, candidates: Sequence[Candidate], today: date) -> list[Ranked]:
    """Score each candidate (0–100) and sort, best first; ties go to the larger, then the older code."""
    scored = []
    for c in candidates:
        reasons = (_distance(demand, c), _area(demand, c), _zone(demand, c), _idle(c, today))
        score = round(sum(r.points for r in reasons), 1)
        scored.append((score, c, reasons))
    scored.sort(key=lambda item: (-item[0], -item[1].area_m2, item[1].code))
    return [Ranked(i + 1, c, score, reasons) for i, (score, c, reasons) in enumerate(scored)]


def _distance(demand: Demand, c: Candidate) -> Reason:
    if not demand.has_point or c.distance_km is None:
        return Reason(WEIGHT_DISTANCE, Message(N_("no location asked for: full marks for distance")))
    share = max(0.0, 1.0 - c.distance_km / demand.radius_km)
    return Reason(round(WEIGHT_DISTANCE * share, 1),
                  Message(N_("%(km).1f km from the requested point (radius %(radius).1f km)"),
                          {"km": c.distance_km, "radius": demand.radius_km}))


def _area(demand: Demand, c: Candidate) -> Reason:
    area = Decimal(c.area_m2)
    if demand.min_area_m2 <= 0 or area <= 0:
        return Reason(WEIGHT_AREA, Message(N_("no minimum area asked for: full marks for area")))
    share = float(min(Decimal(1), demand.min_area_m2 / area))
    if demand.area_unit in AREA_REASONS:
        msgid, convert = AREA_REASONS[demand.area_unit]
        return Reason(round(WEIGHT_AREA * share, 1),
                      Message(msgid, {"area": Number(convert(area), 2), "need": Number(convert(demand.min_area_m2), 2),
                                      "pct": share * 100}))
    return Reason(round(WEIGHT_AREA * share, 1),
                  Message(N_("%(area).0f m² for %(need).0f m² needed (%(pct).0f%% used)"),
                          {"area": float(area), "need": float(demand.min_area_m2), "pct": share * 100}))


def _zone(demand: Demand, c: Candidate) -> Reason:
    if not demand.zone_kinds:
        return Reason(WEIGHT_ZONE, Message(N_("any zone kind accepted: full marks for zone")))
    position = demand.zone_kinds.index(c.zone_kind) if c.zone_kind in demand.zone_kinds else len(demand.zone_kinds)
    share = 1.0 - position / len(demand.zone_kinds)
    return Reason(round(WEIGHT_ZONE * share, 1),
                  Message(N_("zone kind %(kind)s is choice %(n)s of %(of)s"),
                          {"kind": Message(ZONE_KINDS.get(c.zone_kind, c.zone_kind)), "n": position + 1,
                           "of": len(demand.zone_kinds)}))


def _idle(c: Candidate, today: date) -> Reason:
    if c.freed_on is None:
        return Reason(0, Message(N_("date freed unknown: no points for time idle")))
    years = max(0.0, (today - c.freed_on).days / 365.25)
    share = min(1.0, years / FULL_IDLE_YEARS)
    return Reason(round(WEIGHT_IDLE * share, 1),
                  Message(N_("idle for %(years).1f years since %(day)s"), {"years": years, "day": Day(c.freed_on)}))
