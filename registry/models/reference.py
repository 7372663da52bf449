"""Reference data: versioned standard-coal factors, electricity 等价值 per year, targets."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, Timestamped


class EnergyFactor(Base):
    """One coefficient of a standard's edition (GB/T 2589): kgce per unit of an energy."""

    __tablename__ = "energy_factors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    standard: Mapped[str] = mapped_column(Text)
    edition: Mapped[str] = mapped_column(Text)
    energy: Mapped[str] = mapped_column(String(32))
    unit: Mapped[str] = mapped_column(String(8))
    value_kgce: Mapped[Decimal] = mapped_column(Numeric)
    value_min: Mapped[Decimal | None] = mapped_column(Numeric)
    value_max: Mapped[Decimal | None] = mapped_column(Numeric)
    valid_from: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    # the edition value_min–value_max comes from, when not ``edition`` (migration 0019)
    range_edition: Mapped[str | None] = mapped_column(Text)


class ElectricityEqualValue(Base):
    """等价值: coal burned per kWh supplied in a year (kgce/kWh); absent years are unknown."""

    __tablename__ = "electricity_equal_values"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    value_kgce_per_kwh: Mapped[Decimal] = mapped_column(Numeric)
    source: Mapped[str] = mapped_column(Text)  # in Chinese
    source_en: Mapped[str | None] = mapped_column(Text)  # the same in English, where recorded


class Target(Timestamped, Base):
    __tablename__ = "targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(8))  # city | district
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    metric: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8), default="plan")  # plan | actual
    value: Mapped[Decimal] = mapped_column(Numeric)
    value_max: Mapped[Decimal | None] = mapped_column(Numeric)  # upper end of a ranged target
    unit: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)


class SubsidyRule(Base):
    """What a kind of project earns per tce saved from a year on (migration 0033; domain/subsidies.py)."""

    __tablename__ = "subsidy_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    emc_model: Mapped[str | None] = mapped_column(String(32))
    first_year: Mapped[int] = mapped_column(Integer)
    yuan_per_tce: Mapped[Decimal] = mapped_column(Numeric)
    min_savings_tce: Mapped[Decimal | None] = mapped_column(Numeric)
    cap_wan_yuan: Mapped[Decimal | None] = mapped_column(Numeric)
    cap_investment_share: Mapped[Decimal | None] = mapped_column(Numeric)
    basis: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(Text)  # in Chinese
    source_en: Mapped[str | None] = mapped_column(Text)
