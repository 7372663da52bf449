"""The projects each counting rule counts in a year, now and as of a moment, behind the rollup's note
that another rule counts far more (``services.rollups.rule_hint``)."""
from __future__ import annotations

from registry.domain.rollups import RollupQuery
from registry.repositories import rollups as repository
from registry.services import rollups
from tests.integration import rollup_data


def test_each_rule_counts_the_year_as_the_rollup_does(session):
    rollup_data.load(session)
    assert repository.year_counts(session, 2013) == {"verified": 6, "completed": 8}
    assert repository.year_counts(session, 2014) == {"verified": 1, "completed": 0}
    assert repository.year_counts(session, 2013, "310115") == {"verified": 2, "completed": 4}
    for year in (2013, 2014):
        for rule, count in repository.year_counts(session, year).items():
            assert rollups.rollup(session, RollupQuery(year, rule)).totals.project_count == count


def test_as_of_a_moment_the_other_rule_is_counted_as_then(session):
    rollup_data.load(session)
    moment = rollups.database_now(session)
    rollup_data.complete_without_verifying(session, ["P1", "P2", "P3", "P4"])  # after the moment: not then
    then = rollups.rollup(session, RollupQuery(2015, "verified", moment))
    assert rollups.rule_hint(session, then) is None
    now = rollups.rollup(session, RollupQuery(2015, "verified"))
    hint = rollups.rule_hint(session, now)
    assert (hint.counted, hint.other_rule, hint.other_count) == (0, "completed", 4)
    later = rollups.rollup(session, RollupQuery(2015, "verified", rollups.database_now(session)))
    assert rollups.rule_hint(session, later) == hint  # read from history, as of that moment
