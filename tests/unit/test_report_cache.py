"""The report cache's bound: the least recently used part goes first; none kept at capacity 0."""
from __future__ import annotations

from registry.services.report_cache import ReportCache, Reading


def test_the_least_recently_used_part_goes_first():
    cache = ReportCache(2)
    cache.put("a", 1)
    cache.put("b", None)  # a part may be None (no development zone has an output)
    assert cache.get("a") == (True, 1)  # a is now the most recent
    cache.put("c", 3)
    assert (cache.get("b"), cache.get("a"), cache.get("c"), len(cache)) == ((False, None), (True, 1), (True, 3), 2)


def test_a_cache_of_no_entries_reads_no_versions_and_keeps_nothing():
    computed = []
    parts = Reading(None, ReportCache(0), ("parcel_outputs",))  # no session needed: nothing is read
    assert parts.part("years", lambda: computed.append(1) or (2017,)) == (2017,)
    assert parts.part("years", lambda: computed.append(2) or (2017,)) == (2017,)
    assert computed == [1, 2] and parts.keep() is None
