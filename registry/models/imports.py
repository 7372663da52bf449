"""Bulk import: saved field-mapping profiles and the record of each import run that loaded data."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, Numeric, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base


class ImportMapping(Base):
    """A named field mapping (and CRS, layer) for one target: what a district's files call things."""

    __tablename__ = "import_mappings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(16))
    profile: Mapped[dict[str, Any]] = mapped_column(JSONB)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())


class ImportRun(Base):
    """One import that loaded data (an aborted import writes nothing, this row included)."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    target: Mapped[str] = mapped_column(String(16))
    source_name: Mapped[str] = mapped_column(Text)
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    district_code: Mapped[str | None] = mapped_column(ForeignKey("districts.code"))
    on_error: Mapped[str] = mapped_column(String(8))
    rows_read: Mapped[int] = mapped_column(BigInteger)
    rows_inserted: Mapped[int] = mapped_column(BigInteger)
    rows_updated: Mapped[int] = mapped_column(BigInteger)
    rows_refused: Mapped[int] = mapped_column(BigInteger)
    rows_repaired: Mapped[int] = mapped_column(BigInteger, default=0)
    seconds: Mapped[Decimal] = mapped_column(Numeric)
