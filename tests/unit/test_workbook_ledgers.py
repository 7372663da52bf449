"""A project workbook's pair of before/after cells is read as both or neither: a blank cell is not a
measured 0 (audit 2026-12-05: a cleaner-production row with its "after" blank was credited its
whole gas use as savings)."""
from __future__ import annotations

import pytest

from registry.services.imports.project_rows import project_record
from registry.services.imports.project_sheet import SheetRow

KEYS = ("reference", "title", "year", "credit_code", "district_code", "natural_gas_before_10k_m3",
        "natural_gas_after_10k_m3")


def cleaner_row(before, after) -> SheetRow:
    cells = ("2013-310115-0009", "清洁生产审核", 2013, "91310115MA1K000020", "310115", before, after)
    return SheetRow("清洁生产审核", 5, "cleaner_production", cells, {key: i for i, key in enumerate(KEYS)})


@pytest.mark.parametrize("before, after, blank, given", [
    (80, None, "审核后天然气（万立方米）", "审核前天然气（万立方米）"),
    ("", 74, "审核前天然气（万立方米）", "审核后天然气（万立方米）"),
])
def test_one_of_the_two_gas_cells_left_blank_is_a_problem_of_the_row(before, after, blank, given):
    record, problems = project_record([cleaner_row(before, after)])
    assert record is None
    assert [(p.row, p.field, p.message.render()) for p in problems] == [
        (5, f"清洁生产审核.{blank}", f"is required when {given} is given")]


@pytest.mark.parametrize("before, after, inputs", [
    (80, 74, {"energy_before": [{"energy": "natural_gas", "quantity": "80", "unit": "10^4 m3"}],
              "energy_after": [{"energy": "natural_gas", "quantity": "74", "unit": "10^4 m3"}]}),
    (80, 0, {"energy_before": [{"energy": "natural_gas", "quantity": "80", "unit": "10^4 m3"}],
             "energy_after": [{"energy": "natural_gas", "quantity": "0", "unit": "10^4 m3"}]}),
    (None, None, {}),  # an audit without measured gas: no ledgers, 0 tce (method "none")
])
def test_both_cells_or_neither_make_the_ledgers(before, after, inputs):
    record, problems = project_record([cleaner_row(before, after)])
    assert problems == []
    assert record.inputs == {"kind": "cleaner_production", "year": 2013, **inputs}


def test_an_unreadable_cell_is_one_problem_not_two():
    _record, problems = project_record([cleaner_row("八十", None)])
    assert [p.message.render() for p in problems] == ["must be a number"]
