"""Use case: land output (单位土地产出, 亿元/km²) per year by parcel, zone, development zone or
district, against the plan target (2017: 68 亿元/km² for development zones), each line beside
the year before (同比).

Output = Σ recorded output (万元 → 亿元) of the parcels with an output that year ÷ Σ their geodesic
area (km²): land without a recorded output neither raises nor lowers the figure. A line's year
before is that same measure of its parcels with an output then — the figure the report of that
year shows for the line.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Hashable, Iterable, Iterator, Sequence

from sqlalchemy.orm import Session

from registry.domain.land import (
    area_km2, land_output_yi_yuan_per_km2, output_change_percent, output_change_yi_yuan_per_km2,
)
from registry.domain.land_output import OutputOrder, check_level, parse_output_order
from registry.domain.numbers import year_number
from registry.domain.permissions import Actor
from registry.domain.years import YEARS
from registry.repositories import land_output as repo
from registry.services.report_cache import Reading, ReportCache

MAX_PARCEL_ROWS = 500  # the page's (and the JSON API's) parcels; a download holds them all


def _density(output_wan_yuan: Decimal | None, area_m2: Decimal | None) -> Decimal | None:
    if output_wan_yuan is None or not area_m2 or area_m2 <= 0:
        return None
    return land_output_yi_yuan_per_km2(output_wan_yuan, "万元", area_m2)


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
    # the same measure of the line's parcels with an output the year before; None: none had one
    previous_yi_yuan_per_km2: Decimal | None = None

    @property
    def change_yi_yuan_per_km2(self) -> Decimal | None:
        """同比 in 亿元/km²; None without an output the year before."""
        return output_change_yi_yuan_per_km2(self.output_yi_yuan_per_km2, self.previous_yi_yuan_per_km2)

    @property
    def change_percent(self) -> Decimal | None:
        """同比 in % of the year before; None without one (or with none the year before)."""
        return output_change_percent(self.output_yi_yuan_per_km2, self.previous_yi_yuan_per_km2)

    def meets(self, target: Decimal | None) -> bool | None:
        if target is None or self.output_yi_yuan_per_km2 is None:
            return None
        return self.output_yi_yuan_per_km2 >= target

    def figure(self, sort: str) -> Decimal | int | None:
        """The figure a table sorted by ``sort`` (``domain.land_output.SORTS``) orders this line by."""
        return {"parcels": self.parcels, "output_wan_yuan": self.output_wan_yuan, "area_km2": self.area_km2,
                "output": self.output_yi_yuan_per_km2, "previous": self.previous_yi_yuan_per_km2,
                "change": self.change_yi_yuan_per_km2, "change_percent": self.change_percent}.get(sort)


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


@dataclass(frozen=True)
class LandOutputReport:
    year: int | None
    level: str
    years: list[int]
    lines: Sequence[OutputLine]  # at the parcel level the first MAX_PARCEL_ROWS in ``order`` (a download: all)
    city: OutputLine | None
    target_year: int | None
    target_yi_yuan_per_km2: Decimal | None
    development_zones: OutputLine | None = None  # all of them together, at the development-zone level
    order: OutputOrder = OutputOrder("name", False)
    # the versions of the data every figure was read at (``report_cache.Reading.keep``): what is made
    # of the report alone (its map) may be kept under them; None: read past the cache
    read_at: Hashable | None = field(default=None, compare=False)

    @property
    def judges(self) -> bool:
        """Lines are judged against the target only by development zone, the target's own scope
        (docs/freed-land.md): a district, a 104 block or a parcel has no 68 to meet."""
        return self.level == "development_zone"

    @property
    def previous_year(self) -> int | None:
        return self.year - 1 if self.year is not None else None

    @property
    def total_lines(self) -> int:
        """How many lines the report has: at the parcel level every parcel with an output that year
        (the page shows the first ``MAX_PARCEL_ROWS``)."""
        if self.level == "parcel":
            return self.city.parcels if self.city else 0
        return len(self.lines)

    @property
    def left_out(self) -> int:
        """Lines the page does not show (parcels beyond ``MAX_PARCEL_ROWS``)."""
        return max(self.total_lines - len(self.lines), 0)

    def judgement(self, line: OutputLine) -> bool | None:
        """Whether ``line`` meets the target; None when not judged or not measurable."""
        return line.meets(self.target_yi_yuan_per_km2) if self.judges else None

    def line_dict(self, item: OutputLine) -> dict:
        return {"key": item.key, "name_zh": item.name_zh, "name_en": item.name_en, "parcels": item.parcels,
                "output_wan_yuan": float(item.output_wan_yuan), "area_km2": float(item.area_km2),
                "output_yi_yuan_per_km2": _number(item.output_yi_yuan_per_km2),
                "previous_output_yi_yuan_per_km2": _number(item.previous_yi_yuan_per_km2),
                "change_yi_yuan_per_km2": _number(item.change_yi_yuan_per_km2),
                "change_percent": _number(item.change_percent),
                "meets_target": self.judgement(item) if item is not self.city else None}

    def to_dict(self, lines: Iterable[OutputLine] | None = None) -> dict:
        """The report as JSON; ``lines`` instead of the report's own (a download's, every one)."""
        return {"year": self.year, "previous_year": self.previous_year, "level": self.level, "years": self.years,
                "sort": self.order.sort, "descending": self.order.descending,
                "target": {"year": self.target_year, "output_yi_yuan_per_km2": float(self.target_yi_yuan_per_km2)}
                if self.target_yi_yuan_per_km2 is not None else None,
                "city": self.line_dict(self.city) if self.city else None,
                "total_lines": self.total_lines,
                "lines": [self.line_dict(i) for i in (self.lines if lines is None else lines)],
                "development_zones": self.line_dict(self.development_zones) if self.development_zones else None}


def _line(row: repo.OutputRow) -> OutputLine:
    sums = row.sums
    return OutputLine(row.key, row.name_zh, row.name_en, sums.parcels, sums.output_wan_yuan,
                      area_km2(sums.area_m2), _density(sums.output_wan_yuan, sums.area_m2), row.geometry_geojson,
                      row.parcel_id, _density(sums.previous_output_wan_yuan, sums.previous_area_m2))


def _total(key: str, name_zh: str, name_en: str, sums: repo.Sums) -> OutputLine | None:
    return _line(repo.OutputRow(key, name_zh, name_en, sums, None)) if sums.parcels else None


def development_zones_output(session: Session, year: int) -> OutputLine | None:
    """Land output of all development zones together in ``year`` (the plan target's own measure),
    None when none of their parcels has an output that year."""
    return _total("development_zones", "全部开发区", "All development zones", repo.development_zone_total(session, year))


def sorted_lines(lines: list[OutputLine], order: OutputOrder) -> list[OutputLine]:
    """``lines`` (in the level's own order) in ``order``: lines without the figure last either way,
    ties in the level's own order (the parcel level's SQL sorts alike, ``repo._parcel_query``)."""
    if order.sort == "name":
        return lines[::-1] if order.descending else lines
    known = [line for line in lines if line.figure(order.sort) is not None]
    unknown = [line for line in lines if line.figure(order.sort) is None]
    return sorted(known, key=lambda line: line.figure(order.sort), reverse=order.descending) + unknown


# The tables the report reads (their versions key what the cache keeps, migration 0040)
INPUTS = ("parcel_outputs", "parcels", "parcel_zones", "zones", "districts", "targets")


def land_output(session: Session, actor: Actor, level: str = "district", year: int | None = None,
                sort: str | None = None, parcel_limit: int | None = None,
                cache: ReportCache | None = None) -> LandOutputReport:
    """Land output of ``year`` (default: the latest with recorded outputs) at ``level``, its lines
    in the order ``sort`` names (``domain.land_output.parse_output_order``; none: the level's own).
    At the parcel level the first ``parcel_limit`` parcels in that order (default ``MAX_PARCEL_ROWS``;
    0: none, a download reads them all with ``every_line``). With a ``cache``, what was computed
    before is given again until a table it was read from changes (``services.report_cache``)."""
    check_level(level)
    order = parse_output_order(sort, level)
    if year is not None:  # the years an output may be recorded for, in the words of every year field
        year = year_number(year, "year", *YEARS)
    parts = Reading(session, cache, INPUTS)
    report = _report(session, parts, level, year, order, parcel_limit)
    return replace(report, read_at=parts.keep())


def _report(session: Session, parts: Reading, level: str, year: int | None, order: OutputOrder,
            parcel_limit: int | None) -> LandOutputReport:
    years = list(parts.part("years", lambda: tuple(repo.years(session))))
    if year is None:
        year = years[-1] if years else None
    target = parts.part(("target", year or 0), lambda: repo.target(session, year or 0))
    if year is None:
        return LandOutputReport(None, level, years, [], None, *(target or (None, None)), order=order)
    if level == "parcel":
        limit = MAX_PARCEL_ROWS if parcel_limit is None else parcel_limit
        lines = list(parts.part(("parcels", year, order, limit), lambda: tuple(
            _line(r) for r in repo.by_parcel(session, year, order, limit)) if limit else ()))
    else:
        lines = sorted_lines(list(parts.part((level, year), lambda: tuple(_level_lines(session, level, year)))), order)
    city = parts.part(("city", year), lambda: _total("city", "全市", "City", repo.city_total(session, year)))
    zones = parts.part(("development_zones", year), lambda: development_zones_output(session, year)) \
        if level == "development_zone" else None
    return LandOutputReport(year, level, years, lines, city, *(target or (None, None)), development_zones=zones,
                            order=order)


def _level_lines(session: Session, level: str, year: int) -> list[OutputLine]:
    """The lines of a level other than parcels, in the level's own order."""
    rows = repo.by_district(session, year) if level == "district" else \
        repo.by_zone(session, year, "development_zone" if level == "development_zone" else None)
    return [_line(r) for r in rows]


def every_line(session: Session, report: LandOutputReport) -> Iterator[OutputLine]:
    """Every line of ``report`` in its order: at the parcel level every parcel with an output that
    year, read from a server-side cursor as the caller iterates (a download: memory stays flat)."""
    if report.level != "parcel" or report.year is None:
        yield from report.lines
        return
    for row in repo.stream_by_parcel(session, report.year, report.order):
        yield _line(row)
