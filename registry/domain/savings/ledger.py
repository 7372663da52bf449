"""Energy ledgers to standard coal on both electricity bases, each line traced.

The same evaluation serves every form that has a ledger (prior-year use, measured before/after,
the old fuel of a boiler estimate), so a line is converted in one place only.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from registry.domain.energies import ELECTRICITY, ENERGIES
from registry.domain.errors import N_, Message
from registry.domain.factors import FactorRow, FactorTable, check_measured_factor
from registry.domain.fields import Errors
from registry.domain.numbers import plain
from registry.domain.presentation import formula_number as num
from registry.domain.savings.inputs import EnergyLine
from registry.domain.standard_coal import EQUAL_VALUE, EQUIVALENT, KGCE_PER_TCE, electricity_kwh
from registry.domain.trace import (
    SOURCE_EQUAL_VALUE, SOURCE_MEASURED, SOURCE_STANDARD, TraceBuilder, TraceFactor,
)
from registry.domain.units import STANDARD_COAL, UNITS, convert

BASIS_LABELS = {EQUIVALENT: N_("equivalent value (当量值)"), EQUAL_VALUE: N_("equal value (等价值)")}


@dataclass(frozen=True)
class LedgerTotal:
    """A ledger in tce on both bases; ``electricity_kwh`` is ``None`` when it has no electricity.

    ``equal_value_tce`` is ``None`` when electricity is in the ledger and the year has no 等价值.
    """

    equivalent_tce: Decimal
    equal_value_tce: Decimal | None
    electricity_kwh: Decimal | None

    @property
    def has_electricity(self) -> bool:
        return self.electricity_kwh is not None


def energy_label(code: str) -> Message:
    return Message(ENERGIES[code].label)


def standard_source(row: FactorRow) -> Message:
    return Message(N_("%(standard)s, %(edition)s edition"),
                   {"standard": row.standard, "edition": row.edition})


def trace_electricity_factors(factors: FactorTable, trace: TraceBuilder) -> None:
    """List electricity's factors on both bases, and say so when the year has no 等价值."""
    row = factors.factor_for(ELECTRICITY)
    trace.factor(TraceFactor(ELECTRICITY, energy_label(ELECTRICITY), row.value_kgce,
                             f"kgce/{row.unit}", SOURCE_STANDARD, standard_source(row), EQUIVALENT))
    equal_value = factors.electricity_equal_value_kgce_per_kwh
    if equal_value is None:
        trace.note(Message(N_("No equal value (等价值) of electricity is recorded for %(year)s, so "
                              "the equal-value result is empty"), {"year": factors.year}))
        return
    source = (Message("%(source)s", {"source": factors.equal_value_source})
              if factors.equal_value_source else
              Message(N_("Equal value for %(year)s"), {"year": factors.year}))
    trace.factor(TraceFactor(ELECTRICITY, energy_label(ELECTRICITY), equal_value, "kgce/kWh",
                             SOURCE_EQUAL_VALUE, source, EQUAL_VALUE))


def _line_label(line: EnergyLine, basis: str | None = None) -> Message:
    if basis is None:
        return Message(N_("%(energy)s in standard coal"), {"energy": energy_label(line.energy)})
    return Message(N_("%(energy)s in standard coal, %(basis)s"),
                   {"energy": energy_label(line.energy), "basis": Message(BASIS_LABELS[basis])})


def _electricity_line(line: EnergyLine, factors: FactorTable, trace: TraceBuilder,
                      errors: Errors) -> tuple[Decimal, Decimal | None, Decimal] | None:
    if errors.capture(factors.factor_for, ELECTRICITY, f"{line.field}.energy") is None:
        return None
    kwh = electricity_kwh(line.quantity, line.unit, factors)
    equivalent = factors.electricity_equivalent_kgce_per_kwh()
    trace_electricity_factors(factors, trace)
    given = f"{plain(line.quantity)} {line.unit}"
    if line.unit.dimension == STANDARD_COAL:
        # Read as 当量值 (the 综合能耗 convention) and taken back to kWh for the equal value.
        given = f"{given} ÷ {plain(equivalent)} kgce/kWh"
    tce = kwh * equivalent / KGCE_PER_TCE
    trace.step(_line_label(line, EQUIVALENT),
               f"{given} = {num(kwh)} kWh; {num(kwh)} kWh × {plain(equivalent)} kgce/kWh ÷ 1000",
               tce, "tce", line.field)
    equal_value = factors.electricity_equal_value_kgce_per_kwh
    equal_tce = None
    if equal_value is not None:
        equal_tce = kwh * equal_value / KGCE_PER_TCE
        trace.step(_line_label(line, EQUAL_VALUE),
                   f"{num(kwh)} kWh × {plain(equal_value)} kgce/kWh ÷ 1000", equal_tce, "tce",
                   line.field)
    return tce, equal_tce, kwh


def _fuel_line_tce(line: EnergyLine, factors: FactorTable, trace: TraceBuilder,
                   errors: Errors) -> Decimal | None:
    if line.unit.dimension == STANDARD_COAL:
        # Taken as stated: the label says so in the reader's language, the formula stays symbols.
        tce = line.quantity * line.unit.base_units / KGCE_PER_TCE
        given = f"{plain(line.quantity)} {line.unit}"
        trace.step(Message(N_("%(energy)s, given in standard coal"), {"energy": energy_label(line.energy)}),
                   given if line.unit.code == "tce" else f"{given} = {num(tce)} tce", tce, "tce", line.field)
        return tce
    row = errors.capture(factors.factor_for, line.energy, f"{line.field}.energy")
    if row is None:
        return None
    if line.factor_kgce_per_unit is None:
        factor = row.value_kgce
        trace.factor(TraceFactor(line.energy, energy_label(line.energy), factor, f"kgce/{row.unit}",
                                 SOURCE_STANDARD, standard_source(row)))
    else:
        factor = line.factor_kgce_per_unit
        # Per the row's unit (kgce/m3), as the factor multiplies it: "kgce" alone misread it as a quantity.
        trace.input(f"{line.field}.factor_kgce_per_unit", Message(N_("Measured factor")), factor,
                    f"kgce/{row.unit}")
        if not errors.check(check_measured_factor, row, factor,
                            f"{line.field}.factor_kgce_per_unit"):
            return None
        trace.factor(TraceFactor(line.energy, energy_label(line.energy), factor, f"kgce/{row.unit}",
                                 SOURCE_MEASURED, Message(N_("Project-measured")),
                                 field=f"{line.field}.factor_kgce_per_unit"))
    quantity = convert(line.quantity, line.unit, UNITS[row.unit])
    tce = quantity * factor / KGCE_PER_TCE
    trace.step(_line_label(line),
               f"{plain(line.quantity)} {line.unit} = {num(quantity)} {row.unit}; "
               f"{num(quantity)} {row.unit} × {plain(factor)} kgce/{row.unit} ÷ 1000",
               tce, "tce", line.field)
    return tce


def ledger_total(lines: Iterable[EnergyLine], label: Message, factors: FactorTable,
                 trace: TraceBuilder, errors: Errors) -> LedgerTotal | None:
    """Σ of a ledger's lines in tce on both bases (``None`` after recording field errors).

    Call inside ``calc_context()``.
    """
    equivalent: list[Decimal] = []
    equal: list[Decimal | None] = []
    kwh: list[Decimal] = []
    for line in lines:
        trace.input(f"{line.field}.quantity", energy_label(line.energy), line.quantity, line.unit.code)
        if line.energy == ELECTRICITY:
            result = _electricity_line(line, factors, trace, errors)
            if result is not None:
                equivalent.append(result[0])
                equal.append(result[1])
                kwh.append(result[2])
            continue
        tce = _fuel_line_tce(line, factors, trace, errors)
        if tce is not None:
            equivalent.append(tce)
            equal.append(tce)
    if errors:
        return None
    total = LedgerTotal(
        sum(equivalent, Decimal(0)),
        None if None in equal else sum(equal, Decimal(0)),  # type: ignore[arg-type]
        sum(kwh, Decimal(0)) if kwh else None,
    )
    terms = " + ".join(num(value) for value in equivalent) or "0"
    if total.has_electricity:
        trace.step(Message(N_("%(ledger)s, total, %(basis)s"),
                           {"ledger": label, "basis": Message(BASIS_LABELS[EQUIVALENT])}),
                   f"Σ = {terms}", total.equivalent_tce, "tce")
        if total.equal_value_tce is not None:
            equal_terms = " + ".join(num(value) for value in equal if value is not None)
            trace.step(Message(N_("%(ledger)s, total, %(basis)s"),
                               {"ledger": label, "basis": Message(BASIS_LABELS[EQUAL_VALUE])}),
                       f"Σ = {equal_terms}", total.equal_value_tce, "tce")
        trace.step(Message(N_("%(ledger)s, electricity"), {"ledger": label}),
                   "Σ = " + " + ".join(num(value) for value in kwh), total.electricity_kwh, "kWh")
    else:
        trace.step(Message(N_("%(ledger)s, total"), {"ledger": label}), f"Σ = {terms}",
                   total.equivalent_tce, "tce")
    return total
