"""Key energy users' monitored consumption (重点用能单位能耗在线监测, migration 0035)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Integer, Numeric, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from registry.models.base import Base


class EnergyMonitoring(Base):
    """A year's comprehensive energy consumption of the enterprise with ``credit_code`` as the online
    monitoring recorded it, in tce with electricity at its equivalent value (当量值). Keyed by the code,
    not by an enterprise of the registry: the monitoring covers enterprises the registry may not hold."""

    __tablename__ = "energy_monitoring"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    credit_code: Mapped[str] = mapped_column(String(18))
    year: Mapped[int] = mapped_column(Integer)
    consumption_tce: Mapped[Decimal] = mapped_column(Numeric)
    source: Mapped[str | None] = mapped_column(Text)
    loaded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ProjectClaim(Base):
    """The consumption a project's input document claims, as ``services/monitoring_checks.claim_of``
    computed it with the rules and factors ``computed_with`` names (migration 0041): derived data that
    the cross-check of many projects reads instead of parsing each document. No scope: it claims none."""

    __tablename__ = "project_claims"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    computed_with: Mapped[str] = mapped_column(Text)
    scope: Mapped[str | None] = mapped_column(String(8))
    consumption_tce: Mapped[Decimal | None] = mapped_column(Numeric)
    year: Mapped[int | None] = mapped_column(Integer)
