"""The registry's day is Shanghai's. The UX audit ran at 06:10 on 5 December in Shanghai (22:10 UTC on
the 4th) and found the UTC date stamped on completions, freed land and plans: at 06:10 on 1 January a
completion was credited to the previous year. Here the clock stands at that moment of New Year's Day."""
from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from registry import clock
from registry.catalogues import translator
from registry.db import make_engine, make_reader_engine
from registry.domain.errors import ValidationError
from registry.domain.permissions import Actor
from registry.domain.rollups import RollupQuery
from registry.services import projects as svc
from registry.services import redevelopment, rollups
from registry.services.rollup_reports import rollup_csv, rollup_json
from registry.services.rollup_xlsx import rollup_xlsx
from tests.integration import rollup_data
from tests.integration.project_data import PLANNER, PUDONG, REVIEWER, draft

NEW_YEAR_0610 = datetime(2026, 12, 31, 22, 10, tzinfo=timezone.utc)  # 2027-01-01 06:10 in Shanghai
ADMIN = Actor(None, "admin", "admin")
CLOSURE = {"kind": "structural_adjustment", "year": 2027, "baseline_year": 2026,
           "energy_use": [{"energy": "raw_coal", "quantity": "900", "unit": "t"}]}


def test_the_clock_gives_the_shanghai_day_and_time():
    with clock.frozen_at(NEW_YEAR_0610):
        assert clock.today() == date(2027, 1, 1)
        assert clock.now().isoformat() == "2027-01-01T06:10:00+08:00"
    assert clock.local(datetime(2026, 12, 4, 22, 13, 7)) == datetime(2026, 12, 5, 6, 13, 7, tzinfo=clock.ZONE)


def test_a_closure_completed_and_verified_at_0610_on_new_years_day_counts_in_the_new_year(session, districts):
    view = svc.register_project(session, PUDONG, draft(kind="structural_adjustment", year=2027, inputs=CLOSURE),
                                submit=True)
    parcel_id = view.parcels[0].id
    with clock.frozen_at(NEW_YEAR_0610):
        svc.transition(session, REVIEWER, view.id, "approve")
        svc.transition(session, PUDONG, view.id, "complete")
        view = svc.transition(session, REVIEWER, view.id, "verify")
        plan = redevelopment.plan_redevelopment(session, PLANNER, parcel_id, {"new_use": "B2"})  # planned_on: today
    new_year = date(2027, 1, 1)
    assert (view.completed_on, view.verified_on) == (new_year, new_year)
    freed_on = session.execute(text("SELECT freed_on FROM parcels WHERE id = :i"), {"i": parcel_id}).scalar_one()
    assert freed_on == new_year  # the trigger takes the completion date
    assert plan.redevelopment.planned_on == new_year
    for rule in ("verified", "completed"):
        assert rollups.rollup(session, RollupQuery(2027, rule)).totals.project_count == 1
        assert rollups.rollup(session, RollupQuery(2026, rule)).totals.project_count == 0


def test_a_year_can_be_closed_from_midnight_shanghai_time(session):
    rollup_data.load(session)
    with clock.frozen_at(datetime(2013, 12, 31, 15, 59, tzinfo=timezone.utc)):  # 23:59 on 31 December
        with pytest.raises(ValidationError):
            rollups.close_year(session, ADMIN, 2013, "verified")
    with clock.frozen_at(datetime(2013, 12, 31, 16, 0, tzinfo=timezone.utc)):  # 00:00 on 1 January 2014
        assert rollups.close_year(session, ADMIN, 2013, "verified").year == 2013


def test_the_registrys_connections_count_days_in_shanghai(database_url):
    """The database's own TimeZone here is UTC: the sessions the app, the CLI and the importer open
    (``make_engine``, the driver reader's pool) set Shanghai's, so ``CURRENT_DATE`` in defaults
    (parcels.valid_from) and ``::date`` give the registry's day."""
    new_year = "SELECT CAST(TIMESTAMPTZ '2026-12-31 22:10:00+00' AS date)"
    for engine in (make_engine(database_url), make_reader_engine(database_url)):
        try:
            with engine.connect() as conn:
                assert conn.scalar(text("SHOW TimeZone")) == "Asia/Shanghai"
                assert conn.scalar(text(new_year)) == date(2027, 1, 1)
                shanghai_today = conn.scalar(text("SELECT (transaction_timestamp() AT TIME ZONE 'Asia/Shanghai')::date"))
                assert conn.scalar(text("SELECT CURRENT_DATE")) == shanghai_today
        finally:
            engine.dispose()


def test_a_parcel_inserted_with_the_default_valid_from_gets_the_shanghai_day(session):
    valid_from, shanghai_today = session.execute(text(
        "INSERT INTO parcels (code, land_use_class, geom) VALUES ('TZ-1', 'M2', "
        "ST_Multi(ST_MakeEnvelope(121.60, 31.20, 121.601, 31.201, 4326))) "
        "RETURNING valid_from, (transaction_timestamp() AT TIME ZONE 'Asia/Shanghai')::date")).one()
    assert valid_from == shanghai_today


def test_report_timestamps_are_shanghai_time_whatever_the_sessions_zone(session):
    rollup_data.load(session)
    rollups.close_year(session, ADMIN, 2013, "verified", today=date(2014, 1, 1))
    session.execute(text("SET LOCAL TIME ZONE 'UTC'"))  # as a database left at UTC would hand them back
    frozen = rollups.frozen_rollup(session, 2013, "verified")
    closed_at = frozen.frozen.closed_at
    assert closed_at.utcoffset() == timedelta(0)
    about = load_workbook(io.BytesIO(rollup_xlsx(frozen, translator("zh_Hans_CN"), date(2014, 2, 1))))["说明"]
    values = {row[0].value: row[1] for row in about.iter_rows()}
    cell = values["结账时间（北京时间）"]
    assert cell.value == (closed_at + timedelta(hours=8)).replace(tzinfo=None, microsecond=0)
    assert cell.number_format == "yyyy-mm-dd hh:mm:ss"
    as_of = datetime(2013, 12, 31, 22, 13, 7, 57008, tzinfo=timezone.utc)
    live = rollups.rollup(session, RollupQuery(2013, as_of=as_of))
    assert rollup_csv(live, translator("en")).decode("utf-8-sig").splitlines()[1].startswith(
        "2013,verified,2014-01-01T06:13:07+08:00,")
    assert rollup_json(live, translator("en"), date(2014, 2, 1))["as_of"] == "2014-01-01T06:13:07.057008+08:00"
