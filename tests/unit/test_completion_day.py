"""The day a district reports as its project's completion (domain/workflow_dates.completion_day)."""
from __future__ import annotations

from datetime import date

import pytest

from registry.domain.errors import ValidationError
from registry.domain.workflow_dates import completion_day

TODAY = date(2017, 1, 5)


@pytest.mark.parametrize("given, expected", [(None, TODAY), ("", TODAY), ("2016-12-28", date(2016, 12, 28)),
                                             (date(2017, 1, 5), TODAY), (" 2016-01-01 ", date(2016, 1, 1))])
def test_today_unless_a_day_is_given(given, expected):
    assert completion_day(given, TODAY, project_year=2016) == expected


@pytest.mark.parametrize("given", ["2017-01-06", "2016-02-30", "28/12/2016", "2014-12-31"])
def test_a_future_unreadable_or_too_early_day_is_refused_on_its_field(given):
    with pytest.raises(ValidationError) as caught:
        completion_day(given, TODAY, project_year=2016)
    assert caught.value.field_errors[0].field == "completed_on"
