"""What a project claims its enterprise consumed — its baseline — for the cross-check with online
monitoring (``domain/monitoring.py``), in tce on the equivalent basis (当量值) as the savings are.

- Structural adjustment (prior-year ledger): the whole enterprise's consumption in the baseline year,
  which is exactly its ``savings_tce`` (an exit saves all of it).
- Measured before/after ledgers (technical retrofit, EMC, cleaner production, boiler) and a boiler's
  efficiency estimate: the "before" ledger, a part of the enterprise, in the year before the project.
- Motor upgrade: the replaced motors' electricity, Σ count × kW × load × h ÷ η_before, at 当量值 — a part.
- Intensity method and an audit without ledgers claim no consumption: nothing to compare (``None``).

The ledgers are converted by the savings engine's own ``ledger_total`` with the factor table of the
project's year, so the figure is the one its trace shows ("Energy before, total").
"""
from __future__ import annotations

from decimal import Decimal, localcontext

from registry.domain.factors import FactorTable
from registry.domain.fields import Errors
from registry.domain.monitoring import PART, WHOLE, Claim
from registry.domain.numbers import calc_context
from registry.domain.savings.calculators import BEFORE, PRIOR_YEAR_USE
from registry.domain.savings.inputs import (
    BoilerEfficiencyInput, EnergyLine, MeasuredInput, MotorUpgradeInput, PriorYearInput, SavingsInput,
)
from registry.domain.savings.ledger import ledger_total
from registry.domain.standard_coal import KGCE_PER_TCE
from registry.domain.trace import TraceBuilder


def claimed_consumption(inp: SavingsInput, factors: FactorTable) -> Claim | None:
    """The consumption ``inp`` claims (with ``factors``, the table of its year), or ``None`` for a form
    that claims none or a ledger the table cannot convert (the savings could not be computed either)."""
    with localcontext(calc_context()):
        if isinstance(inp, PriorYearInput):
            return _ledger(WHOLE, inp.energy_use, inp.baseline_year, factors)
        if isinstance(inp, (MeasuredInput, BoilerEfficiencyInput)):
            return _ledger(PART, inp.energy_before, inp.year - 1, factors)
        if isinstance(inp, MotorUpgradeInput):
            return _motors(inp, factors)
    return None


def _ledger(scope: str, lines: tuple[EnergyLine, ...], year: int, factors: FactorTable) -> Claim | None:
    label = PRIOR_YEAR_USE if scope == WHOLE else BEFORE
    total = ledger_total(lines, label, factors, TraceBuilder(), Errors())
    return Claim(scope, total.equivalent_tce, year) if total is not None else None


def _motors(inp: MotorUpgradeInput, factors: FactorTable) -> Claim | None:
    kwh = sum((group.count * group.rated_kw * group.load_factor * group.hours_per_year / group.efficiency_before
               for group in inp.motors), Decimal(0))
    errors = Errors()
    equivalent = errors.capture(factors.electricity_equivalent_kgce_per_kwh)
    if equivalent is None:
        return None
    return Claim(PART, kwh * equivalent / KGCE_PER_TCE, inp.year - 1)
