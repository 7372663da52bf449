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
