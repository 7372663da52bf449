"""The result of a savings calculation, and its JSON form shared by the API, CLI and reports."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from registry.domain.errors import Show
from registry.domain.trace import Trace, Translate, identity, json_number


@dataclass(frozen=True)
class SavingsResult:
    """Annual savings of one project, exact (no rounding), with the trace that explains them.

    - ``savings_tce``: equivalent-value basis (当量值, electricity at the table's 0.1229 kgce/kWh).
    - ``savings_tce_equal_value``: electricity at the year's 等价值; ``None`` when electricity is
      involved and the year has none; equal to ``savings_tce`` when no electricity is involved.
    - ``savings_kwh``: net electricity saved (kWh) whenever electricity is involved, else ``None``.
    - ``installed_kw`` / ``remanufactured_kw``: motor upgrades only (Σ count × rated kW).
    Savings are positive when the base (before) uses more than the reporting period (after).
    """

    kind: str
    year: int
    method: str
    savings_tce: Decimal
    savings_tce_equal_value: Decimal | None
    trace: Trace
    mv_method: str | None = None
    emc_model: str | None = None
    savings_kwh: Decimal | None = None
    installed_kw: Decimal | None = None
    remanufactured_kw: Decimal | None = None
    electricity_involved: bool = False
    factor_year: int | None = None

    def to_dict(self, gettext: Translate = identity, show: Show | None = None) -> dict[str, Any]:
        """JSON-safe form: Decimals as JSON numbers (float), texts rendered with ``gettext`` and
        ``show`` (the presenter of the reader's locale, ``registry.i18n.presenter``)."""
        return {
            "kind": self.kind,
            "year": self.year,
            "method": self.method,
            "mv_method": self.mv_method,
            "emc_model": self.emc_model,
            "savings_tce": json_number(self.savings_tce),
            "savings_tce_equal_value": json_number(self.savings_tce_equal_value),
            "savings_kwh": json_number(self.savings_kwh),
            "installed_kw": json_number(self.installed_kw),
            "remanufactured_kw": json_number(self.remanufactured_kw),
            "electricity_involved": self.electricity_involved,
            "factor_year": self.factor_year,
            "trace": self.trace.to_dict(gettext, show),
        }
