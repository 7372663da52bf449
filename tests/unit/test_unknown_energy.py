"""An unknown energy is refused by name with the energies nearest it and the page that lists them all:
the refusal had listed all sixteen energies with their codes (未知取值“coal2”（可选：原煤（raw_coal）、
洗精煤（washed_coal）、…、电力（electricity）））, a line longer than the savings preview it stood under."""
from __future__ import annotations

import pytest

from registry.catalogues import translator
from registry.domain.energies import ENERGIES, energy_named
from registry.domain.errors import ValidationError
from registry.domain.nearest import nearest
from registry.domain.savings.parsing import parse_savings_input

NAMES = {e.code: (e.code, e.label) for e in ENERGIES.values()}


@pytest.mark.parametrize("typed, expected", [
    ("natual_gas", ("natural_gas",)),  # a slip (not every gas, which shares its word)
    ("Electricty", ("electricity",)),
    ("disel", ("diesel",)),
    ("coal", ("raw_coal", "washed_coal")),  # a part of the names
    ("coal2", ("raw_coal", "washed_coal")),  # a word of them
    ("heavy oil", ("fuel_oil",)),  # in 燃料油's English name (not crude oil, which only shares "oil")
    ("gas", ("gasoline", "natural_gas", "refinery_gas")),  # the nearest three of seven (gas: gasoline, in American English)
    ("unobtainium", ()),
    ("", ()), ("  ", ()),
])
def test_the_nearest_energies_are_slips_parts_then_shared_words(typed, expected):
    assert nearest(typed, NAMES) == expected


def test_a_long_value_is_compared_by_its_start():
    assert nearest("natural_gas" + "x" * 100_000, NAMES) == ("natural_gas",)


def said(code: str, locale: str) -> str:
    with pytest.raises(ValidationError) as refused:
        energy_named(code, "energy_use[0].energy")
    [problem] = refused.value.field_errors
    assert problem.field == "energy_use[0].energy"
    return problem.render(translator(locale))


@pytest.mark.parametrize("code, locale, expected", [
    ("coal2", "zh_Hans_CN", "未知的能源品种“coal2”，是否指以下之一：原煤（raw_coal）、洗精煤（washed_coal）？"
                            "本系统计入的全部能源品种及其折标系数见“折标系数与等价值”页面"),
    ("natual_gas", "zh_Hans_CN", "未知的能源品种“natual_gas”，是否指天然气（natural_gas）？"
                                 "本系统计入的全部能源品种及其折标系数见“折标系数与等价值”页面"),
    ("unobtainium", "zh_Hans_CN", "未知的能源品种“unobtainium”；本系统计入的全部能源品种及其折标系数见“折标系数与等价值”页面"),
    ("coal2", "en", "unknown energy “coal2”: did you mean one of Raw coal (raw_coal), Washed coal (washed_coal)? "
                    "Every energy the registry counts is listed, with its factor, on the page “Factors and equal values”"),
])
def test_an_unknown_energy_is_named_with_the_nearest_and_the_reference_page(code, locale, expected):
    assert said(code, locale) == expected


def test_a_boilers_new_energy_is_refused_as_a_ledgers_energy():
    doc = {"kind": "boiler_replacement", "year": 2017, "method": "efficiency", "efficiency_before": 0.7,
           "efficiency_after": 0.9, "new_energy": "natural gas!",
           "energy_before": [{"energy": "raw_coal", "quantity": 100, "unit": "t"}]}
    with pytest.raises(ValidationError) as refused:
        parse_savings_input(doc)
    problems = {e.field: e.render() for e in refused.value.field_errors}
    assert problems == {"new_energy": "unknown energy “natural gas!”: did you mean Natural gas (natural_gas)? Every energy "
                                      "the registry counts is listed, with its factor, on the page “Factors and equal values”"}
    assert parse_savings_input(doc | {"new_energy": "natural_gas"}).new_energy == "natural_gas"


@pytest.mark.parametrize("line", [{"energy": ""}, {"energy": "  "}, {"energy": None}, {}])
def test_a_line_without_an_energy_asks_for_one_without_listing_them(line):
    """No energy chosen is no unknown energy (未知的能源品种“”；本系统计入的全部能源品种…): it is asked for."""
    doc = {"kind": "structural_adjustment", "year": 2017, "energy_use": [line | {"quantity": 5, "unit": "t"}]}
    with pytest.raises(ValidationError) as refused:
        parse_savings_input(doc)
    [problem] = refused.value.field_errors
    assert problem.field == "energy_use[0].energy"
    assert (problem.render(), problem.render(translator("zh_Hans_CN"))) == ("choose an energy", "请选择能源品种")
