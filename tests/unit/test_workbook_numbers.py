"""A number in a project workbook's text cell is read as the district wrote it: thousands
separators are dropped, a comma anywhere else is a problem of the row, never silently removed."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.catalogues import translator
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
    assert [(p.row, p.message.render()) for p in row.problems] == [(7, "must be a number")]


@pytest.mark.parametrize("cell", ["55千瓦", "55 kW", "1,200吨", "0.5万元"])
def test_a_number_typed_with_its_unit_asks_for_the_number_alone_in_the_header_s_unit(cell):
    """“55千瓦” under 额定功率（千瓦） was “must be a number”, as if 55 were not one; the unit typed may be
    another than the header's (5000元 under 万元), so no number is suggested."""
    row = reader(cell)
    assert row.number("raw_coal_t") is None
    [problem] = row.problems
    assert problem.message.render() == "must be the number alone, in the unit its header gives"
    assert problem.message.render(translator("zh_Hans_CN")) == "只填数字，不带单位（单位以表头为准）"


@pytest.mark.parametrize("cell", ["五十五", "55-60", "约55"])
def test_a_cell_that_starts_with_no_number_stays_not_a_number(cell):
    row = reader(cell)
    assert row.number("raw_coal_t") is None
    assert [p.message.render() for p in row.problems] == ["must be a number"]
