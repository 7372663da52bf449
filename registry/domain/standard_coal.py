"""Energy quantities to standard coal (kgce, tce) on either electricity basis.

Electricity has two bases (DOMAIN.md §4.1): the equivalent value 当量值 (heat content, the
electricity row of the factor table, 0.1229 kgce/kWh) and the equal value 等价值 (coal burned per
kWh supplied in that year, ``FactorTable.electricity_equal_value_kgce_per_kwh``). Every other
energy converts the same on both bases.
"""
from __future__ import annotations

from decimal import Decimal, localcontext

from registry.domain.energies import ELECTRICITY, check_unit_for_energy, energy_named
from registry.domain.errors import N_, ValidationError
from registry.domain.factors import FactorTable, check_measured_factor, measured_factor_allowed
from registry.domain.numbers import calc_context
from registry.domain.units import STANDARD_COAL, UNITS, Unit, convert, parse_unit

EQUIVALENT = "equivalent"  # 当量值
EQUAL_VALUE = "equal_value"  # 等价值
BASES = (EQUIVALENT, EQUAL_VALUE)

KGCE_PER_TCE = Decimal(1000)


def electricity_kwh(quantity: Decimal, unit: Unit | str, factors: FactorTable) -> Decimal:
    """kWh of an electricity quantity given in an energy unit or in standard coal.

    A quantity already in tce/kgce is read as the equivalent value (当量值, the convention of
    综合能耗 statistics) and turned back into kWh with the table's equivalent factor.
    """
    unit = parse_unit(unit)
    with localcontext(calc_context()):
        if unit.dimension == STANDARD_COAL:
            kgce = Decimal(quantity) * unit.base_units
            return kgce / factors.electricity_equivalent_kgce_per_kwh()
        return convert(quantity, unit, UNITS["kWh"])


def to_kgce(
    quantity: Decimal,
    unit: Unit | str,
    energy: str,
    factors: FactorTable,
    basis: str = EQUIVALENT,
    measured_factor_kgce_per_unit: Decimal | None = None,
) -> Decimal:
    """kgce of ``quantity`` ``unit`` of ``energy`` on ``basis``, without rounding.

    ``measured_factor_kgce_per_unit`` (kgce per the factor row's unit) replaces the table's value
    and must lie within the row's range. Raises ``ValidationError`` for an unknown energy, a unit
    of the wrong dimension, a missing factor, or the equal value asked for a year that has none.
    """
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}")
    energy_code = energy_named(energy).code
    unit = parse_unit(unit)
    check_unit_for_energy(energy_named(energy), unit)
    if measured_factor_kgce_per_unit is not None:
        refusal = measured_factor_allowed(energy_code, unit.dimension)
        if refusal is not None:
            raise ValidationError.single("factor_kgce_per_unit", refusal.msgid, **refusal.params)
    with localcontext(calc_context()):
        if energy_code == ELECTRICITY:
            kwh = electricity_kwh(quantity, unit, factors)
            return kwh * electricity_kgce_per_kwh(factors, basis)
        if unit.dimension == STANDARD_COAL:
            return Decimal(quantity) * unit.base_units
        row = factors.factor_for(energy_code)
        factor = row.value_kgce
        if measured_factor_kgce_per_unit is not None:
            check_measured_factor(row, measured_factor_kgce_per_unit, "factor_kgce_per_unit")
            factor = measured_factor_kgce_per_unit
        return convert(quantity, unit, row.unit) * factor


def to_tce(
    quantity: Decimal,
    unit: Unit | str,
    energy: str,
    factors: FactorTable,
    basis: str = EQUIVALENT,
    measured_factor_kgce_per_unit: Decimal | None = None,
) -> Decimal:
    """tce of ``quantity`` ``unit`` of ``energy`` on ``basis``; see ``to_kgce``."""
    kgce = to_kgce(quantity, unit, energy, factors, basis, measured_factor_kgce_per_unit)
    with localcontext(calc_context()):
        return kgce / KGCE_PER_TCE


def electricity_kgce_per_kwh(factors: FactorTable, basis: str, field: str = "energy") -> Decimal:
    """kgce per kWh of electricity on ``basis``; ``ValidationError`` when the year has no 等价值."""
    if basis == EQUIVALENT:
        return factors.electricity_equivalent_kgce_per_kwh(field)
    if factors.electricity_equal_value_kgce_per_kwh is None:
        raise ValidationError.single(
            "year", N_("no equal value (等价值) of electricity is recorded for %(year)s"),
            year=factors.year)
    return factors.electricity_equal_value_kgce_per_kwh
