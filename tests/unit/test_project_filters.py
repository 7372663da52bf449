"""The project list's filters read strictly (services/projects/filters.py): what the export and the
command line take, each unusable value named, and the list's filters written back as its query."""
from __future__ import annotations

import pytest

from registry.domain.errors import ValidationError
from registry.services.projects.filters import filter_params, parse_project_filter
from registry.services.projects.listing import ProjectFilter


def test_reads_every_filter_and_takes_empty_values_as_any():
    assert parse_project_filter({"q": " 电机 ", "district": "310115", "kind": "motor_upgrade", "year": "2013",
                                 "status": "verified", "sort": "reference", "dir": "asc"}) == ProjectFilter(
        text="电机", district_code="310115", kind="motor_upgrade", year=2013, status="verified", sort="reference",
        descending=False)
    assert parse_project_filter({"q": "", "district": "", "kind": "", "year": " ", "page": "7"}) == ProjectFilter()


def test_names_each_value_it_cannot_use():
    with pytest.raises(ValidationError) as refused:
        parse_project_filter({"district": "31011", "kind": "boilers", "year": "2O13", "status": "done",
                              "sort": "size", "dir": "up"})
    assert sorted(e.field for e in refused.value.field_errors) == ["dir", "district", "kind", "sort", "status", "year"]


def test_a_year_in_full_width_digits_is_read_as_an_input_method_types_it():
    assert parse_project_filter({"year": "２０１３"}).year == 2013  # as the project form reads it


@pytest.mark.parametrize("year", ["1999", "2101", "20.13", "-2013", "2013年"])
def test_a_year_outside_the_programme_range_is_refused(year):
    with pytest.raises(ValidationError) as refused:
        parse_project_filter({"year": year})
    assert [e.field for e in refused.value.field_errors] == ["year"]


def test_the_lists_filters_read_back_as_they_were():
    filters = ProjectFilter(text="SH-01", kind="cleaner_production", year=2017, sort="savings_tce", descending=False)
    params = filter_params(filters)
    assert params["district"] == ""  # every district, said: district staff's list opens on their own
    assert parse_project_filter(params) == filters
