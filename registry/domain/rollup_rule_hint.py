"""When another counting rule would count far more of a year's projects than the rule chosen.

The dashboard opens on the default rule (``verified``), under which a year counts nothing until its
first project is verified: the current year read as empty in December while the registry held dozens
of projects completed that year. The page then says how many each rule counts, with a link that
switches the rule (docs/rollups.md, "What is counted, and in which year").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

# another rule is worth naming when it counts more than this many times as many projects
FAR_MORE = 2


@dataclass(frozen=True)
class RuleHint:
    """The year counts ``counted`` projects under the rule chosen, ``other_count`` under ``other_rule``."""

    counted: int
    other_rule: str
    other_count: int


def rule_hint(rule: str, counted: int, counts: Mapping[str, int]) -> RuleHint | None:
    """The rule among ``counts`` (rule → the year's counted projects) other than ``rule`` that counts
    the most, when it counts more than ``FAR_MORE`` times ``counted`` (any project at all when
    ``counted`` is 0); None otherwise — a year counted alike under both rules says nothing."""
    others = [(n, other) for other, n in counts.items() if other != rule]
    if not others:
        return None
    best, other = max(others)
    return RuleHint(counted, other, best) if best > FAR_MORE * counted else None
