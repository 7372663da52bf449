"""Migration 0036 on a real database: every state history held before takes the amounts its project
carries (the open one is that state; the closed ones had no money recorded, and read as the as-of
rollup read them before), a change of an amount alone then opens a new state, and the way down
restores 0006's triggers, which keep no money."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import create_engine, inspect, pool, text
from sqlalchemy.orm import Session

from registry import migrations
from tests.integration import rollup_data

BEFORE, AFTER = "0035", "0036"
STATES = ("SELECT savings_tce, subsidy_requested_wan_yuan, subsidy_approved_wan_yuan, valid_to IS NULL "
          "FROM project_history WHERE project_id = :id ORDER BY id")


@pytest.fixture(scope="module")
def url(fresh_database_url):
    return fresh_database_url("registry_test_subsidy_history_migration")


def _write(engine, sql: str, **params) -> None:
    with engine.begin() as conn:
        conn.execute(text(sql), params)


def _states(engine, project_id: int) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(STATES), {"id": project_id})]


def test_history_takes_todays_amounts_then_records_each_change_and_down_forgets_them(url):
    migrations.upgrade(url, BEFORE)
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with Session(engine) as session:
            p1 = rollup_data.load(session)["P1"]
            session.commit()
        _write(engine, "UPDATE projects SET savings_tce = 1100 WHERE id = :id", id=p1)  # a second state
        _write(engine, "UPDATE projects SET subsidy_requested_wan_yuan = 120, subsidy_approved_wan_yuan = 100 "
                       "WHERE id = :id", id=p1)  # no state of its own before 0036

        migrations.upgrade(url, AFTER)
        money = (Decimal(120), Decimal(100))
        assert _states(engine, p1) == [(Decimal(1000), *money, False), (Decimal(1100), *money, True)]
        _write(engine, "UPDATE projects SET subsidy_approved_wan_yuan = 150 WHERE id = :id", id=p1)
        assert _states(engine, p1)[1:] == [(Decimal(1100), *money, False),
                                           (Decimal(1100), Decimal(120), Decimal(150), True)]

        migrations.downgrade(url, BEFORE)
        columns = {c["name"] for c in inspect(engine).get_columns("project_history")}
        assert not {"subsidy_requested_wan_yuan", "subsidy_approved_wan_yuan"} & columns
        _write(engine, "UPDATE projects SET subsidy_approved_wan_yuan = 160 WHERE id = :id", id=p1)
        _write(engine, "UPDATE projects SET savings_tce = 1200 WHERE id = :id", id=p1)
        with engine.connect() as conn:
            assert list(conn.execute(text("SELECT savings_tce FROM project_history WHERE project_id = :id "
                                          "ORDER BY id"), {"id": p1}).scalars()) == [1000, 1100, 1100, 1200]
    finally:
        engine.dispose()
