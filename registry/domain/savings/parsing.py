"""The savings input document (JSON) → a typed ``SavingsInput``; every problem names its field.

The schema is documented in docs/accounting.md. Unknown fields are refused (a typo must not
silently drop a value); JSON ``null`` counts as absent.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Mapping

from registry.domain.energies import check_unit_for_energy, energy_named
from registry.domain.errors import N_, ValidationError
from registry.domain.factors import MAX_YEAR, MIN_YEAR, measured_factor_allowed
from registry.domain.fields import FRACTION, NON_NEGATIVE, POSITIVE, Errors, FieldReader, Range
from registry.domain.savings.inputs import (
    EFFICIENCY, EMC_MODELS, INTENSITY, MEASURED, MV_LEDGER_METHODS, AuditInput,
    BoilerEfficiencyInput, EnergyLine, IntensityInput, MeasuredInput, MotorGroup,
    MotorUpgradeInput, PriorYearInput, SavingsInput,
)
from registry.domain.units import parse_intensity_unit, parse_unit
from registry.domain.vocabulary import PROJECT_KINDS

HOURS_PER_YEAR = Range(N_("must be greater than 0 and at most 8784 (the hours of a leap year)"),
                       minimum=Decimal(0), minimum_inclusive=False, maximum=Decimal(8784))
MAX_MOTOR_COUNT = 10**6

_COMMON = ("kind", "year", "notes")
_LINE_FIELDS = ("energy", "quantity", "unit", "factor_kgce_per_unit")
_MOTOR_FIELDS = ("count", "rated_kw", "load_factor", "hours_per_year", "efficiency_before",
                 "efficiency_after", "remanufactured")
_LEDGERS = ("energy_before", "energy_after")
_INTENSITY_FIELDS = ("intensity_before", "intensity_after", "intensity_unit", "output_reporting")
_BOILER_EFFICIENCY_FIELDS = ("efficiency_before", "efficiency_after", "new_energy")
RETROFIT_METHODS = (MEASURED, INTENSITY) + MV_LEDGER_METHODS


def _document(doc: object) -> FieldReader:
    if not isinstance(doc, Mapping):
        raise ValidationError.single("document", N_("must be a JSON object"))
    return FieldReader(doc, "", Errors())


def year_of(doc: object) -> int:
    """The document's ``year`` — the year whose factors a service loads before computing."""
    reader = _document(doc)
    year = reader.integer("year", MIN_YEAR, MAX_YEAR)
    reader.errors.raise_if_any()
    assert year is not None
    return year


def parse_savings_input(doc: object) -> SavingsInput:
    """Check the whole document and return its typed form; else ``ValidationError`` with every
    problem under its field path (``motors[1].efficiency_after``, ``energy_before[0].unit``)."""
    reader = _document(doc)
    kind = reader.choice("kind", tuple(PROJECT_KINDS))
    year = reader.integer("year", MIN_YEAR, MAX_YEAR)
    notes = reader.text("notes", required=False)
    if kind is None:
        # Which fields are allowed depends on the kind: report only what can be said.
        reader.errors.raise_if_any()
    result = _PARSERS[kind](reader, kind, year, notes)
    reader.errors.raise_if_any()
    assert result is not None
    return result


def _energy_lines(reader: FieldReader, name: str, required: bool = True,
                  nonempty: bool = True) -> tuple[EnergyLine, ...] | None:
    items = reader.objects(name, required=required, nonempty=nonempty)
    if items is None:
        return None
    lines, errors = [], reader.errors
    for path, item in items:
        line = FieldReader(item, path, errors)
        energy = errors.capture(energy_named, item.get("energy"), line.field("energy"))  # none: NO_ENERGY
        quantity = line.decimal("quantity", NON_NEGATIVE)
        unit = line.parsed("unit", parse_unit)
        factor = line.decimal("factor_kgce_per_unit", POSITIVE, required=False)
        line.reject_unknown(_LINE_FIELDS)
        if energy is None or unit is None or quantity is None:
            continue
        if not errors.check(check_unit_for_energy, energy, unit, line.field("unit")):
            continue
        if factor is not None:
            refusal = measured_factor_allowed(energy.code, unit.dimension)
            if refusal is not None:
                errors.add(line.field("factor_kgce_per_unit"), refusal.msgid, **refusal.params)
                continue
        lines.append(EnergyLine(path, energy.code, quantity, unit, factor))
    return tuple(lines)


def _mv_method(reader: FieldReader) -> str | None:
    return reader.choice("mv_method", MV_LEDGER_METHODS, required=False)


def _structural_adjustment(reader: FieldReader, kind: str, year: int | None,
                           notes: str | None) -> SavingsInput | None:
    baseline_year = reader.integer("baseline_year", MIN_YEAR, MAX_YEAR, required=False)
    if baseline_year is None and year is not None and not reader.present("baseline_year"):
        baseline_year = year - 1  # the last full year before the exit
    if baseline_year is not None and year is not None and baseline_year >= year:
        reader.errors.add("baseline_year", N_("must be a year before %(year)s"), year=year)
    lines = _energy_lines(reader, "energy_use")
    reader.reject_unknown(_COMMON + ("baseline_year", "energy_use"))
    if reader.errors:
        return None
    return PriorYearInput(kind, year, baseline_year, lines, notes)  # type: ignore[arg-type]


def _measured(reader: FieldReader, kind: str, year: int | None, notes: str | None,
              method: str, extra: tuple[str, ...] = (), emc_model: str | None = None,
              ) -> SavingsInput | None:
    before = _energy_lines(reader, "energy_before")
    after = _energy_lines(reader, "energy_after", nonempty=False)
    mv_method = method if method in MV_LEDGER_METHODS else None
    allowed = _COMMON + _LEDGERS + extra
    if mv_method is None:
        mv_method = _mv_method(reader)
        allowed += ("mv_method",)
    reader.reject_unknown(allowed)
    if reader.errors:
        return None
    return MeasuredInput(kind, year, method, before, after, mv_method,  # type: ignore[arg-type]
                         emc_model, notes)


def _boiler_replacement(reader: FieldReader, kind: str, year: int | None,
                        notes: str | None) -> SavingsInput | None:
    inferred = MEASURED if reader.present("energy_after") or not any(
        reader.present(name) for name in _BOILER_EFFICIENCY_FIELDS) else EFFICIENCY
    method = reader.choice("method", (MEASURED, EFFICIENCY), required=False, default=inferred)
    if method is None:
        return None
    if method == MEASURED:
        return _measured(reader, kind, year, notes, MEASURED, extra=("method",))
    before = _energy_lines(reader, "energy_before")
    efficiency_before = reader.decimal("efficiency_before", FRACTION)
    efficiency_after = reader.decimal("efficiency_after", FRACTION)
    _require_no_loss_of_efficiency(reader, efficiency_before, efficiency_after)
    new_energy = reader.parsed("new_energy", energy_named, required=False)
    mv_method = _mv_method(reader)
    reader.reject_unknown(_COMMON + ("method", "energy_before", "mv_method")
                          + _BOILER_EFFICIENCY_FIELDS)
    if reader.errors:
        return None
    return BoilerEfficiencyInput(kind, year, before, efficiency_before,  # type: ignore[arg-type]
                                 efficiency_after, new_energy.code if new_energy else None, mv_method, notes)


def _require_no_loss_of_efficiency(reader: FieldReader, before: Decimal | None, after: Decimal | None) -> None:
    """A replacement less efficient than what it replaces is a typing error (0.87 for 0.78, a grade
    mixed up), not a project of this programme: its "savings" would be negative."""
    if before is not None and after is not None and after < before:
        reader.errors.add(reader.field("efficiency_after"),
                          N_("must not be lower than the efficiency before (%(before)s)"), before=before)


def _motor_upgrade(reader: FieldReader, kind: str, year: int | None,
                   notes: str | None) -> SavingsInput | None:
    items = reader.objects("motors")
    groups = []
    for path, item in items or ():
        motor = FieldReader(item, path, reader.errors)
        values = (
            motor.integer("count", 1, MAX_MOTOR_COUNT),
            motor.decimal("rated_kw", POSITIVE),
            motor.decimal("load_factor", FRACTION),
            motor.decimal("hours_per_year", HOURS_PER_YEAR),
            motor.decimal("efficiency_before", FRACTION),
            motor.decimal("efficiency_after", FRACTION),
            motor.boolean("remanufactured", default=False),
        )
        _require_no_loss_of_efficiency(motor, values[4], values[5])
        motor.reject_unknown(_MOTOR_FIELDS)
        if all(value is not None for value in values):
            groups.append(MotorGroup(path, *values))  # type: ignore[arg-type]
    mv_method = _mv_method(reader)
    reader.reject_unknown(_COMMON + ("motors", "mv_method"))
    if reader.errors:
        return None
    return MotorUpgradeInput(kind, year, tuple(groups), mv_method, notes)  # type: ignore[arg-type]


def _retrofit(reader: FieldReader, kind: str, year: int | None,
              notes: str | None) -> SavingsInput | None:
    method = reader.choice("method", RETROFIT_METHODS, required=False, default=MEASURED)
    emc = kind == "contract_energy_management"
    emc_model = reader.choice("emc_model", EMC_MODELS) if emc else None
    extra = ("method", "emc_model") if emc else ("method",)
    if method is None:
        return None
    if method != INTENSITY:
        return _measured(reader, kind, year, notes, method, extra, emc_model)
    before = reader.decimal("intensity_before", NON_NEGATIVE)
    after = reader.decimal("intensity_after", NON_NEGATIVE)
    unit = reader.parsed("intensity_unit", parse_intensity_unit)
    output = reader.decimal("output_reporting", NON_NEGATIVE)
    reader.reject_unknown(_COMMON + _INTENSITY_FIELDS + extra)
    if reader.errors:
        return None
    return IntensityInput(kind, year, before, after, unit, output,  # type: ignore[arg-type]
                          emc_model, notes)


def _cleaner_production(reader: FieldReader, kind: str, year: int | None,
                        notes: str | None) -> SavingsInput | None:
    if any(reader.present(name) for name in _LEDGERS):
        return _measured(reader, kind, year, notes, MEASURED)
    reader.reject_unknown(_COMMON)
    if reader.errors:
        return None
    return AuditInput(kind, year, notes)  # type: ignore[arg-type]


_PARSERS: Mapping[str, Callable[[FieldReader, str, Any, Any], SavingsInput | None]] = {
    "structural_adjustment": _structural_adjustment,
    "boiler_replacement": _boiler_replacement,
    "motor_upgrade": _motor_upgrade,
    "technical_retrofit": _retrofit,
    "contract_energy_management": _retrofit,
    "cleaner_production": _cleaner_production,
}
