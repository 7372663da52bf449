"""The fast XLSX reader gives what openpyxl's read-only ``iter_rows(values_only=True)`` gives (but for a
formula without its result)."""
from __future__ import annotations

from datetime import date, datetime, time

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from registry.services.imports.xlsx_rows import Percent, Uncalculated, open_workbook

ROWS = [
    ["项目编号", "年度", "额定功率（千瓦）", "负载率", "完成日期", "再制造", None, "备注"],
    ["2017-310115-0001", 2017, 55, 0.75, date(2017, 6, 30), True, None, "a & b < c > d"],
    ["2017-310115-0002", 2017.0, -1.5e-7, 1e20, datetime(2017, 12, 31, 8, 30), False, "=1+1", "  空格  "],
    [None, None, None, None, None, None, None, None],
    ["第二行\n换行", "2017", "0.921", 12345678901234, time(6, 0), None, None, "x005F_y"],
]


def _openpyxl_rows(path) -> dict[int, tuple]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return {title: {i: _trim(r) for i, r in enumerate(book[title].iter_rows(values_only=True), start=1)
                        if any(v is not None for v in r)} for title in book.sheetnames}
    finally:
        book.close()


def _fast_rows(path) -> dict[int, tuple]:
    with open_workbook(path) as book:
        return {title: {i: _trim(r) for i, r in book.rows(title) if any(v is not None for v in r)}
                for title in book.sheets()}


def _trim(row) -> tuple:
    row = tuple(row)
    while row and row[-1] is None:
        row = row[:-1]
    return row


def _typed(rows: dict) -> dict:
    return {t: {i: [(type(v), v) for v in r] for i, r in sheet.items()} for t, sheet in rows.items()}


@pytest.mark.parametrize("write_only", [False, True])
@pytest.mark.parametrize("epoch_1904", [False, True])
def test_values_types_dates_and_row_numbers_match_openpyxl(tmp_path, write_only, epoch_1904):
    book = Workbook(write_only=write_only)
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    if not write_only:
        book.remove(book.active)
    sheet = book.create_sheet("高效电机")
    for row in ROWS:
        sheet.append(row)
    sheet.append([])  # an empty row, then one further down
    sheet.append(["2017-310115-0009", None, None, None, None, None, None, "last"])
    other = book.create_sheet("企业")
    other.append(["统一社会信用代码", "企业名称"])
    other.append([None, None, "only column C"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    expected = _openpyxl_rows(path)
    # a formula without its stored result (openpyxl writes none): openpyxl reads it as empty, this
    # reader as the formula, which the import refuses by name (it had lost the value unsaid)
    assert expected["高效电机"][3][6] is None
    expected["高效电机"][3] = (*expected["高效电机"][3][:6], Uncalculated("=1+1"), *expected["高效电机"][3][7:])
    assert _typed(_fast_rows(path)) == _typed(expected)
    assert expected["高效电机"][7][-1] == "last" and 4 not in expected["高效电机"]
    assert isinstance(expected["高效电机"][2][4], datetime) and expected["高效电机"][2][5] is True


def test_cells_placed_by_their_reference_and_rich_text_joined(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "锅炉替代"
    sheet["A1"] = "项目编号"
    sheet["D1"] = "原燃料"
    sheet["B3"] = 7
    sheet["AA3"] = "far right"
    sheet["C4"] = CellRichText("粗", TextBlock(InlineFont(b=True), "体"), "字")
    path = tmp_path / "sparse.xlsx"
    book.save(path)
    fast = _fast_rows(path)
    assert fast == _openpyxl_rows(path)
    assert fast["锅炉替代"][3][26] == "far right" and fast["锅炉替代"][4] == (None, None, "粗体字")


def test_not_a_workbook_raises_what_openpyxl_raises(tmp_path):
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(b"not a zip file at all" * 20)
    with pytest.raises(Exception) as fast:
        with open_workbook(path):
            pass
    with pytest.raises(Exception) as slow:
        load_workbook(path, read_only=True)
    assert type(fast.value) is type(slow.value)


def test_a_formula_saved_by_a_spreadsheet_is_read_as_its_result(tmp_path):
    """Excel stores a formula's result: a number, or text that may be empty (t="str"); only a
    formula stored without one is ``Uncalculated``."""
    import zipfile

    book = Workbook()
    book.active.append(["=1+1", '=""', "=2+2"])
    written = tmp_path / "written.xlsx"
    book.save(written)
    saved = tmp_path / "saved.xlsx"
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(saved, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="A1"><f>1+1</f><v /></c>', b'<c r="A1"><f>1+1</f><v>2</v></c>')
                data = data.replace(b'<c r="B1"><f>""</f><v /></c>', b'<c r="B1" t="str"><f>""</f><v></v></c>')
            target.writestr(item, data)
    [(_, values)] = _fast_rows(saved).items()
    assert values == {1: (2, None, Uncalculated("=2+2"))} and type(values[1][2]) is Uncalculated


def test_a_cell_formatted_as_a_percentage_is_known_as_one(tmp_path):
    """Excel stores 75% as 0.75 with a percent format: the cell is a ``Percent``, equal to the number
    openpyxl reads, so that a ratio's column reads 75% where a bare 0.75 under 负载率（%） is ambiguous."""
    book = Workbook()
    sheet = book.active
    sheet.append([0.75, 0.921, 1, 0.75, 0.75, 0.75])
    for cell, number_format in zip(sheet[1], ["0%", "0.0%", "0%", "0.00", '0.00"%"', "General"]):
        cell.number_format = number_format
    path = tmp_path / "percent.xlsx"
    book.save(path)
    [(_, values)] = _fast_rows(path).items()
    assert values[1] == _openpyxl_rows(path)[book.active.title][1]
    assert [type(v) is Percent for v in values[1]] == [True, True, True, False, False, False]
    assert [v.typed() for v in values[1][:3]] == ["75%", "92.1%", "100%"]
