"""One way of showing numbers: the places of each unit (presentation.PLACES), read by pages, charts,
histories and workbooks alike; targets as entered, their column's decimal points aligned
(docs/development.md, Decisions, "One way of showing numbers")."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from registry.domain.presentation import (
    DEFAULT_PLACES, PLACES, aligned_pattern, entered_places, places_of, shown_rounded,
)
from registry.domain.rollup_progress import progress, progress_columns
from registry.domain.targets import METRICS, UNITS
from registry.domain.units import UNITS as LEDGER_UNITS
from registry.services.sheet_formats import entered_format, unit_format
from registry.web.charts import Series

D = Decimal


@pytest.mark.parametrize(("unit", "places"), [
    ("tce", 2), ("10^4 tce", 4), ("kWh", 0), ("10^4 kWh", 2), ("kW", 1), ("万元", 2), ("亿元", 2),
    ("m²", 0), ("亩", 2), ("ha", 2), ("km²", 3), ("亿元/km²", 1), ("%", 1), ("项", 0), ("台", 0), ("家", 0),
])
def test_each_quantity_has_one_number_of_places(unit, places):
    assert places_of(unit) == places


def test_every_unit_a_target_a_ledger_or_a_trace_names_is_in_the_table():
    # a unit left out would fall back to DEFAULT_PLACES on one surface and fail on another (a KeyError
    # in unit_format): every unit the registry shows a figure in is written down once
    assert set(UNITS) <= set(PLACES)
    assert set(LEDGER_UNITS) <= set(PLACES)
    assert {m.unit for m in METRICS.values()} <= set(PLACES)
    assert all(m.places == PLACES[m.unit] for m in METRICS.values())


def test_an_unknown_unit_takes_the_default_places():
    assert places_of("tce/t") == places_of(None) == DEFAULT_PLACES == 2


def test_a_shown_figure_is_rounded_half_up_to_its_unit_s_places():
    assert shown_rounded(D("200.245"), "tce") == D("200.25")  # half up, not half even (200.24)
    assert shown_rounded(D("120"), "万元") == D("120.00")
    assert shown_rounded(D("30.0165"), "亩") == D("30.02")
    assert shown_rounded(D("7101.5"), "kWh") == D("7102")


def test_the_workbook_formats_are_the_table_s_places():
    assert [unit_format(u) for u in ("tce", "万元", "亿元", "亩", "m²", "km²", "%", "kW", "项")] == [
        "#,##0.00", "#,##0.00", "#,##0.00", "#,##0.00", "#,##0", "#,##0.000", "#,##0.0", "#,##0.0", "#,##0"]


@pytest.mark.parametrize(("places", "column", "pattern"), [
    (0, 2, "#,##0_._0_0"),  # 400,000 with room for ".00": its point where 1.25's is
    (1, 2, "#,##0.0_0"),
    (2, 2, "#,##0.00"),
    (2, 0, "#,##0.00"),
    (0, 0, "#,##0"),
])
def test_an_aligned_pattern_keeps_room_for_the_column_s_decimals(places, column, pattern):
    assert aligned_pattern(places, column) == pattern


def test_a_target_is_shown_as_entered():
    assert entered_places([D("400000"), D("1.5"), None, D("68")]) == 1
    assert entered_places([D("400000.00")]) == 0  # a numeric column's trailing zeros are not what was typed
    assert entered_places([]) == 0
    assert entered_format(D("400000"), 1) == "#,##0_._0"
    assert entered_format(D("1.25"), 1) == "#,##0.00"  # never fewer places than it was entered with


def test_a_progress_table_s_columns_keep_the_places_of_their_widest_figure():
    on = date(2013, 6, 30)
    rows = [(progress(METRICS["savings_tce"], D("400000"), None, D("1234.567"), "registry", 2013, on), None),
            (progress(METRICS["energy_intensity_reduction_pct"], D("1"), D("1.5"), None, "reported", 2013, on), D("1.2")),
            (progress(METRICS["projects_total"], D("500"), None, D("12"), "registry", 2013, on), None)]
    columns = progress_columns(rows)
    assert (columns.target, columns.actual, columns.reported) == (1, 2, 1)


def test_a_chart_s_tooltip_shows_a_value_to_its_unit_s_places():
    series = Series("当量值", [D("1234.565")], places=places_of("tce"))
    assert series.tooltip("2013", 1234.565, "吨标准煤", 0) == "2013 · 当量值: 1,234.57 吨标准煤"
    assert Series("项目", [7], places=places_of("项")).tooltip("2013", 7.0, "项", 0) == "2013 · 项目: 7 项"
