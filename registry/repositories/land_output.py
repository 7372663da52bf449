"""SQL of land output (亿元/km²): recorded parcel outputs summed by parcel, zone or district."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import String, cast, func, literal, select
from sqlalchemy.orm import Session

from registry.models import District, Parcel, ParcelOutput, ParcelZone, Target, Zone

OUTPUT_TARGET_METRIC = "dev_zone_land_output_yi_yuan_per_km2"
MAP_SIMPLIFY_DEG = 0.0002


@dataclass(frozen=True)
class OutputRow:
    key: str
    name_zh: str
    name_en: str
    parcels: int
    output_wan_yuan: Decimal
    area_m2: Decimal
    geometry_geojson: str | None
    parcel_id: int | None = None  # a line of one parcel


def years(session: Session) -> list[int]:
    return list(session.scalars(select(ParcelOutput.year).distinct().order_by(ParcelOutput.year)))


def _sums():
    return (func.count().label("parcels"), func.sum(ParcelOutput.output_wan_yuan).label("output"),
            func.sum(Parcel.area_m2).label("area"))


def _outputs(year: int):
    return select().select_from(ParcelOutput).join(Parcel, Parcel.id == ParcelOutput.parcel_id).where(
        ParcelOutput.year == year)


def by_district(session: Session, year: int) -> list[OutputRow]:
    sums = (_outputs(year).add_columns(Parcel.district_code, *_sums()).group_by(Parcel.district_code).subquery())
    rows = session.execute(
        select(District.code, District.name_zh, District.name_en, sums.c.parcels, sums.c.output, sums.c.area,
               func.ST_AsGeoJSON(func.ST_SimplifyPreserveTopology(District.geom, MAP_SIMPLIFY_DEG), 5))
        .join(sums, sums.c.district_code == District.code).order_by(District.code))
    return [OutputRow(*r) for r in rows]


def by_zone(session: Session, year: int, kind: str | None = None) -> list[OutputRow]:
    sums = (_outputs(year).join(ParcelZone, ParcelZone.parcel_id == Parcel.id)
            .add_columns(ParcelZone.zone_id, *_sums()).group_by(ParcelZone.zone_id).subquery())
    statement = (
        select(cast(Zone.id, String), Zone.name_zh, Zone.name_en, sums.c.parcels, sums.c.output, sums.c.area,
               func.ST_AsGeoJSON(func.ST_SimplifyPreserveTopology(Zone.geom, MAP_SIMPLIFY_DEG), 5))
        .join(sums, sums.c.zone_id == Zone.id).order_by(Zone.kind, Zone.name_zh))
    if kind:
        statement = statement.where(Zone.kind == kind)
    return [OutputRow(*r) for r in session.execute(statement)]


def by_parcel(session: Session, year: int, limit: int) -> list[OutputRow]:
    rows = session.execute(
        _outputs(year).add_columns(Parcel.code, Parcel.code, Parcel.code, literal(1), ParcelOutput.output_wan_yuan,
                                   Parcel.area_m2, Parcel.id)
        .order_by((ParcelOutput.output_wan_yuan / Parcel.area_m2).desc(), Parcel.code).limit(limit))
    return [OutputRow(*r[:6], None, r[6]) for r in rows]


def city_total(session: Session, year: int) -> tuple[int, Decimal, Decimal]:
    count, output, area = session.execute(_outputs(year).add_columns(*_sums())).one()
    return count, output or Decimal(0), area or Decimal(0)


def development_zone_total(session: Session, year: int) -> tuple[int, Decimal, Decimal]:
    """(parcels, output 万元, area m²) of the parcels in any development zone, each once."""
    in_zone = (select(ParcelZone.parcel_id).join(Zone, Zone.id == ParcelZone.zone_id)
               .where(ParcelZone.parcel_id == Parcel.id, Zone.kind == "development_zone").exists())
    count, output, area = session.execute(_outputs(year).where(in_zone).add_columns(*_sums())).one()
    return count, output or Decimal(0), area or Decimal(0)


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
