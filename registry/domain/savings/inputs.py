"""The typed savings input: one frozen dataclass per calculation form, built only by the parser.

Every value is already checked (ranges, units, dimensions); ``field`` on lines and motor groups
is the path in the input document, so a later error (a factor out of range) can name it.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Union

from registry.domain.units import IntensityUnit, Unit
from registry.domain.vocabulary import EMC_MODELS as EMC_MODEL_LABELS

# Calculation methods (SavingsResult.method) — how the number was obtained.
PRIOR_YEAR = "prior_year"
MEASURED = "measured"
EFFICIENCY = "efficiency"
MOTOR = "motor"
INTENSITY = "intensity"
NONE = "none"

# M&V methods of DOMAIN.md §4.2 (SavingsResult.mv_method).
MV_LEDGER_METHODS = ("stipulated", "ipmvp_a", "ipmvp_b", "ipmvp_c", "ipmvp_d")
MV_METHODS = MV_LEDGER_METHODS + (INTENSITY, PRIOR_YEAR)

# the codes of the one list that also names them (vocabulary.EMC_MODELS)
EMC_MODELS = tuple(EMC_MODEL_LABELS)


@dataclass(frozen=True)
class EnergyLine:
    """One line of an energy ledger: ``quantity`` ``unit`` of ``energy`` in a year."""

    field: str
    energy: str
    quantity: Decimal
    unit: Unit
    factor_kgce_per_unit: Decimal | None = None  # project-measured, per the factor row's unit


@dataclass(frozen=True)
class MotorGroup:
    """``count`` identical motors; power in kW, hours per year, efficiencies as fractions."""

    field: str
    count: int
    rated_kw: Decimal
    load_factor: Decimal
    hours_per_year: Decimal
    efficiency_before: Decimal
    efficiency_after: Decimal
    remanufactured: bool = False


@dataclass(frozen=True)
class PriorYearInput:
    """Structural adjustment: the exited enterprise's consumption in ``baseline_year``."""

    kind: str
    year: int
    baseline_year: int
    energy_use: tuple[EnergyLine, ...]
    notes: str | None = None
    method: str = PRIOR_YEAR


@dataclass(frozen=True)
class MeasuredInput:
    """Measured before/after ledgers (boiler, technical retrofit, EMC, cleaner production).

    ``method`` is ``measured`` or the M&V method the ledgers come from; ``mv_method`` is set too.
    """

    kind: str
    year: int
    method: str
    energy_before: tuple[EnergyLine, ...]
    energy_after: tuple[EnergyLine, ...]
    mv_method: str | None = None
    emc_model: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class BoilerEfficiencyInput:
    """Boiler efficiency estimate: old fuel ledger, efficiencies, and the new energy if stated."""

    kind: str
    year: int
    energy_before: tuple[EnergyLine, ...]
    efficiency_before: Decimal
    efficiency_after: Decimal
    new_energy: str | None = None
    mv_method: str | None = None
    notes: str | None = None
    method: str = EFFICIENCY


@dataclass(frozen=True)
class MotorUpgradeInput:
    """Motor upgrade: groups of motors replaced by high-efficiency or remanufactured ones."""

    kind: str
    year: int
    motors: tuple[MotorGroup, ...]
    mv_method: str | None = None
    notes: str | None = None
    method: str = MOTOR


@dataclass(frozen=True)
class IntensityInput:
    """Unit-consumption method: intensities in ``intensity_unit``, output in its denominator."""

    kind: str
    year: int
    intensity_before: Decimal
    intensity_after: Decimal
    intensity_unit: IntensityUnit
    output_reporting: Decimal
    emc_model: str | None = None
    notes: str | None = None
    method: str = INTENSITY


@dataclass(frozen=True)
class AuditInput:
    """A cleaner-production audit with no measured ledger: no energy is claimed."""

    kind: str
    year: int
    notes: str | None = None
    method: str = NONE


SavingsInput = Union[
    PriorYearInput, MeasuredInput, BoilerEfficiencyInput, MotorUpgradeInput, IntensityInput,
    AuditInput,
]
