"""A typed day that has the shape of one but does not exist (2017-02-30) is refused as such, in
one wording on every path (registry/domain/days.py), not as a date in the wrong format."""
from __future__ import annotations

from datetime import date

import pytest

from registry.domain.audit_trail import parse_trail_filter
from registry.domain.days import day_refusal
from registry.domain.errors import ValidationError
from registry.domain.rollups import parse_as_of
from registry.domain.workflow_dates import completion_day
from registry.catalogues import translator
from registry.i18n import presenter

FORMAT = "must be a date such as 2017-06-30"


def in_both(message) -> tuple[str, str]:
    return (message.render(translator("zh_Hans_CN"), presenter("zh_Hans_CN")), message.render(show=presenter("en")))


@pytest.mark.parametrize("typed, chinese, english", [
    ("2017-02-30", "2017年2月没有30日", "February 2017 has no day 30"),
    ("2017-02-29", "2017年2月没有29日", "February 2017 has no day 29"),
    ("2017-04-31 00:00:00", "2017年4月没有31日", "April 2017 has no day 31"),  # a spreadsheet's cell as text
    ("2017/2/30", "2017年2月没有30日", "February 2017 has no day 30"),  # as the calendar fields take a day
    (" 2017-06-00 ", "2017年6月没有0日", "June 2017 has no day 0"),
    ("2017-13-01", "一年没有13月", "a year has no month 13"),
])
def test_a_day_that_does_not_exist_is_said_not_to(typed, chinese, english):
    assert in_both(day_refusal(typed, FORMAT)) == (chinese, english)


@pytest.mark.parametrize("typed", ["2017-2/30", "17-02-30", "上周五", "2017-02-30x", "0000-02-30", ""])
def test_other_text_keeps_the_path_s_own_words_for_the_format(typed):
    assert day_refusal(typed, FORMAT).msgid == FORMAT


def test_the_domain_s_readers_of_days_say_so():
    with pytest.raises(ValidationError) as caught:
        completion_day("2016-02-30", date(2017, 1, 5), project_year=2016)
    assert caught.value.field_errors[0].render() == "2016-02 has no day 30"
    with pytest.raises(ValidationError) as caught:
        parse_as_of("2017-02-30")
    assert caught.value.field_errors[0].render() == "2017-02 has no day 30"
    with pytest.raises(ValidationError) as caught:
        parse_trail_filter({"since": "2026-02-30"})
    assert [e.render() for e in caught.value.field_errors] == ["2026-02 has no day 30"]
