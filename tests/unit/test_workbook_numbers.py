"""A number in a project workbook's text cell is read as the district wrote it: thousands
separators are dropped, a comma anywhere else is a problem of the row, never silently removed."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.services.imports.project_rows import RowReader
from registry.services.imports.project_sheet import SheetRow


def reader(value) -> RowReader:
    return RowReader(SheetRow("structural_adjustment", 7, "structural_adjustment", (value,), {"raw_coal_t": 0}))


@pytest.mark.parametrize(("cell", "number"), [("1,200", Decimal("1200")), ("2,500.5", Decimal("2500.5")),
                                              ("900", Decimal(900)), (900, Decimal(900))])
def test_a_number_grouped_in_thousands_is_read(cell, number):
    row = reader(cell)
    assert row.number("raw_coal_t") == number and row.problems == []


@pytest.mark.parametrize("cell", ["2,5", "1,20", "12,5000"])
def test_a_comma_that_groups_no_thousands_is_a_problem_of_the_row(cell):
    # "2,5" t of raw coal was once read as 25 t
    row = reader(cell)
    assert row.number("raw_coal_t") is None
    assert [(p.row, p.message.render()) for p in row.problems] == [(7, f"must be a number, got “{cell}”")]
