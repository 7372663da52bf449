"""Enterprises, keyed by their unified social credit code (GB 32100)."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
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
