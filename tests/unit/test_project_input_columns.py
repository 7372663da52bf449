"""A problem the accounting engine finds in a workbook row's savings input (motors[1].hours_per_year,
energy_use[2].quantity) is named at the column it was read from (project_rows.input_column)."""
from __future__ import annotations

import pytest

from registry.services.imports.project_rows import input_column, project_record
from registry.services.imports.project_sheet import SheetRow
from registry.services.imports.project_template import COMMON, KIND_COLUMNS

COMMON_CELLS = {"reference": "2017-310115-0001", "title": "改造", "year": 2017, "credit_code": "X", "district_code": "310115"}
FILLED = {  # every energy column of a kind filled, each with its own number
    "structural_adjustment": {"electricity_10k_kwh": 11, "raw_coal_t": 12, "natural_gas_10k_m3": 13, "fuel_oil_t": 14},
    "boiler_replacement": {"fuel": "fuel_oil", "fuel_t": 21, "natural_gas_after_10k_m3": 22},
    "technical_retrofit": {"electricity_before_10k_kwh": 31, "electricity_after_10k_kwh": 32},
    "cleaner_production": {"natural_gas_before_10k_m3": 41, "natural_gas_after_10k_m3": 42},
}


def _row(kind: str, cells: dict) -> SheetRow:
    columns = {key: i for i, (key, _header) in enumerate(COMMON + KIND_COLUMNS[kind])}
    values = [None] * len(columns)
    for key, value in (COMMON_CELLS | cells).items():
        values[columns[key]] = value
    return SheetRow("sheet", 2, kind, tuple(values), columns)


@pytest.mark.parametrize("kind", sorted(FILLED))
def test_each_energy_line_is_named_at_the_column_its_quantity_came_from(kind):
    row = _row(kind, FILLED[kind])
    record, problems = project_record([row])
    assert problems == [] and record is not None
    ledgers = [(name, i, line) for name in ("energy_use", "energy_before", "energy_after")
               for i, line in enumerate(record.inputs.get(name, []))]
    assert len(ledgers) == sum(isinstance(v, int) for v in FILLED[kind].values())
    for name, i, line in ledgers:
        index, key = input_column(kind, record.inputs, f"{name}[{i}].quantity")
        assert index == 0 and str(row.get(key)) == line["quantity"], (name, i, key)


def test_a_motor_group_s_field_is_its_row_s_column_and_a_field_no_column_gives_is_none():
    inputs = {"motors": [{}, {}]}
    assert input_column("motor_upgrade", inputs, "motors[1].hours_per_year") == (1, "hours_per_year")
    assert input_column("motor_upgrade", inputs, "year") == (0, "year")
    assert input_column("motor_upgrade", inputs, "notes") is None
    assert input_column("structural_adjustment", {"energy_use": []}, "energy_use") == (0, "electricity_10k_kwh")
