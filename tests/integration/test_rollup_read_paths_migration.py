"""Migration 0039 on a real database: the live cells take the money of the open states and the
triggers keep it; a closed year's frozen cells come from its snapshot when its checksum holds (an
altered snapshot gets none, and its year's report is still refused); the way down restores 0036's
triggers, which keep no money in the cells."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, inspect, pool, text
from sqlalchemy.orm import Session

from registry import migrations
from registry.domain.errors import Conflict
from registry.domain.rollups import SHANGHAI, Cell, Figures, RollupQuery
from registry.repositories import rollups as repository
from registry.services import rollups
from registry.services.rollup_data import Rollup, sha256_of, snapshot_of
from tests.integration import rollup_data

BEFORE, AFTER = "0038", "0039"
D = Decimal
MONEY = """
    SELECT date_kind, year, district_code, kind, status, subsidy_approved_wan_yuan, subsidy_requested_wan_yuan
    FROM rollup_cells WHERE subsidy_approved_wan_yuan <> 0 OR subsidy_requested_wan_yuan <> 0 ORDER BY 1, 2, 3, 4, 5
"""
PROJECTS_MONEY = """
    SELECT d.date_kind, extract(year FROM d.day)::int, district_code, kind, status,
           sum(coalesce(subsidy_approved_wan_yuan, 0)), sum(coalesce(subsidy_requested_wan_yuan, 0))
    FROM projects CROSS JOIN LATERAL (VALUES ('completed', completed_on), ('verified', verified_on)) d(date_kind, day)
    WHERE d.day IS NOT NULL AND (subsidy_approved_wan_yuan <> 0 OR subsidy_requested_wan_yuan <> 0)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
"""
FROZEN = (Cell("310112", "motor_upgrade", "verified", Figures(2, 1, D("15"), D("25"), D("600"), D("100"), D("50"))),
          Cell("310115", "structural_adjustment", "verified", Figures(1, 0, D("1000.5"), D("1500"))))


@pytest.fixture(scope="module")
def url(fresh_database_url):
    return fresh_database_url("registry_test_rollup_read_paths_migration")


def _close(session, rule: str, altered: bool) -> None:
    """A closing as close_year before 0039 stored it: the snapshot and its sha256 (of other bytes when ``altered``)."""
    as_of = datetime(2014, 2, 1, tzinfo=SHANGHAI)
    snapshot = snapshot_of(Rollup(2013, rule, as_of, None, dict(rollup_data.DISTRICTS), FROZEN, (), (), subsidies=()))
    session.execute(text("INSERT INTO rollup_closures (year, rule, as_of, snapshot, sha256) "
                         "VALUES (2013, :rule, :as_of, :snapshot, :sha256)"),
                    {"rule": rule, "as_of": as_of, "snapshot": snapshot,
                     "sha256": sha256_of(snapshot + " " if altered else snapshot)})


def test_cells_take_their_money_closures_their_frozen_cells_and_down_restores_the_triggers(url):
    migrations.upgrade(url, BEFORE)
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with Session(engine) as session:
            ids = rollup_data.load(session)
            session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 100.5, subsidy_requested_wan_yuan = 120 "
                                 "WHERE id = :id"), {"id": ids["P1"]})
            session.execute(text("UPDATE projects SET subsidy_requested_wan_yuan = 6 WHERE id = :id"), {"id": ids["P6"]})
            _close(session, "verified", altered=False)
            _close(session, "completed", altered=True)
            session.commit()

        migrations.upgrade(url, AFTER)
        with Session(engine) as session:
            money = session.execute(text(MONEY)).all()
            assert len(money) == 3 and money == session.execute(text(PROJECTS_MONEY)).all()
            session.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 150 WHERE id = :id"), {"id": ids["P1"]})
            assert session.execute(text(MONEY)).all() == session.execute(text(PROJECTS_MONEY)).all()
            assert rollups.rollup(session, RollupQuery(2013)).subsidy_totals.subsidy_approved_wan_yuan == 150

            kept = repository.find_closure(session, 2013, "verified", with_snapshot=False)
            altered = repository.find_closure(session, 2013, "completed", with_snapshot=False)
            assert repository.frozen_cells(session, kept.id) == list(FROZEN)
            assert repository.frozen_cells(session, altered.id) == []
            # against the frozen cells: the motor upgrades as frozen, 1,000.5 tce frozen for 1,000, three added
            adjusted = {(a.district_code, a.kind) for a in rollups.rollup(session, RollupQuery(2013)).adjustments}
            assert adjusted == {("310115", "structural_adjustment"), ("310112", "cleaner_production"),
                                ("310112", "contract_energy_management"), ("310115", "technical_retrofit")}
            with pytest.raises(Conflict):
                rollups.rollup(session, RollupQuery(2013, "completed"))
            session.rollback()

        migrations.downgrade(url, BEFORE)
        columns = {c["name"] for c in inspect(engine).get_columns("rollup_cells")}
        assert not {"subsidy_approved_wan_yuan", "subsidy_requested_wan_yuan"} & columns
        assert not {"rollup_checkpoints", "rollup_checkpoint_cells", "rollup_closure_cells"} & set(
            inspect(engine).get_table_names())
        with engine.begin() as conn:  # 0036's triggers write no money into the cells (it has no column)
            conn.execute(text("UPDATE projects SET subsidy_approved_wan_yuan = 160, savings_tce = 1100 WHERE id = :id"),
                         {"id": ids["P1"]})
            assert conn.execute(text("SELECT savings_tce FROM rollup_cells WHERE date_kind = 'verified' AND year = 2013 "
                                     "AND kind = 'structural_adjustment'")).scalar_one() == 1100
    finally:
        engine.dispose()
