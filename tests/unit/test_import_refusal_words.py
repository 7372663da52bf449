"""A refused cell of a project workbook or CSV in a clerk's words: the value said once per line (the
line and the report's Value column show it, so the reason does not quote it again), a month without
its day said to lack the day, and a CSV's column named alone (a CSV has no sheet)."""
from __future__ import annotations

import pytest

from registry.catalogues import translator
from registry.domain.typed_values import typed_day
from registry.i18n import presenter
from registry.services.imports.project_rows import RowReader
from registry.services.imports.project_sheet import CSV, SheetRow

ZH = translator("zh_Hans_CN")


def refused(key: str, value, read: str, sheet: str = "高效电机", kind: str = "motor_upgrade"):
    row = RowReader(SheetRow(sheet, 3, kind, (value,), {key: 0}))
    assert getattr(row, read)(key) is None
    [problem] = row.problems
    return problem


@pytest.mark.parametrize(("key", "value", "read", "en", "zh"), [
    ("rated_kw", "55千瓦", "number", "must be the number alone, in the unit its header gives",
     "只填数字，不带单位（单位以表头为准）"),
    ("rated_kw", "五十五", "number", "must be a number", "必须是数字"),
    ("count", "2.5", "integer", "must be a whole number", "必须是整数"),
    ("load_factor", "120%", "ratio", "must be a percentage greater than 0% and at most 100%",
     "必须是大于 0% 且不超过 100% 的百分数"),
    ("load_factor", "75", "ratio", "is ambiguous: this column takes a fraction from 0 to 1, and this number is none; "
     "write 0.75 or 75% for 75%", "有歧义：本列填写 0 至 1 之间的小数，此数不是；75% 请写作 0.75 或 75%"),
    ("completed_on", "next week", "day", "must be a date written year first — 2017-09-30, 2017/9/30, 2017.9.30 or "
     "2017年9月30日", "必须是年份在前的日期（2017-09-30、2017/9/30、2017.9.30 或 2017年9月30日）"),
    ("completed_on", "9/30/2017", "day", "puts the year last, where the month and the day can be read either way "
     "round; write the year first: 2017-09-30 or 2017年9月30日",
     "把年份写在了最后，月和日可有两种读法；请把年份写在前面：2017-09-30 或 2017年9月30日"),
])
def test_a_refused_cell_s_reason_does_not_quote_the_value_its_line_shows(key, value, read, en, zh):
    problem = refused(key, value, read)
    assert problem.value == value  # the line's value: 高效电机!N3 额定功率（千瓦） = “55千瓦”
    assert problem.message.render(show=presenter("en")) == en
    assert problem.message.render(ZH, presenter("zh_Hans_CN")) == zh


def test_an_unknown_choice_names_the_list_not_the_value_again():
    problem = refused("remanufactured", "也许", "choice")
    assert problem.value == "也许"
    assert "也许" not in problem.message.render(ZH, presenter("zh_Hans_CN"))
    assert problem.message.render(show=presenter("en")).startswith("is not one of the list (allowed: ")


@pytest.mark.parametrize(("typed", "en", "zh"), [
    ("2024年6月", "lacks the day: June 2024 is a month; write the whole date, as 2017-09-30 or 2017年9月30日",
     "缺少“日”：2024年6月只是月份；请填写完整日期，如 2017-09-30 或 2017年9月30日"),
    ("2024-06", "lacks the day: June 2024 is a month; write the whole date, as 2017-09-30 or 2017年9月30日",
     "缺少“日”：2024年6月只是月份；请填写完整日期，如 2017-09-30 或 2017年9月30日"),
    ("2024/6", "lacks the day: June 2024 is a month; write the whole date, as 2017-09-30 or 2017年9月30日", None),
    ("2024.6", "lacks the day: June 2024 is a month; write the whole date, as 2017-09-30 or 2017年9月30日", None),
    ("2024-13", "a year has no month 13", "一年没有13月"),
])
def test_a_month_without_its_day_is_said_to_lack_the_day(typed, en, zh):
    said = typed_day(typed)
    assert said.render(show=presenter("en")) == en
    if zh:
        assert said.render(ZH, presenter("zh_Hans_CN")) == zh


YEAR_ONLY_EN = "lacks the month and the day: 2024 is a year; write the whole date, as 2017-09-30 or 2017年9月30日"
YEAR_ONLY_ZH = "缺少“月”和“日”：2024年只是年份；请填写完整日期，如 2017-09-30 或 2017年9月30日"


@pytest.mark.parametrize("typed", ["2024", "2024年", " 2024 年 ", "２０２４"])
def test_a_year_alone_is_said_to_lack_the_month_and_the_day(typed):
    """It got the general “must be a date written year first”, though it was written year first."""
    said = typed_day(typed)
    assert said.render(show=presenter("en")) == YEAR_ONLY_EN
    assert said.render(ZH, presenter("zh_Hans_CN")) == YEAR_ONLY_ZH


def test_a_year_typed_as_a_number_into_a_date_cell_is_said_to_lack_the_month_and_the_day():
    problem = refused("completed_on", 2024, "day")  # a number cell: Excel's 2024, not a date
    assert problem.message.render(show=presenter("en")) == YEAR_ONLY_EN


def test_a_csv_s_field_is_its_column_alone():
    """A CSV has no sheet: its cells are already H1, its field 额定功率（千瓦）, not csv.额定功率（千瓦）."""
    problem = refused("rated_kw", "55千瓦", "number", sheet=CSV)
    assert (problem.cell, problem.field) == ("A3", "额定功率（千瓦）")
    assert refused("rated_kw", "55千瓦", "number").field == "高效电机.额定功率（千瓦）"
