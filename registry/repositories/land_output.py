"""SQL of land output (亿元/km²): recorded parcel outputs summed by parcel, zone or district, each
line with the same sums of the year before (同比) from the same statement."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from sqlalchemy import Select, String, cast, func, select
from sqlalchemy.orm import Session, aliased

from registry.domain.land_output import OutputOrder
from registry.models import District, Parcel, ParcelOutput, ParcelZone, Target, Zone
from registry.repositories.streaming import streamed_rows

OUTPUT_TARGET_METRIC = "dev_zone_land_output_yi_yuan_per_km2"
MAP_SIMPLIFY_DEG = 0.0002


@dataclass(frozen=True)
class Sums:
    """The recorded outputs of a year's parcels with an output (count, 万元, m²), and of those with
    an output the year before (``None``: none had one)."""

    parcels: int
    output_wan_yuan: Decimal
    area_m2: Decimal
    previous_output_wan_yuan: Decimal | None = None
    previous_area_m2: Decimal | None = None


@dataclass(frozen=True)
class OutputRow:
    key: str
    name_zh: str
    name_en: str
    sums: Sums
    geometry_geojson: str | None
    parcel_id: int | None = None  # a line of one parcel


def years(session: Session) -> list[int]:
    return list(session.scalars(select(ParcelOutput.year).distinct().order_by(ParcelOutput.year)))


def _sums(year: int):
    """count, output, area of ``year``; output and area of the year before (FILTER: one pass over both)."""
    now, before = ParcelOutput.year == year, ParcelOutput.year == year - 1
    return (func.count().filter(now).label("parcels"),
            func.sum(ParcelOutput.output_wan_yuan).filter(now).label("output"),
            func.sum(Parcel.area_m2).filter(now).label("area"),
            func.sum(ParcelOutput.output_wan_yuan).filter(before).label("previous_output"),
            func.sum(Parcel.area_m2).filter(before).label("previous_area"))


def _outputs(year: int) -> Select:
    """The outputs of ``year`` and of the year before, with their parcels."""
    return select().select_from(ParcelOutput).join(Parcel, Parcel.id == ParcelOutput.parcel_id).where(
        ParcelOutput.year.in_((year - 1, year)))


def _grouped(year: int, *keys) -> Select:
    """``_sums`` per ``keys``, only the groups with an output in ``year`` itself."""
    return (_outputs(year).add_columns(*keys, *_sums(year)).group_by(*keys)
            .having(func.count().filter(ParcelOutput.year == year) > 0))


def _sums_of(row) -> Sums:
    parcels, output, area, previous_output, previous_area = row
    return Sums(parcels or 0, output or Decimal(0), area or Decimal(0), previous_output, previous_area)


def by_district(session: Session, year: int) -> list[OutputRow]:
    sums = _grouped(year, Parcel.district_code).subquery()
    rows = session.execute(
        select(District.code, District.name_zh, District.name_en, sums.c.parcels, sums.c.output, sums.c.area,
               sums.c.previous_output, sums.c.previous_area,
               func.ST_AsGeoJSON(func.ST_SimplifyPreserveTopology(District.geom, MAP_SIMPLIFY_DEG), 5))
        .join(sums, sums.c.district_code == District.code).order_by(District.code))
    return [OutputRow(*r[:3], _sums_of(r[3:8]), r[8]) for r in rows]


def by_zone(session: Session, year: int, kind: str | None = None) -> list[OutputRow]:
    sums = _grouped(year, ParcelZone.zone_id).join(ParcelZone, ParcelZone.parcel_id == Parcel.id).subquery()
    statement = (
        select(cast(Zone.id, String), Zone.name_zh, Zone.name_en, sums.c.parcels, sums.c.output, sums.c.area,
               sums.c.previous_output, sums.c.previous_area,
               func.ST_AsGeoJSON(func.ST_SimplifyPreserveTopology(Zone.geom, MAP_SIMPLIFY_DEG), 5))
        .join(sums, sums.c.zone_id == Zone.id).order_by(Zone.kind, Zone.name_zh))
    if kind:
        statement = statement.where(Zone.kind == kind)
    return [OutputRow(*r[:3], _sums_of(r[3:8]), r[8]) for r in session.execute(statement)]


YEAR_BEFORE_SORTS = ("previous", "change", "change_percent")  # orders that read the year before


def _parcel_query(year: int, order: OutputOrder, limit: int | None = None) -> Select:
    """Each parcel with an output in ``year`` (the first ``limit``), with its output the year before,
    in ``order`` (nulls last, ties by code): the order of ``domain.land_output.SORTS`` in SQL."""
    before = aliased(ParcelOutput)
    area = func.nullif(Parcel.area_m2, 0)
    change = ParcelOutput.output_wan_yuan - before.output_wan_yuan
    keys = {"name": Parcel.code, "output_wan_yuan": ParcelOutput.output_wan_yuan, "area_km2": Parcel.area_m2,
            "output": ParcelOutput.output_wan_yuan / area, "previous": before.output_wan_yuan / area,
            "change": change / area, "change_percent": change / func.nullif(before.output_wan_yuan, 0)}
    key = keys.get(order.sort, keys["output"])
    ordering = ((key.desc() if order.descending else key.asc()).nulls_last(), Parcel.code, Parcel.id)
    of_year = select().select_from(ParcelOutput).join(Parcel, Parcel.id == ParcelOutput.parcel_id) \
        .where(ParcelOutput.year == year)
    rows = (of_year.add_columns(Parcel.code, ParcelOutput.output_wan_yuan, Parcel.area_m2, before.output_wan_yuan,
                                Parcel.id)
            .outerjoin(before, (before.parcel_id == Parcel.id) & (before.year == year - 1)).order_by(*ordering))
    if limit is None or order.sort in YEAR_BEFORE_SORTS:
        return rows if limit is None else rows.limit(limit)
    # the first parcels by this year's figures alone, then their year before: 500 parcels joined,
    # not every one (at 1,000,000 parcels with outputs the page took 3.0 s, as long again as before)
    first = of_year.add_columns(Parcel.id).order_by(*ordering).limit(limit)
    return rows.where(Parcel.id.in_(first.scalar_subquery()))


def _parcel_row(code: str, output: Decimal, area: Decimal, previous: Decimal | None, parcel_id: int) -> OutputRow:
    sums = Sums(1, output, area, previous, area if previous is not None else None)
    return OutputRow(code, code, code, sums, None, parcel_id)


def by_parcel(session: Session, year: int, order: OutputOrder, limit: int) -> list[OutputRow]:
    """The first ``limit`` parcels in ``order``."""
    return [_parcel_row(*r) for r in session.execute(_parcel_query(year, order, limit))]


def stream_by_parcel(session: Session, year: int, order: OutputOrder) -> Iterator[OutputRow]:
    """Every parcel in ``order``, read from a server-side cursor (a download of them all)."""
    return (_parcel_row(*row) for row in streamed_rows(session, _parcel_query(year, order)))


def city_total(session: Session, year: int) -> Sums:
    return _sums_of(session.execute(_outputs(year).add_columns(*_sums(year))).one())


def development_zone_total(session: Session, year: int) -> Sums:
    """The sums of the parcels in any development zone, each once."""
    in_zone = (select(ParcelZone.parcel_id).join(Zone, Zone.id == ParcelZone.zone_id)
               .where(ParcelZone.parcel_id == Parcel.id, Zone.kind == "development_zone").exists())
    return _sums_of(session.execute(_outputs(year).where(in_zone).add_columns(*_sums(year))).one())


def target(session: Session, year: int) -> tuple[int, Decimal] | None:
    """The land-output plan target of ``year``, else the latest one before it, else any."""
    rows = session.execute(
        select(Target.year, Target.value).where(Target.metric == OUTPUT_TARGET_METRIC, Target.scope == "city",
                                                Target.kind == "plan")
        .order_by((Target.year <= year).desc(), func.abs(Target.year - year))).first()
    return (rows[0], rows[1]) if rows else None


def parcel_facts(session: Session) -> list[tuple[int, Decimal, str, str, object]]:
    """(id, area_m2, zone kind, status, freed_on) of every live parcel, for the demo generator."""
    return [tuple(r) for r in session.execute(
        select(Parcel.id, Parcel.area_m2, Parcel.zone_kind, Parcel.status, Parcel.freed_on)
        .where(Parcel.valid_to.is_(None)).order_by(Parcel.id))]


def has_outputs(session: Session) -> bool:
    return session.execute(select(func.count()).select_from(ParcelOutput)).scalar_one() > 0


def add_outputs(session: Session, rows: list[dict]) -> None:
    from sqlalchemy.dialects.postgresql import insert

    if rows:
        session.execute(insert(ParcelOutput).on_conflict_do_nothing(), rows)
