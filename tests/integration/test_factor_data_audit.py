"""Audit 2026-12-05: the factors the registry computes with (the database as migrated, not the unit
tests' literal rows) against GB/T 2589-2008 Table A.1 and DOMAIN.md §4.1, and the stored traces of
measured factors (migration 0018, on the text form 0021 later turned into messages)."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from sqlalchemy import text

from registry.services import projects as svc
from tests.integration.project_data import PUDONG, draft
from tests.integration.test_reference_texts import _migrate
from tests.unit.test_savings_audit_coefficients import CALORIFIC_KCAL, coefficient_from_kcal

pytestmark = pytest.mark.usefixtures("districts")

D = Decimal
UNIT_FIX = "0018_measured_factor_trace_unit"
MESSAGES = "0021_stored_trace_messages"  # after 0018: traces stored as messages, no longer as text


def test_the_seeded_coefficients_are_table_a1_digit_by_digit(session):
    rows = session.execute(text("SELECT energy, unit, value_kgce, value_min, value_max, range_edition, standard, edition, "
                                "valid_from FROM energy_factors")).all()
    seeded = {r.energy: r for r in rows}
    # every energy of the table, from its calorific value in kcal over 7000 kcal per kgce
    expected = {energy: (unit, coefficient_from_kcal(kcal)) for energy, kcal, unit, _ in CALORIFIC_KCAL}
    expected["heat"] = ("MJ", D("0.03412"))  # 1 MJ / 29.307 MJ per kgce = 0.0341215…
    assert {energy: (r.unit, r.value_kgce) for energy, r in seeded.items()} == expected
    assert {(r.standard, r.edition, r.valid_from) for r in rows} == {("GB/T 2589", "2008", datetime.date(2008, 6, 1))}
    ranges = {energy: (r.value_min, r.value_max, r.range_edition) for energy, r in seeded.items() if r.value_min is not None}
    # natural gas 7700–9310 kcal/m³ (the 2020 edition's range), coke-oven gas 4000–4300 kcal/m³ (2008's own)
    assert ranges == {"natural_gas": (D("1.1000"), D("1.3300"), "2020"), "coke_oven_gas": (D("0.5714"), D("0.6143"), None)}


def test_the_seeded_equal_values_are_domain_4_1s_and_only_those_years(session):
    # DOMAIN.md §4.1 (national averages of coal per kWh supplied, marked "verify" there); years in
    # between have none, so their 等价值 results stay empty instead of borrowing a neighbour's.
    values = dict(session.execute(text("SELECT year, value_kgce_per_kwh FROM electricity_equal_values")).all())
    assert values == {2005: D("0.370"), 2010: D("0.333"), 2013: D("0.321"), 2017: D("0.309"), 2020: D("0.3055")}


def _measured_units(session, project_id: int) -> list[tuple[str, str]]:
    trace = session.execute(text("SELECT savings_trace FROM projects WHERE id = :id"), {"id": project_id}).scalar_one()
    rendered = [trace, *trace["translations"].values()]
    return [(i["field"], i["unit"]) for t in rendered for i in t["inputs"] if i["field"].endswith("factor_kgce_per_unit")]


def test_stored_traces_of_measured_factors_get_the_unit_per_m3_both_ways(session):
    gas = {"energy": "natural_gas", "quantity": 100, "unit": "万m³", "factor_kgce_per_unit": "1.25"}
    inputs = {"kind": "technical_retrofit", "year": 2013, "energy_before": [gas], "energy_after": []}
    view = svc.register_project(session, PUDONG, draft(kind="technical_retrofit", inputs=inputs, new_parcels=()))
    field = "energy_before[0].factor_kgce_per_unit"
    _migrate(session, MESSAGES, "downgrade")  # the text form (English + a Chinese copy) that 0018 rewrote
    assert set(_measured_units(session, view.id)) == {(field, "kgce/m3")}
    before = session.execute(text("SELECT savings_tce FROM projects WHERE id = :id"), {"id": view.id}).scalar_one()
    _migrate(session, UNIT_FIX, "downgrade")  # as a project saved before the fix stored it
    assert set(_measured_units(session, view.id)) == {(field, "kgce")}
    _migrate(session, UNIT_FIX)
    assert set(_measured_units(session, view.id)) == {(field, "kgce/m3")}
    _migrate(session, MESSAGES)
    assert session.execute(text("SELECT savings_tce FROM projects WHERE id = :id"), {"id": view.id}).scalar_one() == before
