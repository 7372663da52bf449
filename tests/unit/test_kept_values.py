"""The maps' and reports' cache keeps its last few keys: the least recently used is made again."""
from __future__ import annotations

from registry.services.report_cache import ReportCache


def test_the_least_recently_used_key_is_made_again_and_the_others_are_kept():
    made: list[str] = []
    kept = ReportCache(capacity=2)

    def get(key: str) -> str:
        return kept.kept(key, lambda: made.append(key) or key.upper())

    assert [get("a"), get("b"), get("a")] == ["A", "B", "A"] and made == ["a", "b"]
    get("c")  # "b" was used least recently
    assert [get("a"), get("c"), get("b")] == ["A", "C", "B"] and made == ["a", "b", "c", "b"]
