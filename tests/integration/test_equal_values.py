"""Recording a year's electricity equal value (等价值): the year's projects are recomputed by the
accounting engine in the same transaction, each change in the project's history; all or nothing."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from registry.domain.errors import PermissionDenied, ValidationError
from registry.domain.permissions import Actor
from registry.models import AuditEntry, ElectricityEqualValue, Project
from registry.services import projects as svc
from registry.services import reference_data, savings
from tests.integration.project_data import EXIT_INPUTS, MOTORS, PUDONG, draft

pytestmark = pytest.mark.usefixtures("districts")

ADMIN = Actor(None, "admin", "admin")
MOTORS_2015 = MOTORS | {"year": 2015}
SOURCE = "国家统计局，2015年全国6000千瓦及以上电厂供电标准煤耗"


def _motor_project_of_2015(session) -> Project:
    view = svc.register_project(session, PUDONG, draft(year=2015, inputs=MOTORS_2015))
    return session.get(Project, view.id)


def test_recording_a_missing_year_fills_the_empty_basis_of_its_projects(session):
    motor = _motor_project_of_2015(session)
    coal_exit = session.get(Project, svc.register_project(session, PUDONG, draft(
        kind="structural_adjustment", year=2015, structural_mode="shutdown",
        inputs=EXIT_INPUTS | {"year": 2015, "baseline_year": 2014}, new_parcels=())).id)
    other_year = session.get(Project, svc.register_project(session, PUDONG, draft(new_parcels=())).id)  # 2013
    assert motor.savings_tce_equal_value is None  # 2015 has no 等价值 yet
    untouched = (other_year.savings_tce_equal_value, other_year.version)

    recorded = reference_data.record_equal_value(session, ADMIN, 2015, "0.315", SOURCE, "NBS, 2015 average",
                                                 reason="published 2016")
    assert (recorded.year, recorded.value_kgce_per_kwh, recorded.previous) == (2015, Decimal("0.315"), None)
    assert (recorded.projects, recorded.changed) == (2, 1)  # the exit burns coal only: nothing to change
    session.refresh(motor)
    expected = savings.compute(session, MOTORS_2015)
    assert motor.savings_tce_equal_value == expected.savings_tce_equal_value
    # ΔkWh 7,101.73 × 0.315 kgce/kWh ÷ 1,000 (DOMAIN.md §4.3 with 2015's value)
    assert round(motor.savings_tce_equal_value, 2) == Decimal("2.24")
    assert motor.savings_tce == expected.savings_tce  # the 当量值 basis never depends on the year's 等价值
    session.refresh(other_year)
    assert (other_year.savings_tce_equal_value, other_year.version) == untouched  # another year: not touched
    entries = session.execute(select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.action, AuditEntry.note)
                              .where(AuditEntry.action.in_(("create", "recompute")),
                                     AuditEntry.entity.in_(("equal_value", "project")))
                              .where(AuditEntry.entity_id.in_(("2015", str(motor.id), str(coal_exit.id))))
                              .order_by(AuditEntry.id)).all()
    assert [tuple(e) for e in entries][-2:] == [("equal_value", "2015", "create", "published 2016"),
                                                ("project", str(motor.id), "recompute", None)]


def test_correcting_a_value_recomputes_and_records_before_and_after(session):
    motor = _motor_project_of_2015(session)
    reference_data.record_equal_value(session, ADMIN, 2015, "0.315", SOURCE)
    first = motor.savings_tce_equal_value
    corrected = reference_data.record_equal_value(session, ADMIN, 2015, "0.318", SOURCE, reason="revised figure")
    assert corrected.previous == Decimal("0.315") and corrected.changed == 1
    session.refresh(motor)
    assert motor.savings_tce_equal_value > first
    change = session.scalars(select(AuditEntry).where(AuditEntry.entity == "project", AuditEntry.action == "recompute",
                                                      AuditEntry.entity_id == str(motor.id))
                             .order_by(AuditEntry.id.desc())).first()
    assert Decimal(change.changes["savings_tce_equal_value"][0]) == first
    assert session.get(ElectricityEqualValue, 2015).value_kgce_per_kwh == Decimal("0.318")


@pytest.mark.parametrize(("year", "value", "source", "field"), [
    (2015, "315", SOURCE, "value_kgce_per_kwh"),  # gce/kWh typed as kgce/kWh
    (2015, "0.1", SOURCE, "value_kgce_per_kwh"),
    (2015, "abc", SOURCE, "value_kgce_per_kwh"),
    (1800, "0.315", SOURCE, "year"),
    (2015, "0.315", "  ", "source"),
])
def test_a_refused_value_changes_nothing(session, year, value, source, field):
    motor = _motor_project_of_2015(session)
    with pytest.raises(ValidationError) as refused:
        reference_data.record_equal_value(session, ADMIN, year, value, source)
    assert [e.field for e in refused.value.field_errors] == [field]
    assert session.get(ElectricityEqualValue, 2015) is None
    session.refresh(motor)
    assert motor.savings_tce_equal_value is None


def test_only_an_administrator_records_reference_data(session):
    with pytest.raises(PermissionDenied):
        reference_data.record_equal_value(session, PUDONG, 2015, "0.315", SOURCE)
    assert session.get(ElectricityEqualValue, 2015) is None


def test_a_closed_year_keeps_its_frozen_report_and_lists_the_recomputation_as_an_adjustment(session):
    from sqlalchemy import text

    from registry.domain.rollups import RollupQuery
    from registry.services import rollups

    motor = _motor_project_of_2015(session)
    session.execute(text("UPDATE projects SET status = 'verified', completed_on = '2015-06-01', "
                         "verified_on = '2015-09-01' WHERE id = :id"), {"id": motor.id})
    rollups.close_year(session, ADMIN, 2015, "verified", note="year-end report")
    frozen = rollups.frozen_rollup(session, 2015, "verified").totals
    assert (frozen.project_count, frozen.equal_value_missing, frozen.savings_tce_equal_value) == (1, 1, 0)

    reference_data.record_equal_value(session, ADMIN, 2015, "0.315", SOURCE)
    assert rollups.frozen_rollup(session, 2015, "verified").totals == frozen  # the report as it was closed
    live = rollups.rollup(session, RollupQuery(2015))
    [adjustment] = live.adjustments
    assert adjustment.delta.equal_value_missing == -1 and round(adjustment.delta.savings_tce_equal_value, 2) == Decimal("2.24")
    assert adjustment.delta.savings_tce == 0 and adjustment.delta.project_count == 0


def test_a_value_is_replaced_only_when_the_caller_names_the_one_it_replaces(session):
    """The page says which value it replaces (None: a year without one); the CLI replaces any."""
    motor = _motor_project_of_2015(session)
    reference_data.record_equal_value(session, ADMIN, 2015, "0.315", SOURCE, replaces=None)
    with pytest.raises(reference_data.EqualValueHeld) as held:
        reference_data.record_equal_value(session, ADMIN, 2015, "0.316", SOURCE, replaces=None)
    assert held.value.held == Decimal("0.315") and held.value.message.params["year"] == 2015
    with pytest.raises(reference_data.EqualValueHeld):
        reference_data.record_equal_value(session, ADMIN, 2015, "0.316", SOURCE, replaces=Decimal("0.3"))
    assert session.get(ElectricityEqualValue, 2015).value_kgce_per_kwh == Decimal("0.315")
    before = motor.savings_tce_equal_value
    assert reference_data.record_equal_value(session, ADMIN, 2015, "0.316", SOURCE, replaces=Decimal("0.3150")).changed
    assert motor.savings_tce_equal_value != before
    assert reference_data.record_equal_value(session, ADMIN, 2015, "0.317", SOURCE).previous == Decimal("0.316")
