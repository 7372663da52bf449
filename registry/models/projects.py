"""Projects: one registered measure (exit, boiler, motors, retrofit, EMC, audit) and its savings."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Table, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, Timestamped, search_key

project_parcels = Table(
    "project_parcels",
    Base.metadata,
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("parcel_id", ForeignKey("parcels.id"), primary_key=True),
)


class Project(Timestamped, Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(Text, unique=True)  # 项目编号, e.g. 2013-310115-0042
    kind: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    title: Mapped[str] = mapped_column(Text)
    title_key: Mapped[str] = mapped_column(Text, search_key("title"))  # what the search box compares
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"))
    # Kept on the row (not only via the enterprise) for permissions and for distribution by district.
    district_code: Mapped[str] = mapped_column(ForeignKey("districts.code"))
    structural_mode: Mapped[str | None] = mapped_column(String(16))
    # The accounting engine's input document and its result (registry.domain.savings).
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONB)
    savings_tce: Mapped[Decimal | None] = mapped_column(Numeric)
    savings_tce_equal_value: Mapped[Decimal | None] = mapped_column(Numeric)
    savings_kwh: Mapped[Decimal | None] = mapped_column(Numeric)
    installed_kw: Mapped[Decimal | None] = mapped_column(Numeric)
    remanufactured_kw: Mapped[Decimal | None] = mapped_column(Numeric)
    savings_method: Mapped[str | None] = mapped_column(String(32))
    savings_trace: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    investment_wan_yuan: Mapped[Decimal | None] = mapped_column(Numeric)
    subsidy_requested_wan_yuan: Mapped[Decimal | None] = mapped_column(Numeric)
    subsidy_approved_wan_yuan: Mapped[Decimal | None] = mapped_column(Numeric)
    output_value_wan_yuan: Mapped[Decimal | None] = mapped_column(Numeric)
    freed_land_m2: Mapped[Decimal | None] = mapped_column(Numeric)
    planned_completion: Mapped[date | None] = mapped_column(Date)
    completed_on: Mapped[date | None] = mapped_column(Date)
    verified_on: Mapped[date | None] = mapped_column(Date)
    is_illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class RetiredReference(Base):
    """The reference of a deleted draft: never given to another project (``next_reference``)."""

    __tablename__ = "retired_references"

    reference: Mapped[str] = mapped_column(Text, primary_key=True)
    project_id: Mapped[int] = mapped_column(Integer)  # no foreign key: the project is gone
    retired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
