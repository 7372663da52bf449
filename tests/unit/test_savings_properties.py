"""Invariants of the savings calculators (hypothesis): additivity, antisymmetry, zero change.

Sums and products of input values are exact; only non-terminating divisions (1/η, MJ→kWh) are
rounded at the 34th significant digit, so those comparisons allow a difference in that digit.
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, localcontext

from hypothesis import given
from hypothesis import strategies as st

from registry.domain.energies import ENERGIES
from registry.domain.numbers import calc_context
from registry.domain.savings import compute_savings, parse_savings_input, savings_from_document
from registry.domain.units import STANDARD_COAL, UNITS

D = Decimal
YEARS = st.sampled_from([2013, 2014, 2017])  # with and without an equal value


def close(a: Decimal | None, b: Decimal | None, magnitude: Decimal = D(0)) -> bool:
    """Equal to ~30 significant digits of the largest quantity involved: ``magnitude`` is the size
    of the operands when the result comes from a difference (34-digit arithmetic keeps digits
    relative to them, not to the small difference)."""
    if a is None or b is None:
        return a is b
    with localcontext(calc_context()):
        return abs(a - b) <= max(abs(a), abs(b), abs(magnitude), D(1)) * D("1e-30")


@st.composite
def energy_lines(draw):
    energy = draw(st.sampled_from(sorted(ENERGIES)))
    units = [u.code for u in UNITS.values()
             if u.dimension in (ENERGIES[energy].dimension, STANDARD_COAL)]
    quantity = draw(st.decimals(min_value=0, max_value=10**7, places=3))
    return {"energy": energy, "quantity": str(quantity), "unit": draw(st.sampled_from(units))}


ledgers = st.lists(energy_lines(), min_size=1, max_size=5)


@st.composite
def motor_groups(draw):
    """Motors replaced by ones at least as efficient (the parser refuses a loss of efficiency)."""
    efficiency = st.decimals(min_value=D("0.5"), max_value=1, places=3)
    before, after = sorted((draw(efficiency), draw(efficiency)))
    return {"count": draw(st.integers(1, 50)),
            "rated_kw": str(draw(st.decimals(min_value=D("0.1"), max_value=1000, places=1))),
            "load_factor": str(draw(st.decimals(min_value=D("0.05"), max_value=1, places=2))),
            "hours_per_year": draw(st.integers(1, 8760)),
            "efficiency_before": str(before), "efficiency_after": str(after),
            "remanufactured": draw(st.booleans())}


def structural(year, lines):
    return {"kind": "structural_adjustment", "year": year, "energy_use": lines}


def measured(year, before, after):
    return {"kind": "technical_retrofit", "year": year, "method": "measured",
            "energy_before": before, "energy_after": after}


@given(YEARS, ledgers, ledgers)
def test_prior_year_savings_add_over_energy_lines(factors_for, year, first, second):
    table = factors_for(year)
    whole = savings_from_document(structural(year, first + second), table)
    part_a = savings_from_document(structural(year, first), table)
    part_b = savings_from_document(structural(year, second), table)
    with localcontext(calc_context()):
        assert close(whole.savings_tce, part_a.savings_tce + part_b.savings_tce)
        if whole.savings_tce_equal_value is None:
            assert None in (part_a.savings_tce_equal_value, part_b.savings_tce_equal_value)
        else:
            assert close(whole.savings_tce_equal_value,
                         part_a.savings_tce_equal_value + part_b.savings_tce_equal_value)


@given(YEARS, ledgers, ledgers, ledgers)
def test_measured_savings_add_over_after_lines(factors_for, year, before, after_a, after_b):
    table = factors_for(year)
    whole = savings_from_document(measured(year, before, after_a + after_b), table)
    only_a = savings_from_document(measured(year, before, after_a), table)
    b_alone = savings_from_document(structural(year, after_b), table)
    consumed = [savings_from_document(structural(year, ledger), table).savings_tce
                for ledger in (before, after_a, after_b)]
    with localcontext(calc_context()):
        assert close(whole.savings_tce, only_a.savings_tce - b_alone.savings_tce, sum(consumed))


@given(YEARS, st.lists(motor_groups(), min_size=1, max_size=4),
       st.lists(motor_groups(), min_size=1, max_size=4))
def test_motor_savings_add_over_groups(factors_for, year, first, second):
    table = factors_for(year)

    def run(groups):
        return savings_from_document({"kind": "motor_upgrade", "year": year, "motors": groups},
                                     table)

    whole, part_a, part_b = run(first + second), run(first), run(second)
    with localcontext(calc_context()):
        assert close(whole.savings_kwh, part_a.savings_kwh + part_b.savings_kwh)
        assert close(whole.savings_tce, part_a.savings_tce + part_b.savings_tce)
        assert whole.installed_kw == part_a.installed_kw + part_b.installed_kw
        assert whole.remanufactured_kw == part_a.remanufactured_kw + part_b.remanufactured_kw


@given(YEARS, ledgers, ledgers)
def test_swapping_before_and_after_negates_measured_savings(factors_for, year, before, after):
    table = factors_for(year)
    forward = savings_from_document(measured(year, before, after), table)
    backward = savings_from_document(measured(year, after, before), table)
    assert backward.savings_tce == forward.savings_tce.copy_negate()
    if forward.savings_tce_equal_value is None:
        assert backward.savings_tce_equal_value is None
    else:
        assert backward.savings_tce_equal_value == forward.savings_tce_equal_value.copy_negate()
    if forward.savings_kwh is not None:
        assert backward.savings_kwh == forward.savings_kwh.copy_negate()


@given(YEARS, st.lists(motor_groups(), min_size=1, max_size=4))
def test_swapping_motor_efficiencies_negates_savings(factors_for, year, groups):
    # The formula's antisymmetry, below the parser (which refuses the swapped document).
    forward_input = parse_savings_input({"kind": "motor_upgrade", "year": year, "motors": groups})
    swapped = replace(forward_input, motors=tuple(
        replace(g, efficiency_before=g.efficiency_after, efficiency_after=g.efficiency_before)
        for g in forward_input.motors))
    table = factors_for(year)
    forward, backward = compute_savings(forward_input, table), compute_savings(swapped, table)
    assert backward.savings_kwh == forward.savings_kwh.copy_negate()
    assert backward.savings_tce == forward.savings_tce.copy_negate()


@given(st.decimals(min_value=0, max_value=100, places=4),
       st.decimals(min_value=0, max_value=100, places=4),
       st.decimals(min_value=0, max_value=10**6, places=2), st.sampled_from(["tce/t", "kgce/万元"]))
def test_swapping_intensities_negates_savings(factors_for, before, after, output, unit):
    def run(b, a):
        return savings_from_document({
            "kind": "technical_retrofit", "year": 2013, "method": "intensity",
            "intensity_before": str(b), "intensity_after": str(a), "intensity_unit": unit,
            "output_reporting": str(output)}, factors_for(2013)).savings_tce

    assert run(after, before) == run(before, after).copy_negate()
    assert run(before, before) == 0


@given(YEARS, ledgers)
def test_no_change_gives_zero(factors_for, year, ledger):
    result = savings_from_document(measured(year, ledger, ledger), factors_for(year))
    assert result.savings_tce == 0
    assert result.savings_tce_equal_value in (0, None)
    assert result.savings_kwh in (0, None)


@given(YEARS, st.lists(motor_groups(), min_size=1, max_size=4))
def test_motors_of_unchanged_efficiency_save_nothing(factors_for, year, groups):
    same = [{**g, "efficiency_after": g["efficiency_before"]} for g in groups]
    result = savings_from_document({"kind": "motor_upgrade", "year": year, "motors": same},
                                   factors_for(year))
    assert result.savings_kwh == result.savings_tce == 0


@given(YEARS, ledgers, st.decimals(min_value=D("0.3"), max_value=1, places=2))
def test_boiler_of_unchanged_efficiency_saves_nothing_on_the_equivalent_basis(
        factors_for, year, ledger, efficiency):
    doc = {"kind": "boiler_replacement", "year": year, "energy_before": ledger,
           "efficiency_before": str(efficiency), "efficiency_after": str(efficiency)}
    assert savings_from_document(doc, factors_for(year)).savings_tce == 0


@given(YEARS, ledgers)
def test_without_electricity_both_bases_agree(factors_for, year, ledger):
    fuels = [line for line in ledger if line["energy"] != "electricity"]
    if fuels:
        result = savings_from_document(structural(year, fuels), factors_for(year))
        assert result.savings_tce_equal_value == result.savings_tce


def test_the_measured_difference_is_judged_at_the_operands_scale(factors_for):
    """The case hypothesis found in CI: ~10^4 tce before and after, a ~4 tce difference."""
    before = [{"energy": "lpg", "quantity": "5830692.411", "unit": "kg"}]
    after_a = [{"energy": "lpg", "quantity": "5833200.951", "unit": "kg"}]
    after_b = [{"energy": "electricity", "quantity": "4206.631", "unit": "MJ"}]
    test_measured_savings_add_over_after_lines.hypothesis.inner_test(factors_for, 2013, before, after_a, after_b)
