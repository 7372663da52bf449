"""A project sheet's header as clerks change it: a column the template does not have (备注) is
left unread and said to be; a ratio's header with (%) takes percentages; another unit refuses the file."""
from __future__ import annotations

from decimal import Decimal

import pytest

from registry.catalogues import translator
from registry.domain.errors import ValidationError
from registry.i18n import presenter
from registry.services.imports.project_rows import RowReader
from registry.services.imports.project_sheet import rows_under_header
from registry.services.imports.project_template import COMMON, KIND_COLUMNS

MOTOR = COMMON + KIND_COLUMNS["motor_upgrade"]


def read(header, *rows, ignored=None):
    table = enumerate([header, *rows], start=1)
    return list(rows_under_header(table, "高效电机", "motor_upgrade", MOTOR, ignored=ignored))


def test_a_column_not_in_the_template_is_said_to_be_left_unread():
    ignored = []
    rows = read(("项目编号", "备注", None, "负载率", " 联系人 "), ("P-1", "急", None, 0.75, "张"), ignored=ignored)
    assert [row.get("load_factor") for row in rows] == [0.75]
    assert [(n.row, n.cell, n.field, n.value, n.action) for n in ignored] == [
        (1, "高效电机!B1", "高效电机.备注", "备注", "ignored"), (1, "高效电机!E1", "高效电机.联系人", "联系人", "ignored")]
    zh = ignored[0].message.render(translator("zh_Hans_CN"), presenter("zh_Hans_CN"))
    assert zh == "列“备注”不在模板中，未导入"
    assert ignored[0].message.render(show=presenter("en")) == "column “备注” is not in the template: not imported"


def test_a_title_row_above_the_header_is_no_column():
    ignored = []
    read(("2017 年电机改造项目汇总",), ("项目编号", "负载率"), ("P-1", 0.75), ignored=ignored)
    assert ignored == []


@pytest.mark.parametrize("header", ["负载率（%）", "负载率(%)", "负载率 (％)"])
def test_a_ratio_headed_in_percent_reads_its_numbers_as_percentages(header):
    row, = read(("项目编号", header), ("P-1", 75))
    reader = RowReader(row)
    assert reader.ratio("load_factor") == Decimal("0.75") and reader.problems == []


def test_a_ratio_headed_without_unit_reads_75_percent_and_refuses_75():
    first, second = read(("项目编号", "负载率", "改造前效率"), ("P-1", "75%", "92.1%"), ("P-2", 75, 0.921))
    reader = RowReader(first)
    assert (reader.ratio("load_factor"), reader.ratio("efficiency_before")) == (Decimal("0.75"), Decimal("0.921"))
    refused = RowReader(second)
    assert refused.ratio("load_factor") is None and refused.ratio("efficiency_before") == Decimal("0.921")
    assert [(p.cell, p.value) for p in refused.problems] == [("高效电机!B3", "75")]
    assert refused.problems[0].message.render().startswith("is ambiguous: this column takes a fraction from 0 to 1")


def test_a_ratio_headed_with_another_unit_refuses_the_file():
    with pytest.raises(ValidationError) as refused:
        read(("项目编号", "负载率（千瓦）"), ("P-1", 75))
    said = refused.value.field_errors[0].message.render(show=presenter("en"))
    assert "高效电机!B1" in said and "负载率（千瓦）" in said and "template's 负载率," in said
