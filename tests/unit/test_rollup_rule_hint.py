"""When the rollup names another counting rule: only when it counts far more of the year's projects."""
from __future__ import annotations

from registry.domain.rollup_rule_hint import RuleHint, rule_hint


def test_a_year_nothing_counts_under_the_rule_names_the_rule_that_counts_some():
    # the current year under the default rule: nothing verified yet, 14 completed this year
    assert rule_hint("verified", 0, {"verified": 0, "completed": 14}) == RuleHint(0, "completed", 14)
    assert rule_hint("completed", 0, {"verified": 1}) == RuleHint(0, "verified", 1)


def test_far_fewer_is_fewer_than_half():
    assert rule_hint("verified", 3, {"completed": 7}) == RuleHint(3, "completed", 7)
    assert rule_hint("verified", 3, {"completed": 6}) is None
    # a past year, counted alike under both rules (some completed in December, verified in January)
    assert rule_hint("verified", 6, {"verified": 6, "completed": 8}) is None


def test_nothing_anywhere_says_nothing():
    assert rule_hint("verified", 0, {"verified": 0, "completed": 0}) is None
    assert rule_hint("verified", 0, {}) is None
