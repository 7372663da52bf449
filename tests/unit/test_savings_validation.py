"""Bad savings input: a ValidationError naming the field, never any other exception."""
from __future__ import annotations

import copy
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.domain.errors import ValidationError
from registry.domain.savings import compute_savings, parse_savings_input, year_of

MOTORS = {"kind": "motor_upgrade", "year": 2013,
          "motors": [{"count": 2, "rated_kw": 15, "load_factor": 0.7, "hours_per_year": 5000,
                      "efficiency_before": 0.887, "efficiency_after": 0.939,
                      "remanufactured": False}]}
BOILER = {"kind": "boiler_replacement", "year": 2014,
          "energy_before": [{"energy": "raw_coal", "quantity": 1200, "unit": "t"}],
          "energy_after": [{"energy": "natural_gas", "quantity": 85, "unit": "10^4 m3"}]}
BOILER_EFFICIENCY = {"kind": "boiler_replacement", "year": 2014,
                     "energy_before": [{"energy": "fuel_oil", "quantity": 600, "unit": "t"}],
                     "efficiency_before": 0.80, "efficiency_after": 0.92}
STRUCTURAL = {"kind": "structural_adjustment", "year": 2013, "baseline_year": 2012,
              "energy_use": [{"energy": "raw_coal", "quantity": 900, "unit": "t"},
                             {"energy": "electricity", "quantity": 120, "unit": "10^4 kWh"}]}
INTENSITY = {"kind": "technical_retrofit", "year": 2015, "method": "intensity",
             "intensity_before": 1.20, "intensity_after": 1.05, "intensity_unit": "tce/t",
             "output_reporting": 8000}
EMC = {"kind": "contract_energy_management", "year": 2013, "emc_model": "shared_savings",
       "energy_before": [{"energy": "electricity", "quantity": 2000, "unit": "MWh"}],
       "energy_after": [{"energy": "electricity", "quantity": 1500, "unit": "MWh"}]}
EXAMPLES = [MOTORS, BOILER, BOILER_EFFICIENCY, STRUCTURAL, INTENSITY, EMC]


def edited(doc: dict, path: tuple, value: object = ..., delete: bool = False) -> dict:
    """A deep copy of ``doc`` with the value at ``path`` replaced (or deleted)."""
    doc = copy.deepcopy(doc)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


def error_fields(doc: object) -> list[str]:
    with pytest.raises(ValidationError) as info:
        parse_savings_input(doc)
    return [error.field for error in info.value.field_errors]


@pytest.mark.parametrize("doc", EXAMPLES)
def test_the_issue_examples_parse(doc):
    assert parse_savings_input(doc).year == doc["year"]


@pytest.mark.parametrize("doc, field", [
    # negative or non-numeric quantities
    (edited(BOILER, ("energy_before", 0, "quantity"), -1), "energy_before[0].quantity"),
    (edited(BOILER, ("energy_after", 0, "quantity"), "lots"), "energy_after[0].quantity"),
    (edited(BOILER, ("energy_after", 0, "quantity"), True), "energy_after[0].quantity"),
    (edited(BOILER, ("energy_after", 0, "quantity"), float("nan")), "energy_after[0].quantity"),
    (edited(BOILER, ("energy_after", 0, "quantity"), float("inf")), "energy_after[0].quantity"),
    (edited(BOILER, ("energy_after", 0, "quantity"), "Infinity"), "energy_after[0].quantity"),
    (edited(BOILER, ("energy_after", 0, "quantity"), "1,200"), "energy_after[0].quantity"),
    (edited(BOILER, ("energy_after", 0, "quantity"), [1]), "energy_after[0].quantity"),
    (edited(BOILER, ("energy_after", 0, "quantity"), 10**400), "energy_after[0].quantity"),
    (edited(BOILER, ("energy_after", 0, "quantity"), "1e-999999999"), "energy_after[0].quantity"),
    (edited(STRUCTURAL, ("energy_use", 1, "quantity"), -0.5), "energy_use[1].quantity"),
    # efficiency and load factor outside (0, 1]
    (edited(MOTORS, ("motors", 0, "efficiency_before"), 0), "motors[0].efficiency_before"),
    (edited(MOTORS, ("motors", 0, "efficiency_after"), 1.2), "motors[0].efficiency_after"),
    (edited(MOTORS, ("motors", 0, "efficiency_after"), 93.9), "motors[0].efficiency_after"),
    (edited(MOTORS, ("motors", 0, "load_factor"), 0), "motors[0].load_factor"),
    (edited(MOTORS, ("motors", 0, "load_factor"), 1.01), "motors[0].load_factor"),
    (edited(BOILER_EFFICIENCY, ("efficiency_after",), 1.5), "efficiency_after"),
    (edited(BOILER_EFFICIENCY, ("efficiency_before",), -0.8), "efficiency_before"),
    # a replacement less efficient than what it replaces
    (edited(MOTORS, ("motors", 0, "efficiency_after"), 0.870), "motors[0].efficiency_after"),
    (edited(BOILER_EFFICIENCY, ("efficiency_after",), 0.75), "efficiency_after"),
    # other motor fields
    (edited(MOTORS, ("motors", 0, "hours_per_year"), 9000), "motors[0].hours_per_year"),
    (edited(MOTORS, ("motors", 0, "count"), 0), "motors[0].count"),
    (edited(MOTORS, ("motors", 0, "count"), 1.5), "motors[0].count"),
    (edited(MOTORS, ("motors", 0, "rated_kw"), 0), "motors[0].rated_kw"),
    (edited(MOTORS, ("motors", 0, "remanufactured"), "no"), "motors[0].remanufactured"),
    (edited(MOTORS, ("motors",), []), "motors"),
    (edited(MOTORS, ("motors",), {"count": 1}), "motors"),
    (edited(MOTORS, ("motors", 0), "IE3"), "motors[0]"),
    # unknown energy or unit, unit of the wrong dimension
    (edited(STRUCTURAL, ("energy_use", 0, "energy"), "coal"), "energy_use[0].energy"),
    (edited(STRUCTURAL, ("energy_use", 0, "energy"), 7), "energy_use[0].energy"),
    (edited(STRUCTURAL, ("energy_use", 1, "unit"), "barrel"), "energy_use[1].unit"),
    (edited(BOILER, ("energy_after", 0, "unit"), "t"), "energy_after[0].unit"),
    (edited(BOILER, ("energy_before", 0, "unit"), "m3"), "energy_before[0].unit"),
    (edited(STRUCTURAL, ("energy_use", 1, "unit"), "吨"), "energy_use[1].unit"),
    (edited(STRUCTURAL, ("energy_use", 0, "unit"), "kWh"), "energy_use[0].unit"),
    (edited(INTENSITY, ("intensity_unit",), "kWh/t"), "intensity_unit"),
    # missing fields
    (edited(STRUCTURAL, ("energy_use", 0, "quantity"), delete=True), "energy_use[0].quantity"),
    (edited(STRUCTURAL, ("energy_use", 0, "unit"), delete=True), "energy_use[0].unit"),
    (edited(STRUCTURAL, ("energy_use", 0, "energy"), None), "energy_use[0].energy"),
    (edited(STRUCTURAL, ("energy_use",), delete=True), "energy_use"),
    (edited(MOTORS, ("kind",), delete=True), "kind"),
    (edited(MOTORS, ("year",), delete=True), "year"),
    (edited(MOTORS, ("motors", 0, "efficiency_after"), delete=True), "motors[0].efficiency_after"),
    (edited(INTENSITY, ("output_reporting",), delete=True), "output_reporting"),
    (edited(EMC, ("emc_model",), delete=True), "emc_model"),
    (edited(BOILER_EFFICIENCY, ("efficiency_after",), delete=True), "efficiency_after"),
    ({"kind": "cleaner_production", "year": 2013,
      "energy_before": BOILER["energy_before"]}, "energy_after"),
    # unknown fields, at every level
    (edited(MOTORS, ("foo",), 1), "foo"),
    (edited(MOTORS, ("motors", 0, "power"), 15), "motors[0].power"),
    (edited(STRUCTURAL, ("energy_use", 0, "qty"), 900), "energy_use[0].qty"),
    (edited(INTENSITY, ("energy_before",), BOILER["energy_before"]), "energy_before"),
    (edited(BOILER, ("efficiency_before",), 0.8), "efficiency_before"),
    (edited(BOILER_EFFICIENCY, ("method",), "measured"), "efficiency_before"),
    (edited(INTENSITY, ("emc_model",), "shared_savings"), "emc_model"),
    (edited(INTENSITY, ("mv_method",), "ipmvp_a"), "mv_method"),
    (edited(STRUCTURAL, ("mv_method",), "ipmvp_a"), "mv_method"),
    ({"kind": "cleaner_production", "year": 2013, "emc_model": "shared_savings"}, "emc_model"),
    # bad values of closed vocabularies and years
    (edited(MOTORS, ("kind",), "solar_farm"), "kind"),
    (edited(INTENSITY, ("method",), "guess"), "method"),
    (edited(EMC, ("emc_model",), "leasing"), "emc_model"),
    (edited(MOTORS, ("mv_method",), "ipmvp_e"), "mv_method"),
    (edited(BOILER_EFFICIENCY, ("new_energy",), "plasma"), "new_energy"),
    (edited(MOTORS, ("year",), 1789), "year"),
    (edited(MOTORS, ("year",), "2013a"), "year"),
    (edited(MOTORS, ("year",), 2013.5), "year"),
    (edited(STRUCTURAL, ("baseline_year",), 2013), "baseline_year"),
    (edited(MOTORS, ("notes",), 12), "notes"),
    # measured factor where none applies
    (edited(STRUCTURAL, ("energy_use", 1, "factor_kgce_per_unit"), 0.3),
     "energy_use[1].factor_kgce_per_unit"),
    (edited(STRUCTURAL, ("energy_use", 0, "factor_kgce_per_unit"), -0.7),
     "energy_use[0].factor_kgce_per_unit"),
    (edited(edited(STRUCTURAL, ("energy_use", 0, "unit"), "tce"),
            ("energy_use", 0, "factor_kgce_per_unit"), 0.7), "energy_use[0].factor_kgce_per_unit"),
    # not a JSON object at all
    ([MOTORS], "document"),
    ("motor_upgrade", "document"),
    ({1: "x", "kind": "cleaner_production", "year": 2013}, "document"),
])
def test_bad_input_names_the_field(doc, field):
    assert field in error_fields(doc)


def test_every_problem_is_reported_at_once():
    doc = edited(edited(MOTORS, ("motors", 0, "load_factor"), 2), ("motors", 0, "count"), -1)
    doc["motors"].append({"rated_kw": 5})
    assert set(error_fields(doc)) >= {
        "motors[0].load_factor", "motors[0].count", "motors[1].count",
        "motors[1].efficiency_before"}


def test_errors_render_as_one_line_naming_the_field():
    with pytest.raises(ValidationError) as info:
        parse_savings_input(edited(BOILER, ("energy_after", 0, "unit"), "t"))
    text = info.value.render()
    assert "\n" not in text
    assert text.startswith("energy_after[0].unit: natural_gas is measured by volume")


def test_numbers_may_come_as_numeric_strings_or_decimals():
    doc = edited(edited(BOILER, ("energy_before", 0, "quantity"), " 1200.50 "),
                 ("energy_after", 0, "quantity"), Decimal("85"))
    inp = parse_savings_input(doc)
    assert inp.energy_before[0].quantity == Decimal("1200.50")


def test_year_can_be_read_before_the_factors_are_loaded():
    assert year_of(MOTORS) == 2013
    for doc, field in [({}, "year"), ([], "document"), ({"year": "x"}, "year")]:
        with pytest.raises(ValidationError) as info:
            year_of(doc)
        assert info.value.field_errors[0].field == field


def test_measured_factor_out_of_range_is_refused_at_compute_time(factors_2013):
    doc = edited(BOILER, ("energy_after", 0, "factor_kgce_per_unit"), 1.35)
    with pytest.raises(ValidationError) as info:
        compute_savings(parse_savings_input(doc), factors_2013)
    error = info.value.field_errors[0]
    assert error.field == "energy_after[0].factor_kgce_per_unit"
    assert "1.1–1.33" in error.render()


def test_a_factor_missing_from_the_table_names_the_line():
    from registry.domain.factors import FactorTable
    from tests.unit.conftest import factor_rows

    no_heat = FactorTable.from_rows([r for r in factor_rows() if r.energy not in ("heat",
                                                                                   "electricity")],
                                    2013, None)
    doc = {"kind": "structural_adjustment", "year": 2013, "energy_use": [
        {"energy": "heat", "quantity": 1, "unit": "GJ"},
        {"energy": "electricity", "quantity": 1, "unit": "kWh"}]}
    with pytest.raises(ValidationError) as info:
        compute_savings(parse_savings_input(doc), no_heat)
    assert [e.field for e in info.value.field_errors] == ["energy_use[0].energy",
                                                          "energy_use[1].energy"]
    motors = parse_savings_input(MOTORS)
    with pytest.raises(ValidationError):
        compute_savings(motors, no_heat)


# --- nothing but ValidationError, whatever the JSON ----------------------------------------

FIELD_NAMES = ["kind", "year", "baseline_year", "energy_use", "energy_before", "energy_after",
               "energy", "quantity", "unit", "factor_kgce_per_unit", "motors", "count", "rated_kw",
               "load_factor", "hours_per_year", "efficiency_before", "efficiency_after",
               "remanufactured", "method", "mv_method", "emc_model", "intensity_before",
               "intensity_after", "intensity_unit", "output_reporting", "new_energy", "notes"]
VALUES = ["motor_upgrade", "boiler_replacement", "structural_adjustment", "technical_retrofit",
          "contract_energy_management", "cleaner_production", "raw_coal", "electricity",
          "natural_gas", "heat", "t", "万m3", "kWh", "GJ", "tce", "tce/t", "kgce/万元", "intensity",
          "measured", "efficiency", "ipmvp_b", "shared_savings", "NaN", "-1", "1e999", ""]

json_scalars = (st.none() | st.booleans() | st.integers(-10**20, 10**20)
                | st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(VALUES)
                | st.text(max_size=8) | st.integers(1985, 2105))
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=4), children, max_size=6),
    max_leaves=20)
documents = st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=4), json_values,
                            max_size=8)


@st.composite
def mutated_examples(draw):
    """A valid example with one value replaced by random JSON (deep in the document too)."""
    doc = copy.deepcopy(draw(st.sampled_from(EXAMPLES)))
    target = doc
    while True:
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        key = draw(st.sampled_from(keys))
        child = target[key]
        if isinstance(child, (dict, list)) and child and draw(st.booleans()):
            target = child
            continue
        target[key] = draw(json_values)
        return doc


def _only_validation_errors(doc, factors_for) -> None:
    try:
        inp = parse_savings_input(doc)
    except ValidationError as exc:
        assert exc.field_errors and all(isinstance(e.field, str) for e in exc.field_errors)
        exc.render()
        return
    try:
        result = compute_savings(inp, factors_for(inp.year, equal_value=Decimal("0.3")))
    except ValidationError:
        return
    json.dumps(result.to_dict())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents_raise_only_validation_errors(factors_for, doc):
    _only_validation_errors(doc, factors_for)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_examples())
def test_damaged_examples_raise_only_validation_errors(factors_for, doc):
    _only_validation_errors(doc, factors_for)


@given(json_values)
def test_any_json_value_as_the_document_raises_only_validation_errors(factors_for, doc):
    _only_validation_errors(doc, factors_for)
