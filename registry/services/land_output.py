"""Use case: land output (单位土地产出, 亿元/km²) per year by parcel, zone, development zone or
district, against the plan target (2017: 68 亿元/km² for development zones).

Output = Σ recorded output (万元 → 亿元) of the parcels with an output that year ÷ Σ their geodesic
area (km²): land without a recorded output neither raises nor lowers the figure.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from registry.domain.errors import N_, Listed, ValidationError
from registry.domain.land import area_km2, land_output_yi_yuan_per_km2
from registry.domain.permissions import Actor
from registry.repositories import land_output as repo

LEVELS = {
    "district": N_("District"),
    "development_zone": N_("Development zone"),
    "zone": N_("Zone (any kind)"),
    "parcel": N_("Parcel"),
}
MAX_PARCEL_ROWS = 500


@dataclass(frozen=True)
class OutputLine:
    key: str
    name_zh: str
    name_en: str
    parcels: int
    output_wan_yuan: Decimal
    area_km2: Decimal
    output_yi_yuan_per_km2: Decimal | None
    geometry_geojson: str | None
    parcel_id: int | None = None  # a line of one parcel (links to its page)

    def meets(self, target: Decimal | None) -> bool | None:
        if target is None or self.output_yi_yuan_per_km2 is None:
            return None
        return self.output_yi_yuan_per_km2 >= target


@dataclass(frozen=True)
class LandOutputReport:
    year: int | None
    level: str
    years: list[int]
    lines: list[OutputLine]
    city: OutputLine | None
    target_year: int | None
    target_yi_yuan_per_km2: Decimal | None
    development_zones: OutputLine | None = None  # all of them together, at the development-zone level

    @property
    def judges(self) -> bool:
        """Lines are judged against the target only by development zone, the target's own scope
        (docs/freed-land.md): a district, a 104 block or a parcel has no 68 to meet."""
        return self.level == "development_zone"

    def judgement(self, line: OutputLine) -> bool | None:
        """Whether ``line`` meets the target; None when not judged or not measurable."""
        return line.meets(self.target_yi_yuan_per_km2) if self.judges else None

    def to_dict(self) -> dict:
        def line(item: OutputLine) -> dict:
            return {"key": item.key, "name_zh": item.name_zh, "name_en": item.name_en, "parcels": item.parcels,
                    "output_wan_yuan": float(item.output_wan_yuan), "area_km2": float(item.area_km2),
                    "output_yi_yuan_per_km2": float(item.output_yi_yuan_per_km2)
                    if item.output_yi_yuan_per_km2 is not None else None,
                    "meets_target": self.judgement(item) if item is not self.city else None}

        return {"year": self.year, "level": self.level, "years": self.years,
                "target": {"year": self.target_year, "output_yi_yuan_per_km2": float(self.target_yi_yuan_per_km2)}
                if self.target_yi_yuan_per_km2 is not None else None,
                "city": line(self.city) if self.city else None, "lines": [line(i) for i in self.lines],
                "development_zones": line(self.development_zones) if self.development_zones else None}


def development_zones_output(session: Session, year: int) -> OutputLine | None:
    """Land output of all development zones together in ``year`` (the plan target's own measure),
    None when none of their parcels has an output that year."""
    count, output, area = repo.development_zone_total(session, year)
    return _line(repo.OutputRow("development_zones", "全部开发区", "All development zones", count, output, area,
                                None)) if count else None


def _line(row: repo.OutputRow) -> OutputLine:
    output = Decimal(row.output_wan_yuan or 0)
    area = Decimal(row.area_m2 or 0)
    density = land_output_yi_yuan_per_km2(output, "万元", area) if area > 0 else None
    return OutputLine(row.key, row.name_zh, row.name_en, row.parcels, output, area_km2(area), density,
                      row.geometry_geojson, row.parcel_id)


def land_output(session: Session, actor: Actor, level: str = "district", year: int | None = None) -> LandOutputReport:
    """Land output of ``year`` (default: the latest with recorded outputs) at ``level``."""
    if level not in LEVELS:
        raise ValidationError.single("level", N_("unknown value %(value)r; allowed: %(allowed)s"),
                                     value=str(level)[:40], allowed=Listed(tuple(LEVELS)))
    years = repo.years(session)
    if year is None:
        year = years[-1] if years else None
    elif not 2000 <= year <= 2100:
        raise ValidationError.single("year", N_("must be between %(low)s and %(high)s"), low=2000, high=2100)
    target = repo.target(session, year or 0)
    if year is None:
        return LandOutputReport(None, level, years, [], None, *(target or (None, None)))
    if level == "district":
        rows = repo.by_district(session, year)
    elif level == "parcel":
        rows = repo.by_parcel(session, year, MAX_PARCEL_ROWS)
    else:
        rows = repo.by_zone(session, year, "development_zone" if level == "development_zone" else None)
    count, output, area = repo.city_total(session, year)
    city = _line(repo.OutputRow("city", "全市", "City", count, output, area, None)) if count else None
    zones = development_zones_output(session, year) if level == "development_zone" else None
    return LandOutputReport(year, level, years, [_line(r) for r in rows], city, *(target or (None, None)),
                            development_zones=zones)
