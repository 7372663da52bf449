"""Every unit a target or a workbook column names has its workbook number format."""
from __future__ import annotations

from registry.domain.targets import METRICS, UNITS
from registry.services.sheet_formats import unit_format


def test_every_unit_of_the_targets_has_one_workbook_format():
    # the summary sheet formats each line by its metric's unit: a unit without one was a KeyError
    assert {unit: unit_format(unit) for unit in UNITS}["kW"] == "#,##0.0"
    assert {m.unit for m in METRICS.values()} <= set(UNITS)


def test_a_unit_s_format_groups_thousands_with_its_places():
    assert [unit_format(u) for u in ("tce", "万元", "亩", "m²", "%")] == ["#,##0.00", "#,##0.00", "#,##0.00", "#,##0", "#,##0.0"]
