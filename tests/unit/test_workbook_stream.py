"""The fast workbook writer (services/workbook_stream.py), read back with openpyxl: every kind of
value in its cell type and format, text that looks like a formula kept as text, characters XML
cannot hold dropped, the header frozen and filtered over the rows written, an about sheet last."""
from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from registry.services.workbook_stream import Column, Sheet, write_xlsx

COLUMNS = [Column("名称", 20), Column("节能量（吨标准煤）", 12, "#,##0.00"), Column("完成日期", 11, "yyyy-mm-dd"),
           Column("更新", 19), Column("备注", 30)]


def _book(rows, about=lambda: [["导出人", "reviewer"]]):
    out = io.BytesIO()
    write_xlsx(out, [Sheet("项目", COLUMNS, iter(rows), autofilter=True),
                     Sheet("说明", [Column("事项", 24), Column("内容", 70)], about)])
    return load_workbook(io.BytesIO(out.getvalue()))


def test_values_keep_their_types_and_formats():
    book = _book([["上海<测试>&公司", Decimal("419.3"), date(2013, 9, 1), datetime(2026, 12, 5, 18, 30, 15), None],
                  ["二", 7, None, None, True]])
    sheet = book["项目"]
    assert [c.value for c in sheet[1]] == ["名称", "节能量（吨标准煤）", "完成日期", "更新", "备注"]
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:E3"
    assert sheet["A2"].value == "上海<测试>&公司"
    assert sheet["B2"].value == 419.3 and sheet["B2"].number_format == "#,##0.00" and sheet["B3"].value == 7
    assert sheet["C2"].value == datetime(2013, 9, 1) and sheet["C2"].number_format == "yyyy-mm-dd"
    assert sheet["D2"].value == datetime(2026, 12, 5, 18, 30, 15) and sheet["D2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet["E2"].value is None and sheet["E3"].value is True
    assert sheet.column_dimensions["A"].width == 20


def test_text_that_looks_like_a_formula_stays_text():
    sheet = _book([['=HYPERLINK("http://example.com","点击")', -12.5, None, None, "@SUM(A1)"]])["项目"]
    assert sheet["A2"].value == '=HYPERLINK("http://example.com","点击")' and sheet["A2"].data_type == "s"
    assert sheet["A2"].quotePrefix and sheet["E2"].quotePrefix and sheet["B2"].value == -12.5


def test_characters_xml_cannot_hold_are_dropped_and_line_breaks_wrap():
    sheet = _book([["名\x00称\x1b", None, None, None, "第一行\n第二行"]])["项目"]
    assert sheet["A2"].value == "名称"
    assert sheet["E2"].value == "第一行\n第二行" and sheet["E2"].alignment.wrap_text


def test_the_about_sheet_is_written_after_the_rows_it_describes():
    seen = []
    rows = ([f"P{n}", n, None, None, None] for n in range(1, 1201) if not seen.append(n))
    book = _book(rows, about=lambda: [["项目数", len(seen)]])
    assert book["项目"].max_row == 1201 and book["项目"].auto_filter.ref == "A1:E1201"
    assert book["说明"]["B2"].value == 1200 and book.sheetnames == ["项目", "说明"]


def test_a_caption_stands_above_the_header_frozen_with_it_and_the_filter_starts_at_the_header():
    out = io.BytesIO()
    write_xlsx(out, [Sheet("土地产出", COLUMNS[:2], iter([["浦东新区", 60], ["黄浦区", 45]]), autofilter=True,
                           caption="2017 年土地产出（亿元/km²）；按区\x01")])
    sheet = load_workbook(io.BytesIO(out.getvalue()))["土地产出"]
    assert sheet["A1"].value == "2017 年土地产出（亿元/km²）；按区" and sheet["A1"].font.b
    assert [c.value for c in sheet[2]] == ["名称", "节能量（吨标准煤）"] and sheet.freeze_panes == "A3"
    assert [sheet["A3"].value, sheet["B4"].value] == ["浦东新区", 45] and sheet.auto_filter.ref == "A2:B4"
