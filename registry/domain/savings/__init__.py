"""Energy savings of a project in tce, on both electricity bases, with a trace (DOMAIN.md §4).

    inp = parse_savings_input(doc)           # ValidationError naming every bad field
    factors = load the FactorTable for inp.year (a service's job; ``year_of(doc)`` reads it early)
    result = compute_savings(inp, factors)   # SavingsResult; result.to_dict(gettext) for JSON
"""
from __future__ import annotations

from typing import Any, Mapping

from registry.domain.factors import FactorTable
from registry.domain.savings.calculators import compute_savings
from registry.domain.savings.inputs import (
    EMC_MODELS, MV_METHODS, AuditInput, BoilerEfficiencyInput, EnergyLine, IntensityInput,
    MeasuredInput, MotorGroup, MotorUpgradeInput, PriorYearInput, SavingsInput,
)
from registry.domain.savings.parsing import parse_savings_input, year_of
from registry.domain.savings.result import SavingsResult


def savings_from_document(doc: Mapping[str, Any], factors: FactorTable) -> SavingsResult:
    """Parse ``doc`` and compute its savings with ``factors``; ``ValidationError`` if invalid."""
    return compute_savings(parse_savings_input(doc), factors)


__all__ = [
    "EMC_MODELS", "MV_METHODS", "AuditInput", "BoilerEfficiencyInput", "EnergyLine",
    "IntensityInput", "MeasuredInput", "MotorGroup", "MotorUpgradeInput", "PriorYearInput",
    "SavingsInput", "SavingsResult", "compute_savings", "parse_savings_input",
    "savings_from_document", "year_of",
]
