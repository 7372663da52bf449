"""Freed land after its exit: redevelopment records, recorded output, layer versions."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base


class ParcelRedevelopment(Base):
    """The redevelopment (二次开发) of one freed parcel: planned, then completed."""

    __tablename__ = "parcel_redevelopments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcels.id"), unique=True)
    new_use: Mapped[str] = mapped_column(String(8))  # a land-use class (GB 50137)
    description: Mapped[str] = mapped_column(Text, default="")
    investment_wan_yuan: Mapped[Decimal | None] = mapped_column(Numeric)
    expected_output_wan_yuan: Mapped[Decimal | None] = mapped_column(Numeric)
    actual_output_wan_yuan: Mapped[Decimal | None] = mapped_column(Numeric)
    planned_on: Mapped[date] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())


class ParcelOutput(Base):
    """Output value recorded for a parcel in a year (万元): the basis of land output per km²."""

    __tablename__ = "parcel_outputs"

    parcel_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("parcels.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    output_wan_yuan: Mapped[Decimal] = mapped_column(Numeric)
    source: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LayerVersion(Base):
    """A map layer's version, moved by statement triggers on every write to its tables (cache keys;
    read through ``repositories.versions``, beside the report tables' ``data_versions``)."""

    __tablename__ = "layer_versions"

    layer: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
