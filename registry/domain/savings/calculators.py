"""Savings per calculation form (DOMAIN.md §4.2). Savings are positive when the base uses more.

``compute_savings`` runs in the fixed decimal context and returns a ``SavingsResult`` whose trace
shows every line, factor and step; it raises ``ValidationError`` (never anything else) when the
factor table cannot serve the input (a missing factor, a measured factor out of range).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Callable, Mapping

from registry.domain.energies import ELECTRICITY
from registry.domain.errors import N_, Message
from registry.domain.factors import FactorTable
from registry.domain.fields import Errors
from registry.domain.numbers import calc_context, plain
from registry.domain.presentation import formula_number as num
from registry.domain.savings.inputs import (
    AuditInput, BoilerEfficiencyInput, IntensityInput, MeasuredInput, MotorUpgradeInput,
    PriorYearInput, SavingsInput,
)
from registry.domain.savings.ledger import (
    BASIS_LABELS, LedgerTotal, ledger_total, trace_electricity_factors,
)
from registry.domain.savings.result import SavingsResult
from registry.domain.standard_coal import EQUAL_VALUE, EQUIVALENT, KGCE_PER_TCE
from registry.domain.trace import TraceBuilder

BEFORE = Message(N_("Energy before"))
AFTER = Message(N_("Energy after"))
PRIOR_YEAR_USE = Message(N_("Prior-year energy use"))


@dataclass(frozen=True)
class _Figures:
    savings_tce: Decimal
    savings_tce_equal_value: Decimal | None
    savings_kwh: Decimal | None = None
    electricity_involved: bool = False
    installed_kw: Decimal | None = None
    remanufactured_kw: Decimal | None = None


def _savings_label(basis: str | None) -> Message:
    if basis is None:
        return Message(N_("Savings"))
    return Message(N_("Savings, %(basis)s"), {"basis": Message(BASIS_LABELS[basis])})


# The labels of the steps that give ``savings_tce`` (当量值): a summary of a trace quotes the last
# of these, not the trace's last step (often the kWh saved). A motor upgrade's is the kWh saved in
# standard coal (``_electricity_tce``), worded alike ("Savings, equivalent value (当量值)") but
# built from parts: without it, the projects behind a rollup showed no calculation for any motor.
HEADLINE_STEP_LABELS = (_savings_label(None), _savings_label(EQUIVALENT),
                        Message(N_("%(what)s, %(basis)s"), {"what": Message(N_("Savings")),
                                                            "basis": Message(BASIS_LABELS[EQUIVALENT])}))


def _equal_value_step(equal: Decimal, formula: str, trace: TraceBuilder) -> None:
    trace.step(_savings_label(EQUAL_VALUE), formula, equal, "tce")


def _difference(before: LedgerTotal, after: LedgerTotal, trace: TraceBuilder) -> _Figures:
    savings = before.equivalent_tce - after.equivalent_tce
    electricity = before.has_electricity or after.has_electricity
    trace.step(_savings_label(EQUIVALENT if electricity else None),
               f"{num(before.equivalent_tce)} − {num(after.equivalent_tce)}", savings, "tce")
    if not electricity:
        return _Figures(savings, savings)
    equal = None
    if before.equal_value_tce is not None and after.equal_value_tce is not None:
        equal = before.equal_value_tce - after.equal_value_tce
        _equal_value_step(
            equal, f"{num(before.equal_value_tce)} − {num(after.equal_value_tce)}", trace)
    kwh_before, kwh_after = before.electricity_kwh or Decimal(0), after.electricity_kwh or Decimal(0)
    kwh = kwh_before - kwh_after
    trace.step(Message(N_("Electricity saved")), f"{num(kwh_before)} − {num(kwh_after)}", kwh, "kWh")
    return _Figures(savings, equal, kwh, True)


def _measured(inp: MeasuredInput, factors: FactorTable, trace: TraceBuilder,
              errors: Errors) -> _Figures | None:
    before = ledger_total(inp.energy_before, BEFORE, factors, trace, errors)
    after = ledger_total(inp.energy_after, AFTER, factors, trace, errors)
    if before is None or after is None:
        return None
    return _difference(before, after, trace)


def _prior_year(inp: PriorYearInput, factors: FactorTable, trace: TraceBuilder,
                errors: Errors) -> _Figures | None:
    trace.input("baseline_year", Message(N_("Baseline year")), inp.baseline_year)
    used = ledger_total(inp.energy_use, PRIOR_YEAR_USE, factors, trace, errors)
    if used is None:
        return None
    # Exit of the capacity saves its whole prior-year consumption: compare it with nothing.
    return _difference(used, LedgerTotal(Decimal(0), Decimal(0), None), trace)


def _electricity_tce(kwh: Decimal, factors: FactorTable, trace: TraceBuilder,
                     what: Message) -> tuple[Decimal, Decimal | None]:
    """``kwh`` in tce on both bases (the equal value ``None`` when the year has none)."""
    trace_electricity_factors(factors, trace)
    equivalent = factors.electricity_equivalent_kgce_per_kwh()
    tce = kwh * equivalent / KGCE_PER_TCE
    trace.step(Message(N_("%(what)s, %(basis)s"), {"what": what, "basis": Message(BASIS_LABELS[EQUIVALENT])}),
               f"{num(kwh)} kWh × {plain(equivalent)} kgce/kWh ÷ 1000", tce, "tce")
    equal_value = factors.electricity_equal_value_kgce_per_kwh
    if equal_value is None:
        return tce, None
    equal = kwh * equal_value / KGCE_PER_TCE
    trace.step(Message(N_("%(what)s, %(basis)s"), {"what": what, "basis": Message(BASIS_LABELS[EQUAL_VALUE])}),
               f"{num(kwh)} kWh × {plain(equal_value)} kgce/kWh ÷ 1000", equal, "tce")
    return tce, equal


def _motors(inp: MotorUpgradeInput, factors: FactorTable, trace: TraceBuilder,
            errors: Errors) -> _Figures | None:
    savings_kwh, installed_kw, remanufactured_kw = Decimal(0), Decimal(0), Decimal(0)
    kwh_terms, kw_terms, remanufactured_terms = [], [], []
    for number, group in enumerate(inp.motors, start=1):
        for name, label, value, unit in (
            ("count", N_("Number of motors"), group.count, None),
            ("rated_kw", N_("Rated power"), group.rated_kw, "kW"),
            ("load_factor", N_("Load factor"), group.load_factor, None),
            ("hours_per_year", N_("Operating hours per year"), group.hours_per_year, "h"),
            ("efficiency_before", N_("Efficiency before"), group.efficiency_before, None),
            ("efficiency_after", N_("Efficiency after"), group.efficiency_after, None),
            ("remanufactured", N_("Remanufactured"), group.remanufactured, None),
        ):
            trace.input(f"{group.field}.{name}", Message(label), value, unit)
        before, after = group.efficiency_before, group.efficiency_after
        kw = group.count * group.rated_kw
        # 1/η_b − 1/η_a as one quotient (η_a − η_b)/(η_a·η_b): a single rounding at 34 digits,
        # and swapping the efficiencies negates the result exactly.
        kwh = kw * group.load_factor * group.hours_per_year * (after - before) / (after * before)
        trace.step(Message(N_("Motor group %(number)s, electricity saved"), {"number": number}),
                   f"{group.count} × {plain(group.rated_kw)} kW × {plain(group.load_factor)} × "
                   f"{plain(group.hours_per_year)} h × (1/{plain(before)} − 1/{plain(after)})",
                   kwh, "kWh", group.field)
        savings_kwh += kwh
        installed_kw += kw
        kwh_terms.append(num(kwh))
        kw_terms.append(f"{group.count} × {plain(group.rated_kw)}")
        if group.remanufactured:
            remanufactured_kw += kw
            remanufactured_terms.append(kw_terms[-1])
    if errors.capture(factors.factor_for, ELECTRICITY, "year") is None:
        return None
    trace.step(Message(N_("Electricity saved")), "Σ = " + " + ".join(kwh_terms), savings_kwh, "kWh")
    trace.step(Message(N_("Installed power")), "Σ count × kW = " + " + ".join(kw_terms),
               installed_kw, "kW")
    trace.step(Message(N_("Of which remanufactured")),
               "Σ count × kW = " + (" + ".join(remanufactured_terms) or "0"), remanufactured_kw, "kW")
    tce, equal = _electricity_tce(savings_kwh, factors, trace, Message(N_("Savings")))
    return _Figures(tce, equal, savings_kwh, True, installed_kw, remanufactured_kw)


def _boiler_efficiency(inp: BoilerEfficiencyInput, factors: FactorTable, trace: TraceBuilder,
                       errors: Errors) -> _Figures | None:
    old = ledger_total(inp.energy_before, BEFORE, factors, trace, errors)
    eta_old, eta_new = inp.efficiency_before, inp.efficiency_after
    trace.input("efficiency_before", Message(N_("Efficiency before")), eta_old)
    trace.input("efficiency_after", Message(N_("Efficiency after")), eta_new)
    trace.input("new_energy", Message(N_("New energy")), inp.new_energy)
    electric = inp.new_energy == ELECTRICITY
    if electric and errors.capture(factors.factor_for, ELECTRICITY, "new_energy") is None:
        return None
    if old is None:
        return None
    # Useful heat held constant: E_new = E_old × η_old/η_new, in heat content (当量).
    new_tce = old.equivalent_tce * eta_old / eta_new
    savings = old.equivalent_tce * (eta_new - eta_old) / eta_new
    trace.step(Message(N_("Energy after, estimated (same useful heat)")),
               f"{num(old.equivalent_tce)} tce × {plain(eta_old)} ÷ {plain(eta_new)}", new_tce, "tce")
    electricity = old.has_electricity or electric
    trace.step(_savings_label(EQUIVALENT if electricity else None),
               f"{num(old.equivalent_tce)} tce × (1 − {plain(eta_old)} ÷ {plain(eta_new)})",
               savings, "tce")
    if not electricity:
        return _Figures(savings, savings)
    if electric:
        # The new electricity in kWh, read back from its heat content at the 当量 factor.
        new_kwh = new_tce * KGCE_PER_TCE / factors.electricity_equivalent_kgce_per_kwh()
        trace.step(Message(N_("Electricity after, estimated")),
                   f"{num(new_tce)} tce × 1000 ÷ "
                   f"{plain(factors.electricity_equivalent_kgce_per_kwh())} kgce/kWh", new_kwh, "kWh")
        _tce, new_equal = _electricity_tce(new_kwh, factors, trace, AFTER)
    else:
        new_kwh, new_equal = Decimal(0), new_tce
    equal = None
    if old.equal_value_tce is not None and new_equal is not None:
        equal = old.equal_value_tce - new_equal
        _equal_value_step(equal, f"{num(old.equal_value_tce)} − {num(new_equal)}", trace)
    kwh = (old.electricity_kwh or Decimal(0)) - new_kwh
    trace.step(Message(N_("Electricity saved")), f"{num(old.electricity_kwh or Decimal(0))} − "
               f"{num(new_kwh)}", kwh, "kWh")
    return _Figures(savings, equal, kwh, True)


def _intensity(inp: IntensityInput, factors: FactorTable, trace: TraceBuilder,
               errors: Errors) -> _Figures | None:
    unit = inp.intensity_unit
    trace.input("intensity_before", Message(N_("Energy intensity before")), inp.intensity_before, unit.code)
    trace.input("intensity_after", Message(N_("Energy intensity after")), inp.intensity_after, unit.code)
    trace.input("output_reporting", Message(N_("Output in the reporting year")),
                inp.output_reporting, unit.denominator)
    tce_per_unit = unit.numerator.base_units / KGCE_PER_TCE
    savings = (inp.intensity_before - inp.intensity_after) * inp.output_reporting * tce_per_unit
    scale = "" if tce_per_unit == 1 else f" × {plain(tce_per_unit)} tce/{unit.numerator}"
    trace.step(_savings_label(None),
               f"({plain(inp.intensity_before)} − {plain(inp.intensity_after)}) {unit} × "
               f"{plain(inp.output_reporting)} {unit.denominator}{scale}", savings, "tce")
    trace.note(Message(N_("Intensities are reported in standard coal, so the result is the same on "
                          "both electricity bases")))
    return _Figures(savings, savings)


def _audit(inp: AuditInput, factors: FactorTable, trace: TraceBuilder,
           errors: Errors) -> _Figures | None:
    trace.note(Message(N_("A cleaner-production audit without measured energy ledgers claims no "
                          "energy savings (0 tce)")))
    return _Figures(Decimal(0), Decimal(0))


_CALCULATORS: Mapping[type, Callable[..., _Figures | None]] = {
    PriorYearInput: _prior_year,
    MeasuredInput: _measured,
    BoilerEfficiencyInput: _boiler_efficiency,
    MotorUpgradeInput: _motors,
    IntensityInput: _intensity,
    AuditInput: _audit,
}


def _mv_method(inp: SavingsInput) -> str | None:
    if isinstance(inp, (PriorYearInput, IntensityInput)):
        return inp.method  # prior_year and intensity are M&V methods of their own
    return getattr(inp, "mv_method", None)


def compute_savings(inp: SavingsInput, factors: FactorTable) -> SavingsResult:
    """Annual savings of ``inp`` with ``factors`` (the table of the input's year), traced."""
    trace, errors = TraceBuilder(), Errors()
    trace.input("kind", Message(N_("Project kind")), inp.kind)
    trace.input("year", Message(N_("Year")), inp.year)
    with localcontext(calc_context()):
        figures = _CALCULATORS[type(inp)](inp, factors, trace, errors)
    errors.raise_if_any()
    assert figures is not None
    return SavingsResult(
        kind=inp.kind, year=inp.year, method=inp.method, mv_method=_mv_method(inp),
        emc_model=getattr(inp, "emc_model", None),
        savings_tce=figures.savings_tce, savings_tce_equal_value=figures.savings_tce_equal_value,
        savings_kwh=figures.savings_kwh, installed_kw=figures.installed_kw,
        remanufactured_kw=figures.remanufactured_kw,
        electricity_involved=figures.electricity_involved, factor_year=factors.year,
        trace=trace.build(),
    )
