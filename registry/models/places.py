"""Districts, zones (104 blocks, 195/198 regions, development zones) and land parcels."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from geoalchemy2 import WKBElement
from sqlalchemy import BigInteger, Boolean, Computed, Date, FetchedValue, ForeignKey, Integer, Numeric, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, Timestamped, multipolygon

GEODESIC_AREA_M2 = Computed("ST_Area(geom::geography)", persisted=True)


class District(Base):
    __tablename__ = "districts"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)  # GB/T 2260
    name_zh: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    geom: Mapped[WKBElement] = mapped_column(multipolygon())
    area_m2: Mapped[Decimal] = mapped_column(Numeric, GEODESIC_AREA_M2)


class Zone(Timestamped, Base):
    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name_zh: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    geom: Mapped[WKBElement] = mapped_column(multipolygon())
    area_m2: Mapped[Decimal] = mapped_column(Numeric, GEODESIC_AREA_M2)
    is_illustrative: Mapped[bool] = mapped_column(Boolean, default=False)


class Parcel(Timestamped, Base):
    __tablename__ = "parcels"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    code: Mapped[str] = mapped_column(Text, unique=True)
    geom: Mapped[WKBElement] = mapped_column(multipolygon())
    # ST_Area(geom::geography), kept by triggers (migration 0012): the bulk import writes it itself.
    area_m2: Mapped[Decimal] = mapped_column(Numeric, server_default=FetchedValue(), server_onupdate=FetchedValue())
    land_use_class: Mapped[str] = mapped_column(String(8))
    # Derived spatially after every load (geo.queries.derive_parcel_locations).
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    status: Mapped[str] = mapped_column(String(32), default="in_use")
    valid_from: Mapped[date] = mapped_column(Date, server_default=func.current_date())
    valid_to: Mapped[date | None] = mapped_column(Date)
    freed_on: Mapped[date | None] = mapped_column(Date)  # set by a trigger (migration 0005)
    # The land use it was freed with (原用途): kept by a trigger (migration 0046), none while in use.
    former_use: Mapped[str | None] = mapped_column(String(8), server_default=FetchedValue(),
                                                   server_onupdate=FetchedValue())
    # The highest-ranking kind of the zones it lies in, kept by triggers on parcel_zones (migration 0009).
    zone_kind: Mapped[str] = mapped_column(String(32), server_default="other")
    is_illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class ParcelZone(Base):
    """Derived membership: the zones a parcel's point-on-surface falls in."""

    __tablename__ = "parcel_zones"

    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id", ondelete="CASCADE"), primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id", ondelete="CASCADE"), primary_key=True)


class ParcelLineage(Base):
    """A parcel knows the parcels it was split or merged from (UK brownfield 'PreviouslyPartOf')."""

    __tablename__ = "parcel_lineage"

    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), primary_key=True)
    relation: Mapped[str] = mapped_column(String(8))  # split | merge
