"""The pages' map cache keeps its last few keys: the least recently used is forgotten first."""
from __future__ import annotations

from registry.web.drawn_once import Kept


def test_the_least_recently_used_key_is_made_again_and_the_others_are_kept():
    made: list[str] = []
    kept = Kept(capacity=2)

    def get(key: str) -> str:
        return kept.get(key, lambda: made.append(key) or key.upper())

    assert [get("a"), get("b"), get("a")] == ["A", "B", "A"] and made == ["a", "b"]
    get("c")  # "b" was used least recently
    assert [get("a"), get("c"), get("b")] == ["A", "C", "B"] and made == ["a", "b", "c", "b"]
