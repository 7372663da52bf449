"""Enterprises, keyed by their unified social credit code (GB 32100)."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base, Timestamped, search_key


class Enterprise(Timestamped, Base):
    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, search_key("name"))  # what the search box compares
    industry_code: Mapped[str | None] = mapped_column(String(5))  # GB/T 4754-2017, e.g. C261
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    address: Mapped[str | None] = mapped_column(Text)
    is_illustrative: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class EnterpriseFormerName(Base):
    """A name the enterprise bore before (曾用名, migration 0034): until the day it stopped being the
    name; one row per enterprise and search key (a name borne twice keeps its later day)."""

    __tablename__ = "enterprise_former_names"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    name_key: Mapped[str] = mapped_column(Text, search_key("name"))  # matched as enterprises.name_key is
    until: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
