"""As of a moment, the rollup reads the cells from an anchor — the live cells, a checkpoint stored at
another moment, or none — plus the history rows opened and closed between (migration 0039,
``repositories/rollup_cells.py``). Whichever anchor, the figures and money are exactly those of
``AGGREGATED``, the reading of every state valid then that the as-of rollup made before: after
edits, a verification, a change of money, a deletion, a year's closing and a project added."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from registry.domain.permissions import Actor
from registry.domain.rollups import RULE_DATES, RollupQuery
from registry.repositories import rollup_cells
from registry.repositories import rollups as repository
from registry.repositories.rollup_cells import Anchor, Selection
from registry.services import rollups
from tests.integration import rollup_data

ADMIN = Actor(None, "admin", "admin")
MEASURES = ("savings_tce", "savings_tce_equal_value", "installed_kw", "remanufactured_kw", "investment_wan_yuan",
            "freed_land_m2", "output_value_wan_yuan", "subsidy_approved_wan_yuan", "subsidy_requested_wan_yuan")
AGGREGATED = """
    SELECT extract(year FROM {day})::int, district_code, kind, status, count(*),
           count(*) FILTER (WHERE savings_tce_equal_value IS NULL), {sums}
    FROM project_history WHERE valid_from <= :as_of AND (valid_to IS NULL OR valid_to > :as_of)
      AND status = ANY(:statuses) AND {day} IS NOT NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
"""


def aggregated(session, rule: str, moment) -> list[tuple]:
    date_kind, statuses = RULE_DATES[rule]
    sql = AGGREGATED.format(day=f"{date_kind}_on", sums=", ".join(f"coalesce(sum({m}), 0)" for m in MEASURES))
    return [tuple(r) for r in session.execute(text(sql), {"as_of": moment, "statuses": list(statuses)})]


def _rows(counted) -> list[tuple]:
    return [(c.year, *c.cell.key, c.cell.figures.project_count, c.cell.figures.equal_value_missing,
             *(getattr(c.cell.figures, m) for m in MEASURES[:7]), c.money.subsidies.subsidy_approved_wan_yuan,
             c.money.subsidies.subsidy_requested_wan_yuan) for c in counted]


def read(session, anchor: Anchor, rule: str, moment) -> list[tuple]:
    return _rows(rollup_cells.cells_at(session, anchor, moment, Selection(rule)))


@pytest.fixture
def moments(session):
    """The moments between the writes of a registry's life, the first before any state."""
    ids = rollup_data.load(session)
    now = lambda: repository.database_now(session)  # noqa: E731
    seen = [now() - timedelta(days=1), now()]

    def write(sql: str, **params) -> None:
        session.execute(text(sql), params)
        seen.append(now())

    write("UPDATE projects SET savings_tce = 250, subsidy_requested_wan_yuan = 80 WHERE id = :id", id=ids["P2"])
    write("UPDATE projects SET status = 'verified', verified_on = '2013-12-28' WHERE id = :id", id=ids["P6"])
    write("UPDATE projects SET subsidy_approved_wan_yuan = 30.125, subsidy_requested_wan_yuan = 30 WHERE id = :id",
          id=ids["P3"])
    write("DELETE FROM projects WHERE id = :id", id=ids["P5"])
    rollups.close_year(session, ADMIN, 2013, "verified")
    seen.append(now())
    write("UPDATE projects SET savings_tce = 1200, savings_tce_equal_value = NULL WHERE id = :id", id=ids["P1"])
    write("""INSERT INTO projects (reference, kind, year, status, title, enterprise_id, district_code, inputs,
                 savings_tce, completed_on, verified_on, subsidy_approved_wan_yuan)
             SELECT 'P11', 'technical_retrofit', 2013, 'verified', '项目 P11', min(id), '310112', '{}', 42.5,
                    '2013-11-01', '2013-11-20', 12 FROM enterprises""")
    return seen


@pytest.mark.parametrize("rule", ["verified", "completed"])
def test_every_anchor_gives_the_aggregated_figures_at_every_moment(session, moments, rule):
    # one checkpoint stored from no anchor, one from the live cells; what storing read is the cells
    for moment, anchor in ((moments[2], Anchor("none")), (moments[5], Anchor("live"))):
        assert _rows(rollup_cells.store_checkpoint(session, anchor, rule, moment)) == aggregated(session, rule, moment)
    anchors = [Anchor("none"), Anchor("live"), Anchor("checkpoint", moments[2]), Anchor("checkpoint", moments[5])]
    for moment in (*moments, moments[-1] + timedelta(days=365)):
        expected = aggregated(session, rule, moment)
        for anchor in anchors:
            assert read(session, anchor, rule, moment) == expected, (anchor, moments.index(moment))
    assert aggregated(session, rule, moments[2]) != aggregated(session, rule, moments[-1])  # the moments differ


def test_a_checkpoint_stored_twice_is_stored_once_and_for_its_rule_alone(session, moments):
    first = rollup_cells.store_checkpoint(session, Anchor("live"), "verified", moments[3])
    assert rollup_cells.store_checkpoint(session, Anchor("none"), "verified", moments[3]) == first  # not again
    stored = session.execute(text("SELECT rule, count(*) FROM rollup_checkpoint_cells WHERE moment = :m "
                                  "GROUP BY rule"), {"m": moments[3]}).all()
    assert stored == [("verified", len(aggregated(session, "verified", moments[3])))]
    assert rollup_cells.nearest_anchor(session, "completed", moments[3]).kind != "checkpoint"
    # before the first state: a moment with no cell is stored too, and read as such
    assert rollup_cells.store_checkpoint(session, Anchor("live"), "verified", moments[0]) == []
    assert rollup_cells.nearest_anchor(session, "verified", moments[0]) == Anchor("checkpoint", moments[0], 0)
    assert read(session, Anchor("checkpoint", moments[0]), "verified", moments[0]) == []


def test_the_nearest_anchor_has_the_fewest_history_rows_between(session, moments, monkeypatch):
    monkeypatch.setattr(rollup_cells, "NEAR", 0)  # every anchor counted, however near one is
    before_any, after_all = moments[0], moments[-1] + timedelta(days=1)
    nearest = lambda moment: rollup_cells.nearest_anchor(session, "verified", moment)  # noqa: E731
    assert nearest(before_any) == Anchor("none", None, 0)
    assert nearest(after_all) == Anchor("live", None, 0)
    rollup_cells.store_checkpoint(session, Anchor("live"), "verified", moments[2])
    rollup_cells.store_checkpoint(session, Anchor("live"), "verified", moments[5])
    assert nearest(moments[5]) == Anchor("checkpoint", moments[5], 0)
    # from moments[2] to [3] the verification of P6 closed a state and opened one (2 rows); from [3]
    # to [5] a change of money (2) and a deletion (1); from [4] to [5] the deletion alone
    assert nearest(moments[3]) == Anchor("checkpoint", moments[2], 2)
    assert nearest(moments[4]) == Anchor("checkpoint", moments[5], 1)


def test_a_moment_is_settled_when_past_and_no_transaction_open_began_before_it(session, engine, moments):
    assert rollup_cells.is_settled(session, moments[1])  # this test's own transaction does not count
    assert not rollup_cells.is_settled(session, moments[-1] + timedelta(minutes=1))  # not past yet
    with engine.connect() as other:
        with other.begin():
            other.execute(text("SELECT 1"))
            begun = repository.database_now(session)
            assert not rollup_cells.is_settled(session, begun)
            assert rollup_cells.is_settled(session, moments[-1])  # before the other one began
        assert rollup_cells.is_settled(session, begun)  # it has ended


def test_the_dashboard_stores_a_settled_moment_far_from_every_anchor_once(session, engine, moments, monkeypatch):
    monkeypatch.setattr(rollups, "CHECKPOINT_AFTER", 2)
    stored = text("SELECT moment FROM rollup_checkpoints ORDER BY moment")
    with engine.connect() as other, other.begin():
        other.execute(text("SELECT 1"))  # open since before the moment: it is not settled yet
        moment = repository.database_now(session)
        session.execute(text("UPDATE projects SET savings_tce = 99 WHERE reference = 'P4'"))  # 2 rows after it
        query = RollupQuery(2013, as_of=moment)
        report, trend = rollups.dashboard(session, query)
        assert session.execute(stored).all() == []
        assert report == rollups.rollup(session, query) and trend == rollups.trend(session, query)
    for _ in range(2):
        report, trend = rollups.dashboard(session, query)
        assert list(session.scalars(stored)) == [moment]
        assert report == rollups.rollup(session, query) and trend == rollups.trend(session, query)
    assert rollup_cells.nearest_anchor(session, "verified", moment) == Anchor("checkpoint", moment, 0)
    # P1 corrected to 1,200, P2 to 250, P6 verified, P11 added; P4's 99 came after the moment
    assert report.totals.savings_tce == Decimal("2057.5") and trend[2013] == report.totals
    assert rollups.rollup(session, RollupQuery(2013)).totals.savings_tce == Decimal("2146.5")


def test_a_closed_year_keeps_its_frozen_cells_beside_its_snapshot(session, moments):
    closure = repository.find_closure(session, 2013, "verified", with_snapshot=False)
    assert closure.snapshot is None
    frozen = rollups.frozen_rollup(session, 2013, "verified")
    assert repository.frozen_cells(session, closure.id) == list(frozen.cells)
    assert rollups.rollup(session, RollupQuery(2013)).adjustments  # P1 corrected and P11 added since
    with pytest.raises(Exception, match="append-only"):
        with session.begin_nested():
            session.execute(text("UPDATE rollup_closure_cells SET project_count = 0"))


def test_the_live_cells_hold_the_money_of_the_open_states(session, moments):
    for rule in ("verified", "completed"):
        live = _rows(rollup_cells.live_cells(session, Selection(rule)))
        assert live == aggregated(session, rule, moments[-1] + timedelta(days=1))


def test_the_trend_as_of_a_moment_keeps_every_digit_of_a_computed_figure(session, moments):
    # a computed savings figure may carry 40 digits (the demo's do); the trend summed in Python at
    # the default 28 digits lost the last ones, where the database's sum (the live trend) keeps them
    session.execute(text("UPDATE projects SET savings_tce = 1234567.0304493617021276595744680851064 "
                         "WHERE reference = 'P4'"))
    now = repository.database_now(session)
    assert rollups.trend(session, RollupQuery(2013, as_of=now)) == rollups.trend(session, RollupQuery(2013))
    assert rollups.dashboard(session, RollupQuery(2013, as_of=now))[1] == rollups.trend(session, RollupQuery(2013))
