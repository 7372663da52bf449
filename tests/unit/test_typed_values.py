"""Days and ratios as clerks type them into a workbook's text cells (registry/domain/typed_values.py):
read where one reading is sure, refused with the reason where it is not."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.domain.errors import Message
from registry.domain.typed_values import typed_day, typed_ratio
from registry.catalogues import translator
from registry.i18n import presenter


def said(read, lang: str = "en") -> str:
    assert isinstance(read, Message), read
    if lang == "en":
        return read.render(show=presenter("en"))
    return read.render(translator("zh_Hans_CN"), presenter("zh_Hans_CN"))


@pytest.mark.parametrize("typed", [
    "2017-09-30", "2017-9-30", "2017/9/30", "2017/09/30", "2017.9.30", "2017年9月30日", "2017年9月30号", "2017年9月30",
    " 2017 年 9 月 30 日 ", "２０１７／９／３０", "2017/9/30 0:00", "2017/9/30 00:00:00", "2017-09-30 00:00:00", "20170930",
])
def test_a_day_written_year_first_is_read(typed):
    assert typed_day(typed) == date(2017, 9, 30)


@pytest.mark.parametrize(("typed", "reason"), [
    ("2017/13/1", "a year has no month 13"), ("2017.2.30", "February 2017 has no day 30"),
    ("2017年2月29日", "February 2017 has no day 29"), ("2017-9-31", "September 2017 has no day 31"),
])
def test_a_day_that_does_not_exist_is_said_not_to(typed, reason):
    assert said(typed_day(typed)) == reason


@pytest.mark.parametrize("typed", ["9/30/2017", "30.9.2017", "10/9/2017", "9-30-2017"])
def test_a_day_with_the_year_last_is_refused_as_ambiguous(typed):
    assert said(typed_day(typed)).startswith("puts the year last, where the month and the day")
    assert said(typed_day(typed), "zh").startswith("把年份写在了最后，月和日")


@pytest.mark.parametrize("typed", ["17/9/30", "next week", "2017/9-30", "2017年9"])
def test_anything_else_is_refused_naming_the_forms_read(typed):
    assert said(typed_day(typed)) == ("must be a date written year first — 2017-09-30, 2017/9/30, 2017.9.30 or "
                                      "2017年9月30日")  # the line shows the value: not quoted again


@pytest.mark.parametrize(("typed", "fraction"), [
    ("0.75", Decimal("0.75")), ("75%", Decimal("0.75")), ("75 %", Decimal("0.75")), ("７５％", Decimal("0.75")),
    ("92.1%", Decimal("0.921")), ("100%", Decimal(1)), ("1", Decimal(1)), ("0", Decimal(0)),
])
def test_a_ratio_is_a_fraction_or_a_percentage_with_its_sign(typed, fraction):
    assert typed_ratio(typed) == fraction


@pytest.mark.parametrize("typed", ["75", "1.5", "92.1"])
def test_a_number_above_1_where_fractions_are_meant_is_refused_not_divided(typed):
    assert said(typed_ratio(typed)) == ("is ambiguous: this column takes a fraction from 0 to 1, and this number is "
                                        "none; write 0.75 or 75% for 75%")


@pytest.mark.parametrize(("typed", "fraction"), [("75", Decimal("0.75")), ("75%", Decimal("0.75")),
                                                 ("92.1", Decimal("0.921")), ("100", Decimal(1))])
def test_under_a_percent_header_a_number_is_a_percentage(typed, fraction):
    assert typed_ratio(typed, "负载率（%）") == fraction


@pytest.mark.parametrize("typed", ["0.75", "1"])
def test_under_a_percent_header_a_fraction_is_refused_not_multiplied(typed):
    assert said(typed_ratio(typed, "负载率（%）")) == (
        f"is ambiguous: its header 负载率（%） takes percentages, and this would be {typed}%; write 75 or 75% "
        "for 75%, or head the column without (%) for fractions")


@pytest.mark.parametrize(("typed", "header"), [("120%", None), ("0%", None), ("-5%", None), ("150", "负载率（%）")])
def test_a_percentage_beyond_0_to_100_is_refused(typed, header):
    assert said(typed_ratio(typed, header)) == "must be a percentage greater than 0% and at most 100%"
    assert said(typed_ratio(typed, header), "zh") == "必须是大于 0% 且不超过 100% 的百分数"


@pytest.mark.parametrize("typed", ["七成", "75%%", "%", "0,75"])
def test_a_ratio_that_is_no_number_is_refused_as_such(typed):
    assert said(typed_ratio(typed)) == f"must be a number, got “{typed}”"
