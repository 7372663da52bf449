"""Choropleth classes: five equal intervals in a round step, the last reaching the maximum; or quantiles."""
from __future__ import annotations

import pytest

from geo.choropleth import BLUES, NO_DATA, class_breaks, colour_of, legend_rows, quantile_classes, quantile_legend_rows


@pytest.mark.parametrize("maximum, expected", [
    (9_912.9, [2_000, 4_000, 6_000, 8_000, 10_000]),  # was 1,983 – 3,965 – …
    (10_000, [2_000, 4_000, 6_000, 8_000, 10_000]),
    (11_000, [2_500, 5_000, 7_500, 10_000, 12_500]),
    (45_748.2, [10_000, 20_000, 30_000, 40_000, 50_000]),
    (68.0, [20, 40, 60, 80, 100]),
    (0.243, [0.05, 0.1, 0.15, 0.2, 0.25]),
    (0, [0.2, 0.4, 0.6, 0.8, 1.0]),
])
def test_class_breaks_are_round(maximum, expected):
    assert class_breaks(maximum) == pytest.approx(expected)


def test_colours_follow_the_classes():
    breaks = class_breaks(9_912.9)
    assert [colour_of(v, breaks) for v in (0, 2_000, 2_000.1, 9_912.9)] == [BLUES[0], BLUES[0], BLUES[1], BLUES[4]]
    assert colour_of(None, breaks) == NO_DATA


@pytest.mark.parametrize("maximum, labels", [
    (9_912.9, ["0 – 2,000", "2,000 – 4,000", "4,000 – 6,000", "6,000 – 8,000", "8,000 – 10,000"]),
    (11_000, ["0 – 2,500", "2,500 – 5,000", "5,000 – 7,500", "7,500 – 10,000", "10,000 – 12,500"]),
    (4.2, ["0 – 1", "1 – 2", "2 – 3", "3 – 4", "4 – 5"]),
    (0.9, ["0.0 – 0.2", "0.2 – 0.4", "0.4 – 0.6", "0.6 – 0.8", "0.8 – 1.0"]),  # was 0 – 0, 0 – 0, 0 – 1 …
    (11.0, ["0.0 – 2.5", "2.5 – 5.0", "5.0 – 7.5", "7.5 – 10.0", "10.0 – 12.5"]),
    (0.243, ["0.00 – 0.05", "0.05 – 0.10", "0.10 – 0.15", "0.15 – 0.20", "0.20 – 0.25"]),
])
def test_legend_labels_carry_the_decimals_of_the_step(maximum, labels):
    rows = legend_rows(class_breaks(maximum), maximum)
    assert [text for _, text in rows] == labels and [c for c, _ in rows] == list(BLUES)


def test_a_map_of_zeros_has_one_class():
    assert legend_rows(class_breaks(0), 0) == [(BLUES[0], "0")]


# Land output by zone (demo, 2017): 484 zones from 6.8 to 398.7 亿元/km², two of them above 300. Equal
# steps from 0 (0 – 100 – 200 …) put 480 of them in the first class: the map was one pale colour.

def test_quantile_classes_hold_as_many_values_each():
    values = [6.8, 7.7, 12.0, 20.5, 33.3, 41.0, 52.2, 60.1, 337.1, 398.7]
    assert quantile_classes(values) == [(6.8, 7.7), (12.0, 20.5), (33.3, 41.0), (52.2, 60.1), (337.1, 398.7)]


def test_quantile_classes_keep_ties_together_and_shrink_for_few_values():
    assert quantile_classes([5.0, 5.0, 5.0, 9.0]) == [(5.0, 5.0), (9.0, 9.0)]
    assert quantile_classes([60.0, 90.0, 350.0]) == [(60.0, 60.0), (90.0, 90.0), (350.0, 350.0)]
    assert quantile_classes([]) == []


def test_quantile_colours_span_the_scale():
    values = [float(v) for v in range(1, 99)] + [337.1, 398.7]
    classes = quantile_classes(values)
    bounds = [high for _, high in classes]
    rows = quantile_legend_rows(classes)
    assert [c for c, _ in rows] == list(BLUES)
    assert colour_of(1.0, bounds, [c for c, _ in rows]) == BLUES[0]
    assert colour_of(50.0, bounds, [c for c, _ in rows]) == BLUES[2]
    assert colour_of(398.7, bounds, [c for c, _ in rows]) == BLUES[4]
    # three classes: the lightest, the middle and the darkest blue, not the three lightest
    assert [c for c, _ in quantile_legend_rows([(1.0, 1.0), (2.0, 2.0), (3.0, 3.0)])] == [BLUES[0], BLUES[2], BLUES[4]]


def test_quantile_legend_reads_each_class_from_its_lowest_to_its_highest_value():
    rows = quantile_legend_rows([(6.84, 38.6), (39.0, 39.0), (1_040.0, 1_398.66)])
    assert [text for _, text in rows] == ["6.8 – 38.6", "39.0", "1,040.0 – 1,398.7"]
